// npm run bench: every benchmark of the project, one after another. Numbers, never pass/fail.
import {benchmarkStartup, reportPackageSize} from './startup-bench.js';

await benchmarkStartup();
reportPackageSize();
