// npm run bench: every benchmark of the project, one after another. Numbers, never pass/fail.
import {benchmarkCorpus} from './corpus-bench.js';
import {benchmarkFlows} from './flows-bench.js';
import {benchmarkStartup, reportPackageSize} from './startup-bench.js';

await benchmarkStartup();
await benchmarkFlows();
reportPackageSize();
await benchmarkCorpus();
// The SSH benchmark runs at import: a real sshd on loopback, pooled ssh2 vs one ssh per command.
console.log('SSH, the remote part of a VPS deployment:');
await import('./ssh-bench.js');
// The whole VPS journey, in the terminal UI and headless, inside its own network namespace.
await import('./journey-bench.js');
