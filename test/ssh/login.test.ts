// The person's own SSH set-up, against two real sshds on 127.0.0.1 (one a bastion): a key
// with a passphrase through a real ssh-agent or typed once, ~/.ssh/config with Include and
// ProxyJump, and a hashed ~/.ssh/known_hosts that vouches for a server (or refuses a
// changed key). Logins are counted in each sshd's own log ("Accepted publickey").
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, beforeEach, test} from 'node:test';
import type {RemoteHost} from '../../source/core/action.js';
import type {RunContext} from '../../source/run/execute.js';
import {createSshHandlers} from '../../source/ssh/handlers.js';
import {forgetUnlockedKeys} from '../../source/ssh/identities.js';
import {ensureKeyPair} from '../../source/ssh/keys.js';
import {type PassphraseRequest, setPassphrasePrompt} from '../../source/ssh/passphrase-prompt.js';
import {closeAllSessions, ensureSession, execRemote, writeRemoteFile} from '../../source/ssh/session.js';
import {rejection} from './rejection.js';
import {startTestSshServer, type TestSshServer} from '../support/sshd.js';
import {type Agent, hostBlock, type Laptop, makeLaptop, startAgent} from './laptop.js';

const passphrase = 'correct horse battery';
let target: TestSshServer;
let bastion: TestSshServer;
let laptop: Laptop;
let agent: Agent;
const handlers = createSshHandlers();
const output: string[] = [];
const context: RunContext = {projectDirectory: '/', onOutput: chunk => output.push(chunk)};

function server(host: string, overrides: Partial<RemoteHost> = {}): RemoteHost {
	return {host, port: target.port, user: target.user, identityFile: '~/.ssh/id_mldw', ...overrides};
}

before(async () => {
	[target, bastion] = await Promise.all([startTestSshServer(), startTestSshServer({sudo: false})]);
	laptop = makeLaptop();
	// The wizard reads ~/.ssh through HOME, as OpenSSH's tools do for the person.
	process.env.HOME = laptop.home;
	delete process.env.MLDW_KNOWN_HOSTS;
	delete process.env.SSH_AUTH_SOCK;
	const work = laptop.keygen('id_work', passphrase);
	await ensureKeyPair('~/.ssh/id_mldw', 'mldw@laptop');
	target.authorize(work);
	bastion.authorize(work);
	laptop.writeSshFile('config', 'Include config.d/*\n\nHost *\n    ServerAliveInterval 30\n');
	const key = {IdentityFile: '~/.ssh/id_work'};
	laptop.writeSshFile('config.d/servers', [
		hostBlock('myserver', {HostName: '127.0.0.1', Port: target.port, User: target.user, ...key, ProxyJump: 'bastion'}),
		hostBlock('bastion', {HostName: '127.0.0.1', Port: bastion.port, User: bastion.user, ...key}),
		hostBlock('direct', {HostName: '127.0.0.1', Port: target.port, ...key}),
	].join('\n'));
	laptop.scanIntoKnownHosts(target.port);
	laptop.scanIntoKnownHosts(bastion.port);
	agent = await startAgent(laptop.home);
});

beforeEach(async () => {
	await closeAllSessions();
	forgetUnlockedKeys();
	setPassphrasePrompt(undefined);
	delete process.env.SSH_AUTH_SOCK;
	output.length = 0;
});

after(async () => {
	await closeAllSessions();
	agent?.stop();
	target?.stop();
	bastion?.stop();
	laptop?.remove();
});

test('the known_hosts the test made is hashed, the way HashKnownHosts writes it', () => {
	const text = readFileSync(path.join(laptop.ssh, 'known_hosts'), 'utf8');
	assert.equal(text.trim().split('\n').length, 2);
	assert.ok(text.split('\n').filter(Boolean).every(line => line.startsWith('|1|')), text);
	assert.doesNotMatch(text, /127\.0\.0\.1/);
});

test('a passphrase-protected key held by a real ssh-agent logs in, with nobody to type the passphrase', async () => {
	agent.add(path.join(laptop.ssh, 'id_work'), passphrase);
	assert.match(agent.listed(), /id_work@laptop/);
	process.env.SSH_AUTH_SOCK = agent.socket;
	const logins = target.acceptedLogins();
	const result = await execRemote(server('direct'), ['sh', '-c', 'echo "$USER"']);
	assert.equal(result.stdout, `${target.user}\n`);
	const login = await ensureSession(server('direct'));
	assert.equal(login.key?.file, '~/.ssh/id_work');
	assert.equal(login.key?.inAgent, true);
	assert.equal(target.acceptedLogins() - logins, 1);
	// The server's log names the key that logged in: the agent's, i.e. id_work's fingerprint.
	const fingerprint = execFileSync('ssh-keygen', ['-lf', path.join(laptop.ssh, 'id_work.pub')]).toString().split(' ')[1]!;
	assert.equal(login.key?.fingerprint, fingerprint);
});

