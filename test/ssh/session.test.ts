// Against a real sshd on 127.0.0.1 (test/support/sshd.ts): host trust, one pooled
// connection, literal argv, reconnect after a drop, and the precise login errors.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, mkdtempSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import type {RemoteHost} from '../../source/core/action.js';
import {crontabInstallArgv, stagedCrontabPath} from '../../source/commands/crontab.js';
import {scanHostKey} from '../../source/ssh/host-key-scan.js';
import {fingerprintOf, hostKeyStatus, trustHostKey} from '../../source/ssh/known-hosts.js';
import {ensureKeyPair} from '../../source/ssh/keys.js';
import {closeAllSessions, execRemote, handshakeCount, writeRemoteFile} from '../../source/ssh/session.js';
import {rejection} from './rejection.js';
import {startTestSshServer, type TestSshServer} from '../support/sshd.js';

let server: TestSshServer;
let target: RemoteHost;
const laptop = mkdtempSync(path.join(tmpdir(), 'mldw-laptop-'));

before(async () => {
	server = await startTestSshServer();
	process.env.MLDW_KNOWN_HOSTS = path.join(laptop, 'known_hosts');
	const key = await ensureKeyPair(path.join(laptop, 'id_test'), 'test@laptop');
	server.authorize(key.publicKey);
	target = {host: '127.0.0.1', port: server.port, user: server.user, identityFile: path.join(laptop, 'id_test')};
});

after(async () => {
	await closeAllSessions();
	server?.stop();
});

test('an unknown host key is refused before login, and the scan shows OpenSSH\'s fingerprint', async () => {
	const error = await rejection(execRemote(target, ['true']));
	assert.equal(error.reason, 'host-key');
	assert.match(error.message, /not trusted yet/);
	const blob = await scanHostKey('127.0.0.1', server.port);
	assert.equal(fingerprintOf(blob), server.fingerprint());
	assert.equal(await hostKeyStatus('127.0.0.1', server.port, blob), 'new');
	await trustHostKey('127.0.0.1', server.port, blob);
	assert.equal(await hostKeyStatus('127.0.0.1', server.port, blob), 'known');
});

test('arguments reach the server as literal data, over one connection', async () => {
	const marker = path.join(tmpdir(), `mldw-pwned-${process.pid}`);
	const tricky = `a 'b' "c" ; $(touch ${marker}) \`touch ${marker}\` & | > $HOME`;
	const loginsBefore = server.acceptedLogins();
	const handshakesBefore = handshakeCount();
	for (let index = 0; index < 5; index++) {
		const result = await execRemote(target, ['printf', '%s', tricky]);
		assert.equal(result.code, 0);
		assert.equal(result.stdout, tricky);
	}

	await writeRemoteFile(target, '.mldw-test.txt', `${tricky}\n`, 0o600);
	assert.equal(server.runAsUser('cat ~/.mldw-test.txt; stat -c %a ~/.mldw-test.txt'), `${tricky}\n600\n`);
	assert.equal(existsSync(marker), false, 'nothing in the value was executed');
	assert.equal(handshakeCount() - handshakesBefore, 1);
	assert.equal(server.acceptedLogins() - loginsBefore, 1, 'sshd logged exactly one login');
});

test('a dropped connection is reopened and the command carried out', async () => {
	await execRemote(target, ['true']);
	server.dropConnections();
	await new Promise(resolve => setTimeout(resolve, 200));
	const result = await execRemote(target, ['echo', 'still here']);
	assert.equal(result.stdout, 'still here\n');
});

test('a killed sshd gives a clear error', async () => {
	await execRemote(target, ['true']);
	server.kill();
	const error = await rejection(execRemote(target, ['true']));
	assert.match(error.message, /lost and could not be opened again: Nothing accepts SSH connections on 127\.0\.0\.1 port \d+/);
	await server.start();
	assert.equal((await execRemote(target, ['echo', 'back'])).stdout, 'back\n');
});

