// STAND-IN for sleep: records how long it was asked to wait and returns at once, so the
// generated scripts' waits for IAM are tested (and compared with the wizard's) in no time.
'use strict';
const {record} = require('./common.cjs');

record('sleep', process.argv.slice(2));
