// A real OpenSSH server on 127.0.0.1 for the tests: its own config, a throwaway host key
// and a throwaway Linux user, started on a free port and removed again at the end. The
// user's PATH (through ~/.ssh/environment, and sudo's secure_path) starts with a folder
// of stand-ins for the programs that cannot run here (docker, systemctl).
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {createHash, randomBytes} from 'node:crypto';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';

export type TestSshServer = {
	port: number;
	user: string;
	home: string;
	/** Folder first on the user's PATH, for stand-ins. */
	binDirectory: string;
	/** SHA256 fingerprint of the current host key, as OpenSSH prints it. */
	fingerprint(): string;
	/** Lines "Accepted publickey" in the log so far: one per login. */
	acceptedLogins(): number;
	authorize(publicKey: string): void;
	/** Runs a command on the server as the test user (through su, not SSH). */
	runAsUser(command: string): string;
	dropConnections(): void;
	/** Kills sshd and every session it serves, as a crash or a reboot would. */
	kill(): void;
	start(): Promise<void>;
	/** Replaces the extra sshd_config lines and restarts sshd with them. */
	restartWith(lines: string[]): Promise<void>;
	/** Replaces the host key (a rebuilt server, or an interception) and restarts. */
	changeHostKey(): Promise<void>;
	restoreHostKey(): Promise<void>;
	stop(): void;
};

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	return new Promise((resolve, reject) => {
		const attempt = () => {
			const socket = net.connect({host: '127.0.0.1', port});
			socket.once('connect', () => {
				socket.destroy();
				resolve();
			});
			socket.once('error', () => {
				socket.destroy();
				if (Date.now() > deadline) {
					reject(new Error(`sshd did not start listening on ${port}`));
				} else {
					setTimeout(attempt, 50);
				}
			});
		};

		attempt();
	});
}

function hostKeyFiles(directory: string, name: string): {privatePath: string; fingerprint: string} {
	const pair = ssh2.utils.generateKeyPairSync('ed25519');
	const privatePath = path.join(directory, name);
	writeFileSync(privatePath, pair.private, {mode: 0o600});
	const blob = Buffer.from(pair.public.split(' ')[1]!, 'base64');
	// OpenSSH prints the digest in base64 without padding.
	return {privatePath, fingerprint: `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`};
}

/** Child processes of `pid` (sshd's per-connection processes), from /proc. */
function descendants(pid: number): number[] {
	const children: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) {
			continue;
		}

		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (parent === pid) {
				children.push(Number(entry), ...descendants(Number(entry)));
			}
		} catch {}
	}

	return children;
}

function processesOfUser(uid: number): number[] {
	const pids: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (/^\d+$/.test(entry)) {
			try {
				const status = readFileSync(`/proc/${entry}/status`, 'utf8');
				if (new RegExp(`^Uid:\\s+${uid}\\s`, 'm').test(status)) {
					pids.push(Number(entry));
				}
			} catch {}
		}
	}

	return pids;
}

export type TestSshServerOptions = {
	sudo?: boolean;
	/** More sshd_config lines (AllowTcpForwarding no, ...); `setExtraConfig` changes them before a restart. */
	extraConfig?: string[];
};