test('a changed host key is refused with the reasons and the way forward', async () => {
	await closeAllSessions();
	await server.changeHostKey();
	try {
		const error = await rejection(execRemote(target, ['true']));
		assert.equal(error.reason, 'host-key');
		assert.match(error.message, /different host key \(SHA256:[\w+/]{43}\).*rebuilt or reinstalled, or someone is intercepting/);
		assert.match(error.hint ?? '', /known_hosts/);
	} finally {
		await server.restoreHostKey();
	}
});

test('a key missing from authorized_keys gets the precise message', async () => {
	await closeAllSessions();
	const other = await ensureKeyPair(path.join(laptop, 'id_other'), 'other@laptop');
	assert.ok(other.created);
	const error = await rejection(execRemote({...target, identityFile: path.join(laptop, 'id_other')}, ['true']));
	assert.equal(error.reason, 'auth');
	assert.match(error.message, new RegExp(`refused the key .*id_other for user "${server.user}": either that user does not exist on the server, or the public key is not in /home/${server.user}/\\.ssh/authorized_keys`));
	assert.match(error.hint ?? '', /authorized_keys/);
});

test('a key path that is not a full path is refused before anything is written', async () => {
	// A relative path would put the private key in the folder the wizard runs in: the project.
	const error = await rejection(ensureKeyPair('undefined', 'x@laptop'));
	assert.equal(error.reason, 'key-file');
	assert.match(error.message, /"undefined" is not a full path/);
	assert.equal(existsSync('undefined'), false);
});

test('a server that resets the connection before the handshake is an error to show, never a crash', async () => {
	// What an sshd that cannot load its host key does: it reads the client's first packets, then resets.
	const resetting = net.createServer(socket => {
		socket.once('data', () => socket.resetAndDestroy());
	});
	await new Promise<void>(resolve => resetting.listen(0, '127.0.0.1', resolve));
	const {port} = resetting.address() as net.AddressInfo;
	const uncaught: unknown[] = [];
	const record = (error: unknown) => uncaught.push(error);
	process.on('uncaughtException', record);
	try {
		const login = await rejection(execRemote({...target, port}, ['true']));
		assert.match(login.message, /closed the connection before login|was lost|No answer/);
		const scan = await rejection(scanHostKey('127.0.0.1', port));
		assert.equal(scan.reason, 'unreachable');
		// Late 'error' events arrive after the first one has been handled.
		await new Promise(resolve => setTimeout(resolve, 300));
		assert.deepEqual(uncaught, []);
	} finally {
		process.off('uncaughtException', record);
		resetting.close();
	}
});

test('a crontab that did not arrive whole is never installed: the person\'s lines survive a cut', async () => {
	const own = '# the person\'s own job\n0 4 * * * /usr/local/bin/backup\n';
	execFileSync('crontab', ['-u', server.user, '-'], {input: own});
	const next = `${own}# BEGIN ml-deploy-wizard cron\n15 * * * * curl -fsS http://127.0.0.1:8000/update-forecast\n# END ml-deploy-wizard cron\n`;
	const sha256 = createHash('sha256').update(next).digest('hex');
	await execRemote(target, ['mkdir', '-p', '.mldw']);
	// What a cut mid-transfer leaves behind: only the start of the new table.
	await writeRemoteFile(target, stagedCrontabPath, next.slice(0, 20), 0o600);
	const cut = await execRemote(target, crontabInstallArgv(stagedCrontabPath, sha256));
	assert.notEqual(cut.code, 0);
	assert.equal(execFileSync('crontab', ['-l', '-u', server.user]).toString(), own, 'unchanged after a cut');

	await writeRemoteFile(target, stagedCrontabPath, next, 0o600);
	const whole = await execRemote(target, crontabInstallArgv(stagedCrontabPath, sha256));
	assert.equal(whole.code, 0, whole.stderr);
	assert.equal(execFileSync('crontab', ['-l', '-u', server.user]).toString(), next);
	assert.equal((await execRemote(target, ['test', '-e', stagedCrontabPath])).code, 1, 'the staged copy is removed once installed');
});
