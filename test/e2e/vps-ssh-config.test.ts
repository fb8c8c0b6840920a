// End to end: a person who already reaches the server with `ssh myserver`. The real CLI
// (`deploy --config --yes`) gets only {"host": "myserver"}; their ~/.ssh/config (with an
// Include) gives the address, port, user, key and a ProxyJump through a second real sshd
// (the bastion); the key has a passphrase and lives in a real ssh-agent the test starts;
// their ~/.ssh/known_hosts (hashed by ssh-keygen -H) already has both host keys, so no
// server.hostKey is needed. The wizard's own key is never authorized anywhere.
// STAND-INS, as in vps-deploy.test.ts: docker (test/support/docker-stand-in.ts) and
// systemctl (an argv recorder) first on the server user's PATH.
// The Caddy step and the live check use the address the ssh config gives "myserver"
// (127.0.0.1). With the recorder systemctl no Caddy runs, so the live check fails there, at
// TCP on port 80, as in vps-deploy.test.ts; everything before it ran.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {runDeployCli} from '../support/deploy-cli.js';
import {createDockerStandIn, type DockerStandIn} from '../support/docker-stand-in.js';
import {createStandIn} from '../support/stand-in.js';
import {freePort, startTestSshServer, type TestSshServer} from '../support/sshd.js';
import {type Agent, hostBlock, type Laptop, makeLaptop, startAgent} from '../ssh/laptop.js';

let target: TestSshServer;
let bastion: TestSshServer;
let laptop: Laptop;
let agent: Agent;
let docker: DockerStandIn;
let work: string;
let project: string;
let appPort: number;

before(async () => {
	[target, bastion] = await Promise.all([startTestSshServer(), startTestSshServer({sudo: false})]);
	work = mkdtempSync(path.join(tmpdir(), 'mldw-e2e-sshconfig-'));
	chmodSync(work, 0o755);
	laptop = makeLaptop();
	const key = laptop.keygen('id_ed25519_work', 'a long passphrase');
	target.authorize(key);
	bastion.authorize(key);
	laptop.writeSshFile('config', 'Include config.d/*.conf\n');
	const identity = {IdentityFile: '~/.ssh/id_ed25519_work'};
	laptop.writeSshFile('config.d/servers.conf', [
		hostBlock('myserver', {HostName: '127.0.0.1', Port: target.port, User: target.user, ...identity, IdentitiesOnly: 'yes', ProxyJump: 'jump'}),
		hostBlock('jump', {HostName: '127.0.0.1', Port: bastion.port, User: bastion.user, ...identity}),
	].join('\n'));
	laptop.scanIntoKnownHosts(target.port);
	laptop.scanIntoKnownHosts(bastion.port);
	agent = await startAgent(work);
	agent.add(path.join(laptop.ssh, 'id_ed25519_work'), 'a long passphrase');

	// The person's project: a FastAPI app pushed to its git host.
	appPort = await freePort();
	const repository = path.join(work, 'api.git');
	project = path.join(work, 'project');
	execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', repository]);
	execFileSync('git', ['clone', '--quiet', repository, project], {stdio: 'ignore'});
	writeFileSync(path.join(project, 'main.py'), 'from fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get("/health")\ndef health():\n    return {"status": "ok"}\n');
	writeFileSync(path.join(project, 'requirements.txt'), 'fastapi\nuvicorn\n');
	writeFileSync(path.join(laptop.home, '.gitconfig'), '[user]\n\tname = Test\n\temail = test@example.test\n');
	const git = (...args: string[]) => execFileSync('git', ['-C', project, ...args], {env: {...process.env, HOME: laptop.home}});
	git('add', '.');
	git('commit', '--quiet', '-m', 'app');
	git('push', '--quiet', 'origin', 'main');
	target.runAsUser('git config --global --add safe.directory "*"');
	const recorders = path.join(target.binDirectory, 'recorders');
	docker = createDockerStandIn(recorders);
	writeFileSync(path.join(target.binDirectory, 'docker'), `#!/bin/sh\nexec ${path.join(recorders, 'docker')} "$@"\n`, {mode: 0o755});
	chmodSync(recorders, 0o755);
	createStandIn(target.binDirectory, 'systemctl');
	target.runAsUser('mkdir -p ~/caddy');
	mkdirSync(path.join(work, 'state'));
});

