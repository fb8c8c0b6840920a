// A server where the user has neither root nor sudo, and Docker with compose is missing
// (no docker stand-in on this user's PATH): the run must stop cleanly with the exact commands an
// administrator has to run, and change nothing. Real sshd, real sudo; no stand-ins needed.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {runDeployCli} from '../support/deploy-cli.js';
import {startTestSshServer, type TestSshServer} from '../support/sshd.js';

let server: TestSshServer;
let work: string;

before(async () => {
	server = await startTestSshServer({sudo: false});
	work = mkdtempSync(path.join(tmpdir(), 'mldw-nosudo-'));
	chmodSync(work, 0o755);
	mkdirSync(path.join(work, 'home'));
	writeFileSync(path.join(work, 'home', '.gitconfig'), '[user]\n\tname = Test\n\temail = test@example.test\n');
	// The project is a checkout of its git host (a bare repository), code only: the run
	// commits and pushes the deployment files (repo.push), then meets the server.
	execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', path.join(work, 'api.git')]);
	execFileSync('git', ['clone', '--quiet', path.join(work, 'api.git'), path.join(work, 'project')], {stdio: 'ignore'});
	writeFileSync(path.join(work, 'project', 'main.py'), 'from fastapi import FastAPI\n\napp = FastAPI()\n');
	const git = (...args: string[]) => execFileSync('git', ['-C', path.join(work, 'project'), ...args], {env: {...process.env, HOME: path.join(work, 'home')}});
	git('add', '.');
	git('commit', '--quiet', '-m', 'app');
	git('push', '--quiet', 'origin', 'main');
});

after(() => {
	server?.stop();
	if (work) {
		rmSync(work, {recursive: true, force: true});
	}
});

test('without sudo, missing software stops the run with the commands to run as root', async () => {
	const config = {
		provider: 'vps',
		server: {host: '127.0.0.1', port: server.port, user: server.user, hostKey: server.fingerprint()},
		repo: {url: path.join(work, 'api.git'), push: true},
	};
	const options = {config, work, home: path.join(work, 'home'), project: path.join(work, 'project')};
	const first = await runDeployCli(options);
	assert.equal(first.code, 1);
	server.authorize(readFileSync(path.join(work, 'home/.ssh/id_mldw.pub'), 'utf8'));
	const run = await runDeployCli(options);
	assert.equal(run.code, 1, run.stdout + run.stderr);
	assert.match(run.stdout + run.stderr, /Rights: mldw\w+ is not root and cannot use sudo without a password/);
	// This machine may have a docker client without the compose plugin; either way it is missing.
	assert.match(run.stdout, /Docker: not installed\.|Docker is installed but "docker compose" is not/);
	assert.match(run.stderr, /mldw\w+ cannot use sudo, so the wizard cannot install docker\./);
	assert.match(run.stderr, /sudo curl -fsSL https:\/\/download\.docker\.com\/linux\/debian\/gpg -o \/etc\/apt\/keyrings\/docker\.asc/);
	assert.match(run.stderr, /sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends docker-ce docker-ce-cli containerd\.io docker-buildx-plugin docker-compose-plugin/);
	assert.doesNotMatch(run.stdout, /Clone or update|git clone/, 'nothing after the check ran');
});
