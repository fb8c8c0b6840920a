// The publish-code handler against real git: a bare repository stands for the git host.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, test} from 'node:test';
import type {ActionOutcome, PublishCodeAction} from '../../source/core/action.js';
import {publishCode} from '../../source/run/publish-code.js';

const work = mkdtempSync(path.join(tmpdir(), 'mldw-publish-'));
after(() => rmSync(work, {recursive: true, force: true}));

const identity = ['-c', 'user.name=Test', '-c', 'user.email=test@example.com'];
const git = (directory: string, ...args: string[]) => execFileSync('git', ['-C', directory, ...identity, ...args]).toString().trim();

/** A project pushed to its own bare "git host", with app code but no deployment files. */
function project(name: string): {directory: string; host: string} {
	const host = path.join(work, `${name}.git`);
	execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', host]);
	const directory = path.join(work, name);
	execFileSync('git', ['clone', '--quiet', host, directory], {stdio: 'ignore'});
	writeFileSync(path.join(directory, 'main.py'), 'app = None\n');
	git(directory, 'add', '.');
	git(directory, 'commit', '--quiet', '-m', 'App');
	git(directory, 'push', '--quiet', 'origin', 'main');
	return {directory, host};
}

async function run(directory: string, action: Partial<PublishCodeAction> & {repoUrl: string}): Promise<{outcome: ActionOutcome; output: string}> {
	let output = '';
	const outcome = await publishCode(
		{kind: 'publish-code', label: 'publish', branch: 'main', files: ['Dockerfile', 'compose.yaml', '.dockerignore'], mayPublish: false, ...action},
		{projectDirectory: directory, onOutput: chunk => {
			output += chunk;
		}},
	);
	return {outcome, output};
}

test('files written but not committed: stops with the exact commands, before anything changes', async () => {
	const {directory, host} = project('uncommitted');
	writeFileSync(path.join(directory, 'Dockerfile'), 'FROM python:3.12-slim\n');
	writeFileSync(path.join(directory, 'compose.yaml'), 'services: {}\n');
	writeFileSync(path.join(directory, 'notes.txt'), 'scratch\n');
	const {outcome, output} = await run(directory, {repoUrl: host});
	assert.equal(outcome.ok, false);
	assert.ok(!outcome.ok);
	assert.match(outcome.message, /Dockerfile, compose\.yaml are not committed\. Nothing on the server was changed\./);
	assert.equal(
		outcome.hint?.split('\n').slice(0, 4).join('\n'),
		`Run in your project:\n  git add -- Dockerfile compose.yaml\n  git commit -m 'Add the deployment files (ml-deploy-wizard)' -- Dockerfile compose.yaml\n  git push origin HEAD:refs/heads/main`,
	);
	assert.deepEqual((outcome.data as {needsPublish: boolean}).needsPublish, true);
	assert.match(output, /Not committed, so not deployed: notes\.txt/);
	assert.equal(git(directory, 'status', '--porcelain', '--', 'Dockerfile'), '?? Dockerfile', 'nothing was committed without consent');
});

test('with consent: commits only the deployment files, pushes, and names the commit the server will build', async () => {
	const {directory, host} = project('consent');
	writeFileSync(path.join(directory, 'Dockerfile'), 'FROM python:3.12-slim\n');
	writeFileSync(path.join(directory, 'compose.yaml'), 'services: {}\n');
	writeFileSync(path.join(directory, 'notes.txt'), 'scratch\n');
	execFileSync('git', ['-C', directory, 'config', 'user.name', 'Test']);
	execFileSync('git', ['-C', directory, 'config', 'user.email', 'test@example.com']);
	const {outcome, output} = await run(directory, {repoUrl: host, mayPublish: true});
	assert.equal(outcome.ok, true, JSON.stringify(outcome));
	const head = git(directory, 'rev-parse', 'HEAD');
	assert.deepEqual(outcome.ok && outcome.data, {commit: head, subject: 'Add the deployment files (ml-deploy-wizard)', branch: 'main', subdirectory: ''});
	assert.equal(git(host, 'rev-parse', 'main'), head, 'the git host has the commit');
	assert.equal(git(host, 'show', '--name-only', '--format=', 'main'), 'Dockerfile\ncompose.yaml');
	assert.match(output, /\$ git push origin HEAD:refs\/heads\/main/);
	assert.equal(git(directory, 'status', '--porcelain', '--', 'notes.txt'), '?? notes.txt', 'other work is left alone');

	const again = await run(directory, {repoUrl: host, mayPublish: true});
	assert.equal(again.outcome.ok, true);
	assert.doesNotMatch(again.output, /\$ git/, 'in step: no command runs');
});

test('the project in a subfolder of the repository: paths and the subfolder are reported for the server', async () => {
	const {directory, host} = project('monorepo');
	const api = path.join(directory, 'services', 'api');
	mkdirSync(api, {recursive: true});
	writeFileSync(path.join(api, 'Dockerfile'), 'FROM python:3.12-slim\n');
	writeFileSync(path.join(api, 'compose.yaml'), 'services: {}\n');
	git(directory, 'add', '.');
	git(directory, 'commit', '--quiet', '-m', 'API');
	const behind = await run(api, {repoUrl: host});
	assert.ok(!behind.outcome.ok && /your latest commit is not pushed/.test(behind.outcome.message));
	git(directory, 'push', '--quiet', 'origin', 'main');
	const {outcome} = await run(api, {repoUrl: host});
	assert.ok(outcome.ok);
	assert.equal((outcome.data as {subdirectory: string}).subdirectory, 'services/api/');
});

test('no repository, another branch, commits only on the git host, an ignored compose file: each stops with what to do', async () => {
	const bare = path.join(work, 'plain');
	mkdirSync(bare);
	const none = await run(bare, {repoUrl: 'git@github.com:me/api.git'});
	assert.ok(!none.outcome.ok && /not in a git repository/.test(none.outcome.message));
	assert.match(none.outcome.ok ? '' : none.outcome.hint ?? '', /git init -b main\n {2}git add -A\n.*\n {2}git remote add origin git@github\.com:me\/api\.git\n {2}git push -u origin main/);

	const {directory, host} = project('elsewhere');
	git(directory, 'checkout', '--quiet', '-b', 'feature');
	const branch = await run(directory, {repoUrl: host});
	assert.ok(!branch.outcome.ok && /The server runs branch main, but this project is on branch feature/.test(branch.outcome.message));
	git(directory, 'checkout', '--quiet', 'main');

	const other = path.join(work, 'other-clone');
	execFileSync('git', ['clone', '--quiet', host, other], {stdio: 'ignore'});
	writeFileSync(path.join(other, 'README.md'), 'x\n');
	git(other, 'add', '.');
	git(other, 'commit', '--quiet', '-m', 'Elsewhere');
	git(other, 'push', '--quiet', 'origin', 'main');
	const diverged = await run(directory, {repoUrl: host, mayPublish: true});
	assert.ok(!diverged.outcome.ok && /has commits this computer does not have/.test(diverged.outcome.message), JSON.stringify(diverged));
	assert.match(diverged.outcome.ok ? '' : diverged.outcome.hint ?? '', /git pull --rebase origin main/);

	git(directory, 'pull', '--quiet', '--rebase', 'origin', 'main');
	writeFileSync(path.join(directory, '.gitignore'), 'compose.yaml\n');
	writeFileSync(path.join(directory, 'compose.yaml'), 'services: {}\n');
	const ignored = await run(directory, {repoUrl: host, mayPublish: true});
	assert.ok(!ignored.outcome.ok && /compose\.yaml is ignored by git/.test(ignored.outcome.message));
});