after(async () => {
	await docker?.stopAll();
	agent?.stop();
	target?.stop();
	bastion?.stop();
	laptop?.remove();
	if (work) {
		rmSync(work, {recursive: true, force: true});
	}
});

test('server.host "myserver" alone: the config, the agent and known_hosts do the rest, one login per hop', async () => {
	const config = {
		provider: 'vps',
		app: {port: appPort, healthPath: '/health'},
		server: {host: 'myserver', caddyfile: `${target.home}/caddy/Caddyfile`},
		repo: {url: path.join(work, 'api.git'), branch: 'main', push: true},
	};
	const targetLogins = target.acceptedLogins();
	const bastionLogins = bastion.acceptedLogins();
	const run = await runDeployCli({config, work, home: laptop.home, project, env: {SSH_AUTH_SOCK: agent.socket}});

	// Every step up to the app's start ran on the server, through the bastion.
	assert.match(run.stdout, /> Deploy your app\n(?: {2}.*\n|.*\n)*? {2}done\n> Put Caddy in front\n/, run.stdout + run.stderr);
	assert.match(run.stdout, /The app answers on 127\.0\.0\.1:\d+\/health \(HTTP 200\)/);
	assert.equal(run.code, 1);
	assert.match(run.stdout, /check from here that the firewall lets ports \d+, 80, 443 of 127\.0\.0\.1 through\n/, 'by the address the alias stands for');
	assert.match(run.stderr, /^x Check http:\/\/127\.0\.0\.1\/ layer by layer failed: TCP failed: 127\.0\.0\.1 port 80: connection refused/m);
	assert.match(target.runAsUser('git -C ~/apps/api log --oneline'), /Add the deployment files/);
	assert.ok(docker.calls().some(argv => argv.join(' ') === 'compose -f apps/api/compose.yaml up -d --build --remove-orphans'));

	// Which values came from the person's config, which key logged in, and how.
	assert.match(run.stdout, new RegExp(`Host myserver in ~/\\.ssh/config\\.d/servers\\.conf: HostName 127\\.0\\.0\\.1, User ${target.user}, Port ${target.port}, IdentityFile ~/\\.ssh/id_ed25519_work, IdentitiesOnly yes, ProxyJump jump\\.`));
	assert.match(run.stdout, new RegExp(`SSH port ${target.port}: from your ssh config\\.`));
	assert.match(run.stdout, new RegExp(`User ${target.user}: from your ssh config\\.`));
	assert.match(run.stdout, /matches the hashed entry in ~\/\.ssh\/known_hosts, so it is trusted without asking again/);
	assert.match(run.stdout, new RegExp(`Logged in as ${target.user}@myserver \\(127\\.0\\.0\\.1 port ${target.port}, through jump\\) with ~/\\.ssh/id_ed25519_work \\(ssh-ed25519 SHA256:[\\w+/]{43}\\), through ssh-agent\\.`));
	assert.doesNotMatch(run.stdout, /Host myserver\n {4}HostName/, 'no second Host block for a Host the person has');

	// One login on each sshd for the whole run, counted in their own logs.
	assert.equal(bastion.acceptedLogins() - bastionLogins, 1, 'one login on the bastion');
	assert.equal(target.acceptedLogins() - targetLogins, 1, 'one login on the server');
	const wizardKnownHosts = readFileSync(path.join(laptop.ssh, 'mldw_known_hosts'), 'utf8');
	assert.match(wizardKnownHosts, /^\|1\|/, 'the trusted key was copied, hashed like the person\'s');
	assert.equal(readFileSync(path.join(laptop.ssh, 'config'), 'utf8'), 'Include config.d/*.conf\n', 'the person\'s config is untouched');
	const state = execFileSync('sh', ['-c', 'cat "$1"/*.json', 'sh', path.join(work, 'state')]).toString();
	assert.match(state, /"serverHost":\s*"myserver"/);
	assert.doesNotMatch(state, /a long passphrase|PRIVATE KEY/);
});
