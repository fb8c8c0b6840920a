import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {createStandIn} from './stand-in.js';

test('a stand-in records argv exactly and answers from its replies', () => {
	const bin = mkdtempSync(path.join(tmpdir(), 'mldw-stand-in-'));
	const gcloud = createStandIn(bin, 'gcloud', [
		{whenArgsStartWith: ['projects', 'create'], stderr: 'already exists', exitCode: 1, times: 1},
		{whenArgsStartWith: ['auth', 'list'], stdout: 'me@example.com\n'},
	]);
	const output = execFileSync(path.join(bin, 'gcloud'), ['auth', 'list'], {encoding: 'utf8'});
	assert.equal(output, 'me@example.com\n');
	const first = spawnSync(path.join(bin, 'gcloud'), ['projects', 'create', 'a b; $(x)']);
	assert.equal(first.status, 1);
	const second = spawnSync(path.join(bin, 'gcloud'), ['projects', 'create', 'a b; $(x)']);
	assert.equal(second.status, 0, 'the "already exists" reply was limited to one use');
	assert.deepEqual(gcloud.calls(), [
		['auth', 'list'],
		['projects', 'create', 'a b; $(x)'],
		['projects', 'create', 'a b; $(x)'],
	]);
});
