// The server-side sync with a model kept in Git LFS, on real git and git-lfs: the git host
// is a bare repository on a local path, the server a fresh home folder, and git's system
// config (where Debian's git-lfs installs its filters) is left out, as on a server where
// git-lfs came without them or only after the first clone.
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {gitSyncArgv} from '../../source/commands/git.js';

const model = 'the real model bytes\n';

function gitHostWithLfsModel(): string {
	const root = mkdtempSync(path.join(tmpdir(), 'mldw-lfs-'));
	const origin = path.join(root, 'origin.git');
	const work = path.join(root, 'work');
	const env = {...process.env, HOME: root, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.test', GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.test'};
	const git = (cwd: string, ...args: string[]) => execFileSync('git', args, {cwd, env, stdio: 'pipe'});
	execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', origin]);
	mkdirSync(path.join(work, 'models'), {recursive: true});
	git(work, 'init', '--quiet', '-b', 'main');
	git(work, 'lfs', 'install', '--local');
	git(work, 'lfs', 'track', '*.joblib');
	writeFileSync(path.join(work, 'models', 'model.joblib'), model);
	git(work, 'add', '-A');
	git(work, 'commit', '--quiet', '-m', 'A model in Git LFS');
	// A named remote: git-lfs finds where to send the objects from it (a bare path gives it no protocol).
	git(work, 'remote', 'add', 'origin', origin);
	git(work, 'push', '--quiet', 'origin', 'main');
	return origin;
}

/** Runs the sync as the server would, in a fresh home; returns the model as the clone has it. */
function syncOnServer(origin: string, lfs: boolean): {code: number | null; stdout: string; model: string} {
	const home = mkdtempSync(path.join(tmpdir(), 'mldw-lfs-server-'));
	const [command, ...args] = gitSyncArgv({directory: 'apps/api', url: origin, branch: 'main', useDeployKey: false, lfs});
	const run = spawnSync(command!, args, {cwd: home, env: {PATH: process.env.PATH, HOME: home, GIT_CONFIG_NOSYSTEM: '1'}, encoding: 'utf8'});
	assert.equal(run.status, 0, run.stderr);
	return {code: run.status, stdout: run.stdout, model: readFileSync(path.join(home, 'apps', 'api', 'models', 'model.joblib'), 'utf8')};
}

test('a model kept in Git LFS arrives on the server as the model, not its pointer', () => {
	const origin = gitHostWithLfsModel();
	// What a plain clone gets: the pointer, which the image would be built with.
	assert.match(syncOnServer(origin, false).model, /^version https:\/\/git-lfs\.github\.com\/spec\/v1/);
	const synced = syncOnServer(origin, true);
	assert.equal(synced.model, model);
	assert.match(synced.stdout, /fetched the files kept in Git LFS/);
});