test('without an agent the passphrase is asked when the server accepts the key, once for the whole run', async () => {
	const requests: PassphraseRequest[] = [];
	setPassphrasePrompt(async request => {
		requests.push(request);
		return request.attempt === 1 ? 'wrong guess' : passphrase;
	});
	const result = await execRemote(server('direct'), ['echo', 'unlocked']);
	assert.equal(result.stdout, 'unlocked\n');
	assert.deepEqual(requests.map(request => [request.keyPath, request.attempt]), [['~/.ssh/id_work', 1], ['~/.ssh/id_work', 2]]);
	assert.match(requests[0]!.server, new RegExp(`^${target.user}@direct \\(127\\.0\\.0\\.1 port ${target.port}\\)$`));

	// A dropped link is reopened with the key already unlocked in memory: no second question.
	target.dropConnections();
	await new Promise(resolve => setTimeout(resolve, 200));
	assert.equal((await execRemote(server('direct'), ['echo', 'again'])).stdout, 'again\n');
	assert.equal(requests.length, 2);
	const check = await handlers['check-login']!({kind: 'check-login', label: 'log in', server: server('direct')}, context);
	assert.ok(check.ok);
	assert.match(check.output ?? '', /^Logged in as mldw\w+@direct \(127\.0\.0\.1 port \d+\) with ~\/\.ssh\/id_work \(ssh-ed25519 SHA256:[\w+/]{43}\)\.$/m);
	assert.doesNotMatch(check.output ?? '', /^User /m, 'the config names no User for direct: nothing to attribute');
});

