// Benchmark (not a test): the remote part of a VPS deployment against a real sshd on
// 127.0.0.1, once over the wizard's single pooled ssh2 connection and once as one `ssh`
// call per command (what a shell script would do). Prints logins (counted from sshd's own
// "Accepted publickey" log lines) and wall time. Needs root (it creates a throwaway user).
// Run: npx tsx test/bench/ssh-bench.ts
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import type {RemoteHost} from '../../source/core/action.js';
import {caddyValidateArgv} from '../../source/commands/caddy.js';
import {crontabListArgv} from '../../source/commands/crontab.js';
import {composeUpArgv, composeVersionArgv} from '../../source/commands/docker.js';
import {gitSyncArgv} from '../../source/commands/git.js';
import {lockAcquireArgv, lockReleaseArgv, lockText} from '../../source/commands/lock.js';
import {probeArgv} from '../../source/commands/server-probes.js';
import {toShellCommand} from '../../source/core/shell-quote.js';
import {scanHostKey} from '../../source/ssh/host-key-scan.js';
import {trustHostKey} from '../../source/ssh/known-hosts.js';
import {ensureKeyPair} from '../../source/ssh/keys.js';
import {closeAllSessions, execRemote, handshakeCount, writeRemoteFile} from '../../source/ssh/session.js';
import {createStandIn} from '../support/stand-in.js';
import {startTestSshServer} from '../support/sshd.js';

const server = await startTestSshServer();
const laptop = mkdtempSync(path.join(tmpdir(), 'mldw-bench-'));
try {
	// Stand-ins (no Docker engine or systemd here), as in the end-to-end test.
	createStandIn(server.binDirectory, 'docker');
	createStandIn(server.binDirectory, 'systemctl');
	const repository = path.join(laptop, 'repo.git');
	execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', repository]);
	execFileSync('sh', ['-c', `cd "$1" && git init -q -b main w && cd w && echo x > f && git add f && git -c user.name=b -c user.email=b@b commit -qm x && git push -q "$2" main`, 'sh', laptop, repository]);
	execFileSync('chmod', ['-R', 'a+rX', laptop]);
	execFileSync('chown', ['-R', `${server.user}:${server.user}`, repository]);
	process.env.MLDW_KNOWN_HOSTS = path.join(laptop, 'known_hosts');
	const key = await ensureKeyPair(path.join(laptop, 'id_bench'), 'bench');
	server.authorize(key.publicKey);
	await trustHostKey('127.0.0.1', server.port, await scanHostKey('127.0.0.1', server.port));
	const target: RemoteHost = {host: '127.0.0.1', port: server.port, user: server.user, identityFile: path.join(laptop, 'id_bench')};

	const owner = {by: 'bench@laptop', machine: 'laptop', pid: process.pid, at: new Date().toISOString()};
	const commands: string[][] = [
		lockAcquireArgv(owner),
		...(['reachable', 'os', 'privileges', 'git', 'docker', 'caddy', 'cron', 'disk'] as const).map(check => probeArgv(check)),
		['sh', '-c', 'mkdir -p .ssh .mldw && chmod 700 .ssh .mldw'],
		gitSyncArgv({directory: 'apps/bench', url: repository, branch: 'main', useDeployKey: false}),
		composeVersionArgv(),
		composeUpArgv('apps/bench'),
		caddyValidateArgv('.mldw/Caddyfile.new'),
		crontabListArgv(),
		lockReleaseArgv(lockText(owner)),
	];

	const pooledLogins = server.acceptedLogins();
	const pooledStart = performance.now();
	const handshakesBefore = handshakeCount();
	await writeRemoteFile(target, '.mldw/Caddyfile.new', ':80 {\n\trespond "ok"\n}\n', 0o644);
	for (const argv of commands) {
		await execRemote(target, argv);
	}

	const pooledMs = performance.now() - pooledStart;
	const pooled = {logins: server.acceptedLogins() - pooledLogins, handshakes: handshakeCount() - handshakesBefore};
	await closeAllSessions();

	const separateLogins = server.acceptedLogins();
	const separateStart = performance.now();
	const sshBase = ['-i', target.identityFile, '-o', `UserKnownHostsFile=${process.env.MLDW_KNOWN_HOSTS}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-p', String(server.port), `${server.user}@127.0.0.1`];
	execFileSync('ssh', [...sshBase, 'cat > .mldw/Caddyfile.new'], {input: ':80 {\n\trespond "ok"\n}\n'});
	for (const argv of commands) {
		try {
			execFileSync('ssh', [...sshBase, toShellCommand(argv)], {stdio: 'ignore'});
		} catch {}
	}

	const separateMs = performance.now() - separateStart;
	const separate = server.acceptedLogins() - separateLogins;
	const count = commands.length + 1;
	console.log(`SSH benchmark: ${count} remote operations of a deployment against sshd on 127.0.0.1`);
	console.log(`  pooled ssh2 connection (the wizard): ${pooled.logins} login(s) in sshd's log, ${pooled.handshakes} handshake(s), ${pooledMs.toFixed(0)} ms`);
	console.log(`  one ssh call per command:            ${separate} logins, ${separateMs.toFixed(0)} ms`);
} finally {
	await closeAllSessions();
	server.stop();
	rmSync(laptop, {recursive: true, force: true});
}