export async function startTestSshServer(options: TestSshServerOptions = {}): Promise<TestSshServer> {
	const directory = mkdtempSync(path.join(tmpdir(), 'mldw-sshd-'));
	chmodSync(directory, 0o755);
	const binDirectory = path.join(directory, 'bin');
	mkdirSync(binDirectory, {mode: 0o755});
	const user = `mldw${randomBytes(3).toString('hex')}`;
	const home = `/home/${user}`;
	const port = await freePort();
	const logPath = path.join(directory, 'sshd.log');
	const sudoersPath = `/etc/sudoers.d/${user}`;
	const original = hostKeyFiles(directory, 'host_key_original');
	const replacement = hostKeyFiles(directory, 'host_key_replacement');
	let current = original;
	let child: ChildProcess | undefined;
	let extraConfig = options.extraConfig ?? [];

	execFileSync('useradd', ['--create-home', '--shell', '/bin/sh', user]);
	// useradd leaves the account locked, and sshd refuses locked accounts even for keys.
	execFileSync('usermod', ['-p', '*', user]);
	const uid = Number(execFileSync('id', ['-u', user]).toString().trim());
	const userPath = `${binDirectory}:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin`;
	mkdirSync(`${home}/.ssh`, {recursive: true, mode: 0o700});
	writeFileSync(`${home}/.ssh/environment`, `PATH=${userPath}\n`);
	writeFileSync(`${home}/.ssh/authorized_keys`, '', {mode: 0o600});
	execFileSync('chown', ['-R', `${user}:${user}`, `${home}/.ssh`]);
	if (options.sudo ?? true) {
		writeFileSync(sudoersPath, `${user} ALL=(ALL) NOPASSWD: ALL\nDefaults:${user} secure_path="${userPath}"\n`, {mode: 0o440});
		execFileSync('visudo', ['-cf', sudoersPath]);
	}

	mkdirSync('/run/sshd', {recursive: true});

	const configPath = path.join(directory, 'sshd_config');
	const writeConfig = () =>
		writeFileSync(
			configPath,
			[
				`Port ${port}`,
				'ListenAddress 127.0.0.1',
				`HostKey ${current.privatePath}`,
				`PidFile ${path.join(directory, 'sshd.pid')}`,
				'UsePAM no',
				'PasswordAuthentication no',
				'KbdInteractiveAuthentication no',
				'PubkeyAuthentication yes',
				'PermitUserEnvironment yes',
				`AllowUsers ${user}`,
				'Subsystem sftp internal-sftp',
				'LogLevel VERBOSE',
				...extraConfig,
				'',
			].join('\n'),
		);

	const server: TestSshServer = {
		port,
		user,
		home,
		binDirectory,
		fingerprint: () => current.fingerprint,
		acceptedLogins: () => (existsSync(logPath) ? readFileSync(logPath, 'utf8').split('\n').filter(line => line.includes('Accepted publickey')).length : 0),
		authorize(publicKey) {
			writeFileSync(`${home}/.ssh/authorized_keys`, `${publicKey.trim()}\n`, {mode: 0o600});
			execFileSync('chown', [`${user}:${user}`, `${home}/.ssh/authorized_keys`]);
		},
		runAsUser(command) {
			return execFileSync('su', ['-s', '/bin/sh', '-c', command, user], {cwd: '/', env: {PATH: userPath, HOME: home}}).toString();
		},
		/** Drops every open connection but keeps sshd listening (a network blip). */
		dropConnections() {
			if (child?.pid) {
				for (const pid of descendants(child.pid)) {
					try {
						process.kill(pid, 'SIGKILL');
					} catch {}
				}
			}
		},
		kill() {
			if (child?.pid) {
				for (const pid of [...descendants(child.pid), child.pid]) {
					try {
						process.kill(pid, 'SIGKILL');
					} catch {}
				}
			}

			child = undefined;
		},
		async start() {
			writeConfig();
			child = spawn('/usr/sbin/sshd', ['-D', '-f', configPath, '-E', logPath], {stdio: 'ignore'});
			try {
				// A busy machine can be slow to start it; its own log says why it did not start at all.
				await waitForPort(port, 30_000);
			} catch (error) {
				const log = existsSync(logPath) ? readFileSync(logPath, 'utf8').slice(-2000) : '(no log)';
				throw new Error(`${(error as Error).message}; sshd exited ${child?.exitCode ?? 'not'}; its log:\n${log}`);
			}
		},
		async restartWith(lines) {
			server.kill();
			extraConfig = lines;
			await server.start();
		},
		async changeHostKey() {
			server.kill();
			current = replacement;
			await server.start();
		},
		async restoreHostKey() {
			server.kill();
			current = original;
			await server.start();
		},
		stop() {
			server.kill();
			for (const pid of processesOfUser(uid)) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {}
			}

			rmSync(sudoersPath, {force: true});
			try {
				execFileSync('crontab', ['-r', '-u', user], {stdio: 'ignore'});
			} catch {}

			try {
				execFileSync('userdel', ['--remove', user], {stdio: 'ignore'});
			} catch {}

			rmSync(directory, {recursive: true, force: true});
		},
	};
	try {
		await server.start();
	} catch (error) {
		server.stop();
		throw error;
	}

	return server;
}