test('headless (no one to type it, no agent): the refusal names the key and the way forward', async () => {
	const error = await rejection(execRemote(server('direct'), ['true']));
	assert.equal(error.reason, 'auth');
	assert.match(error.message, /refused every key offered for user "mldw\w+" \(~\/\.ssh\/id_work \(ssh-ed25519 SHA256:[\w+/]{43}\); ~\/\.ssh\/id_mldw /);
	assert.match(error.message, /~\/\.ssh\/id_work is protected by a passphrase, and nobody can type it in this run: add the key to your agent \(ssh-add ~\/\.ssh\/id_work\)/);
});

test('a Host alias with Include and ProxyJump: one login on the bastion and one on the server for the whole run', async () => {
	process.env.SSH_AUTH_SOCK = agent.socket;
	const targetLogins = target.acceptedLogins();
	const bastionLogins = bastion.acceptedLogins();
	const scan = await handlers['scan-host-key']!({kind: 'scan-host-key', label: 'scan', host: 'myserver', port: target.port}, context);
	assert.ok(scan.ok, JSON.stringify(scan));
	assert.match(scan.output ?? '', /^Host myserver in ~\/\.ssh\/config\.d\/servers: HostName 127\.0\.0\.1, User mldw\w+, Port \d+, IdentityFile ~\/\.ssh\/id_work, ProxyJump bastion\.$/m);
	assert.match(scan.output ?? '', new RegExp(`^Through bastion \\(${bastion.user}@127\\.0\\.0\\.1 port ${bastion.port}\\)`, 'm'));
	assert.match(scan.output ?? '', /matches the hashed entry in ~\/\.ssh\/known_hosts, so it is trusted without asking again/);
	assert.deepEqual((scan.data as {via: string[]}).via, ['bastion']);
	assert.equal(bastion.acceptedLogins() - bastionLogins, 1, 'reading the server\'s key needs the bastion');
	assert.equal(target.acceptedLogins() - targetLogins, 0, 'reading a host key is not a login');

	const trust = await handlers['trust-host']!({kind: 'trust-host', label: 'trust', host: 'myserver', port: target.port}, context);
	assert.ok(trust.ok, JSON.stringify(trust));
	const login = await handlers['check-login']!({kind: 'check-login', label: 'log in', server: server('myserver')}, context);
	assert.ok(login.ok, JSON.stringify(login));
	assert.match(login.output ?? '', new RegExp(`^Logged in as ${target.user}@myserver \\(127\\.0\\.0\\.1 port ${target.port}, through bastion\\) with ~/\\.ssh/id_work \\(ssh-ed25519 SHA256:[\\w+/]{43}\\), through ssh-agent\\.$`, 'm'));
	assert.match(login.output ?? '', new RegExp(`^User ${target.user}: from your ssh config\\.$`, 'm'));
	for (let index = 0; index < 5; index++) {
		assert.equal((await execRemote(server('myserver'), ['echo', String(index)])).stdout, `${index}\n`);
	}

	await writeRemoteFile(server('myserver'), '.through-bastion', 'yes\n', 0o600);
	assert.equal(target.runAsUser('cat ~/.through-bastion'), 'yes\n');
	assert.equal(bastion.acceptedLogins() - bastionLogins, 1, 'one login on the bastion');
	assert.equal(target.acceptedLogins() - targetLogins, 1, 'one login on the server');

	// The server's connection is a channel inside the bastion's: dropping the bastion's drops
	// both, and the next command logs in once more on each.
	bastion.dropConnections();
	await new Promise(resolve => setTimeout(resolve, 300));
	assert.equal((await execRemote(server('myserver'), ['echo', 'back'])).stdout, 'back\n');
	assert.equal(bastion.acceptedLogins() - bastionLogins, 2);
	assert.equal(target.acceptedLogins() - targetLogins, 2);
});

test('a bastion that may not forward says so, naming the hop that failed', async () => {
	process.env.SSH_AUTH_SOCK = agent.socket;
	await bastion.restartWith(['AllowTcpForwarding no']);
	try {
		const error = await rejection(execRemote(server('myserver'), ['true']));
		assert.equal(error.reason, 'unreachable');
		assert.match(error.message, new RegExp(`^The jump host bastion \\(127\\.0\\.0\\.1\\) port ${bastion.port} could not open a connection to 127\\.0\\.0\\.1 port ${target.port}`));
		assert.match(error.hint ?? '', /AllowTcpForwarding/);
	} finally {
		await bastion.restartWith([]);
	}
});

test('a changed key is refused when ~/.ssh/known_hosts has another one, by the scan, the trust step and every connection', async () => {
	process.env.SSH_AUTH_SOCK = agent.socket;
	// A fresh wizard known_hosts: only the person's (hashed) file knows this server.
	process.env.MLDW_KNOWN_HOSTS = path.join(laptop.home, 'fresh_known_hosts');
	await target.changeHostKey();
	try {
		const scan = await handlers['scan-host-key']!({kind: 'scan-host-key', label: 'scan', host: 'direct', port: target.port}, context);
		assert.equal(scan.ok, false);
		assert.match(scan.ok ? '' : scan.message, new RegExp(`^The server at 127\\.0\\.0\\.1 port ${target.port} presented a different host key \\(${target.fingerprint().replaceAll('+', '\\+')}\\) from the one recorded in ~/\\.ssh/known_hosts\\. Either the server was rebuilt`));
		assert.match(scan.ok ? '' : scan.hint ?? '', /ssh-keygen -R '\[127\.0\.0\.1\]:\d+' -f ~\/\.ssh\/known_hosts/);
		const trust = await handlers['trust-host']!({kind: 'trust-host', label: 'trust', host: 'direct', port: target.port, approvedFingerprint: target.fingerprint()}, context);
		assert.equal(trust.ok, false, 'even an approved fingerprint does not override the person\'s known_hosts');
		const error = await rejection(execRemote(server('direct'), ['true']));
		assert.equal(error.reason, 'host-key');
		assert.match(error.message, /recorded in ~\/\.ssh\/known_hosts/);
		assert.throws(() => readFileSync(process.env.MLDW_KNOWN_HOSTS!, 'utf8'), /ENOENT/, 'nothing was trusted');
	} finally {
		delete process.env.MLDW_KNOWN_HOSTS;
		await target.restoreHostKey();
	}
});

test('a server the person\'s hashed known_hosts has is trusted without a question, and the wizard\'s copy stays hashed', async () => {
	process.env.SSH_AUTH_SOCK = agent.socket;
	const wizardFile = path.join(laptop.home, 'wizard_known_hosts');
	process.env.MLDW_KNOWN_HOSTS = wizardFile;
	try {
		const trust = await handlers['trust-host']!({kind: 'trust-host', label: 'trust', host: 'direct', port: target.port}, context);
		assert.ok(trust.ok, JSON.stringify(trust));
		assert.match(trust.output ?? '', /^Trusted SHA256:[\w+/]{43}: the same key ~\/\.ssh\/known_hosts has for this server/);
		const saved = readFileSync(wizardFile, 'utf8');
		assert.match(saved, /^\|1\|[\w+/=]+\|[\w+/=]+ ssh-ed25519 /);
		assert.doesNotMatch(saved, /127\.0\.0\.1/);
		// Plain OpenSSH accepts the wizard's file as it is, hashed line and all.
		target.authorize(`${readFileSync(path.join(laptop.ssh, 'id_mldw.pub'), 'utf8').trim()}\n${readFileSync(path.join(laptop.ssh, 'id_work.pub'), 'utf8').trim()}`);
		const plain = execFileSync('ssh', ['-F', '/dev/null', '-o', 'BatchMode=yes', '-o', `UserKnownHostsFile=${wizardFile}`, '-o', 'GlobalKnownHostsFile=/dev/null', '-o', 'StrictHostKeyChecking=yes', '-i', path.join(laptop.ssh, 'id_mldw'), '-p', String(target.port), `${target.user}@127.0.0.1`, 'echo', 'plain ssh'], {env: {...process.env, SSH_AUTH_SOCK: ''}}).toString();
		assert.equal(plain, 'plain ssh\n');
		writeFileSync(wizardFile, '');
	} finally {
		delete process.env.MLDW_KNOWN_HOSTS;
		target.authorize(readFileSync(path.join(laptop.ssh, 'id_work.pub'), 'utf8'));
	}
});
