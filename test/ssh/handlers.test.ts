import assert from 'node:assert/strict';
import {test} from 'node:test';
import {judgeLock} from '../../source/ssh/lock-handler.js';
import {gitSyncArgv} from '../../source/commands/git.js';
import {knownFailures, readAppCheck} from '../../source/ssh/remote-handlers.js';

test('the app check names the 127.0.0.1-inside-the-container trap and its fix', () => {
	for (const exitCode of [52, 56]) {
		const outcome = readAppCheck(exitCode, '', 8000, '/health');
		assert.equal(outcome.ok, false);
		assert.match(outcome.ok ? '' : outcome.message, /listens on 127\.0\.0\.1 inside its container/);
		assert.match(outcome.ok ? '' : outcome.hint ?? '', /--host 0\.0\.0\.0/);
	}

	assert.match(JSON.stringify(readAppCheck(7, '', 8000, '/health')), /Nothing listens on 127\.0\.0\.1:8000/);
	assert.match(JSON.stringify(readAppCheck(0, '404', 8000, '/health')), /\/health gives 404/);
	assert.equal(readAppCheck(0, '200', 8000, '/health').ok, true);
});

test('a lock is ours, dead (its run ended on this machine), stale (old) or held', () => {
	const self = {by: 'me@laptop', machine: 'laptop', pid: 100};
	const now = new Date('2026-11-23T12:00:00Z');
	const recent = '2026-11-23T11:55:00Z';
	assert.equal(judgeLock({...self, at: recent}, now, self, () => true), 'ours');
	assert.equal(judgeLock({...self, pid: 200, at: recent}, now, self, () => false), 'dead');
	assert.equal(judgeLock({...self, pid: 200, at: recent}, now, self, () => true), 'held');
	assert.equal(judgeLock({by: 'x@ci', machine: 'ci', pid: 1, at: recent}, now, self, () => false), 'held', 'another machine\'s process cannot be checked from here');
	assert.equal(judgeLock({by: 'x@ci', machine: 'ci', pid: 1, at: '2026-11-23T10:00:00Z'}, now, self), 'stale');
	assert.equal(judgeLock(undefined, now, self), 'stale');
});

test('a clone that failed to look up the git host is a DNS problem, not a refused deploy key', () => {
	const dns = 'ssh: Could not resolve hostname github.com: Temporary failure in name resolution\r\nfatal: Could not read from remote repository.';
	assert.match(knownFailures.find(failure => failure.pattern.test(dns))?.message ?? '', /cannot look up the git host's name \(DNS\)/);
	const refused = 'git@github.com: Permission denied (publickey).\r\nfatal: Could not read from remote repository.';
	assert.match(knownFailures.find(failure => failure.pattern.test(refused))?.message ?? '', /refused the deploy key/);
});

test('a sync that cannot fetch the files kept in Git LFS says why, in the person\'s terms', () => {
	const said = (output: string) => knownFailures.find(failure => failure.pattern.test(output))?.message ?? '';
	// What the sync script prints when the server has no git-lfs.
	const script = gitSyncArgv({directory: 'a', url: 'b', branch: 'main', useDeployKey: false, lfs: true})[2]!;
	const missing = /echo "(this project keeps files in Git LFS[^"]*)"/.exec(script)?.[1] ?? '';
	assert.match(said(missing), /server has no git-lfs/);
	assert.match(said('batch response: Repository or object not found: https://github.com/me/api.git/info/lfs\nerror: failed to fetch some objects from \'https://github.com/me/api.git/info/lfs\''), /would not hand over the files kept in Git LFS/);
});
