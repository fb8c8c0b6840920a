import assert from 'node:assert/strict';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import type {RetryPolicy} from '../../source/core/action.js';
import {runCommandWithRetry, stillFailing} from '../../source/run/retry-command.js';

const policy: RetryPolicy = {when: ['does not exist'], seconds: 60, reason: 'IAM is catching up'};

/** A command that fails with `message` the first `failures` times, then prints "done". */
function flaky(failures: number, message: string): string[] {
	const directory = mkdtempSync(path.join(tmpdir(), 'mldw-retry-'));
	const counter = path.join(directory, 'count');
	writeFileSync(counter, '0');
	const script = `n=$(cat "$1"); echo $((n + 1)) > "$1"; if [ "$n" -lt ${failures} ]; then echo "${message}" >&2; exit 1; fi; echo done`;
	return ['sh', '-c', script, 'flaky', counter];
}

test('a command failing the way the policy names runs again after growing pauses, and the reason is said each time', async () => {
	const waits: number[] = [];
	const said: string[] = [];
	const {result, waitedSeconds} = await runCommandWithRetry(flaky(3, 'Service account x does not exist.'), {projectDirectory: tmpdir()}, policy, text => said.push(text), async milliseconds => {
		waits.push(milliseconds);
	});
	assert.ok(result.ok && result.output.trim() === 'done');
	assert.deepEqual(waits, [5000, 10_000, 20_000]);
	assert.equal(waitedSeconds, 35);
	assert.deepEqual(said, [5, 10, 20].map(seconds => `IAM is catching up: trying again in ${seconds} s (waiting 1 minute at most).\n`));
});

test('the wait is bounded: past the policy\'s seconds the last failure is returned, and says how long it waited', async () => {
	const waits: number[] = [];
	const {result, waitedSeconds} = await runCommandWithRetry(flaky(100, 'does not exist'), {projectDirectory: tmpdir()}, policy, () => undefined, async milliseconds => {
		waits.push(milliseconds);
	});
	assert.equal(result.ok, false);
	assert.deepEqual(waits, [5000, 10_000, 20_000], 'a 40 s pause would pass 60 s');
	assert.equal(stillFailing(waitedSeconds), ' It still failed after 35 s of waiting.');
	assert.equal(stillFailing(0), '');
});

test('any other failure, or no policy, is returned at once', async () => {
	const waits: number[] = [];
	const sleep = async (milliseconds: number) => {
		waits.push(milliseconds);
	};

	const other = await runCommandWithRetry(flaky(1, 'no space left on device'), {projectDirectory: tmpdir()}, policy, () => undefined, sleep);
	assert.equal(other.result.ok, false);
	const none = await runCommandWithRetry(flaky(1, 'does not exist'), {projectDirectory: tmpdir()}, undefined, () => undefined, sleep);
	assert.equal(none.result.ok, false);
	assert.deepEqual(waits, []);
});
