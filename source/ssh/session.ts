// One SSH connection per server for the whole run, shared by every remote action: one
// handshake instead of one per command. Keepalive notices a dead link; an action whose
// connection dropped is retried once on a fresh connection (remote actions are written to
// be safe to repeat), and if the server cannot be reached again the error says so.
import {loadSsh2} from './load-ssh2.js';
import {readFile} from 'node:fs/promises';
import type {Client, ClientChannel, SFTPWrapper} from 'ssh2';
import type {RemoteHost} from '../core/action.js';
import {toShellCommand} from '../core/shell-quote.js';
import {fingerprintOf, hostPattern, knownKeysFor} from './known-hosts.js';
import {expandHome} from '../run/expand-home.js';
import {knownHostsPath} from './paths.js';
import {SshError} from './ssh-error.js';

export type ExecResult = {code: number; stdout: string; stderr: string};
export type ExecOptions = {sudo?: boolean; input?: string; onOutput?: (chunk: string) => void};

type Session = {
	client: Client;
	target: RemoteHost;
	dead: boolean;
	sftp?: Promise<SFTPWrapper>;
	pending: Set<(error: Error) => void>;
};

const sessions = new Map<string, Promise<Session>>();
const counters = {handshakes: 0};

function sessionKey(target: RemoteHost): string {
	return `${target.user}@${target.host}:${target.port}|${target.identityFile}`;
}

export function describeTarget(target: Pick<RemoteHost, 'user' | 'host' | 'port'>): string {
	return `${target.user}@${target.host}${target.port === 22 ? '' : ` port ${target.port}`}`;
}

/** Authenticated connections opened so far in this process (the benchmark's "handshakes"). */
export function handshakeCount(): number {
	return counters.handshakes;
}

async function readPrivateKey(target: RemoteHost): Promise<Buffer> {
	const keyPath = expandHome(target.identityFile);
	let key: Buffer;
	try {
		key = await readFile(keyPath);
	} catch (error) {
		throw new SshError(
			`Cannot read the private key ${target.identityFile} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
			'Check the path (the ssh-key step creates it), or point server.identityFile at your key.',
			'key-file',
		);
	}

	const {utils} = await loadSsh2();
	const parsed = utils.parseKey(key);
	if (parsed instanceof Error) {
		const encrypted = /passphrase|encrypted/i.test(parsed.message);
		throw new SshError(
			encrypted
				? `The private key ${target.identityFile} is protected by a passphrase, which this wizard cannot type for you.`
				: `The file ${target.identityFile} is not a private key this wizard can read (${parsed.message}).`,
			encrypted ? 'Let the wizard create a key without a passphrase (kept 0600 in ~/.ssh), or use another key.' : 'Use an OpenSSH private key file (the one without .pub).',
			'key-file',
		);
	}

	return key;
}

/** Turns ssh2's errors into what went wrong, in the person's terms, with what to do next. */
function explainConnectError(error: Error & {code?: string; level?: string}, target: RemoteHost, details: {hostKeyProblem?: SshError; methodsLeft?: string[]}): SshError {
	if (details.hostKeyProblem) {
		return details.hostKeyProblem;
	}

	const where = `${target.host} port ${target.port}`;
	if (error.code === 'ECONNREFUSED') {
		return new SshError(
			`Nothing accepts SSH connections on ${where} (connection refused).`,
			'Check the address and port; make sure the server is running and its SSH service (sshd) is started, for example from your provider\'s web console.',
			'unreachable',
		);
	}

	if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') {
		return new SshError(`The name ${target.host} does not resolve to an address.`, 'Use the server\'s IP address from your provider\'s panel.', 'unreachable');
	}

	if (error.code === 'ETIMEDOUT' || error.code === 'EHOSTUNREACH' || /timed out/i.test(error.message)) {
		return new SshError(
			`No answer from ${where}.`,
			'Check the IP address, and that port 22 (or your SSH port) is open in the server\'s firewall and your provider\'s firewall.',
			'unreachable',
		);
	}

	if (error.level === 'client-authentication') {
		const methods = details.methodsLeft ?? [];
		if (methods.length > 0 && !methods.includes('publickey')) {
			return new SshError(
				`The SSH server on ${where} refuses key logins for ${target.user} (it only offers: ${methods.join(', ')}).`,
				'Enable "PubkeyAuthentication yes" in /etc/ssh/sshd_config on the server (and check AllowUsers/DenyUsers), then restart ssh.',
				'auth',
			);
		}

		return new SshError(
			`The server refused the key ${target.identityFile} for user "${target.user}": either that user does not exist on the server, or the public key is not in /home/${target.user}/.ssh/authorized_keys${target.user === 'root' ? ' (/root/.ssh/authorized_keys for root)' : ''}.`,
			`Check the user name your provider gave you (often root, ubuntu or debian); add the contents of ${target.identityFile}.pub as one line to that user's ~/.ssh/authorized_keys (folder mode 700, file mode 600), or paste it in your provider's panel.`,
			'auth',
		);
	}

	return new SshError(
		`The SSH server on ${where} closed the connection before login (${error.message}).`,
		'Look at the server\'s SSH log (journalctl -u ssh): AllowUsers, DenyUsers, MaxStartups or fail2ban can refuse connections.',
		'other',
	);
}

export function hostKeyChangedError(host: string, port: number, fingerprint: string): SshError {
	return new SshError(
		`The server at ${host} port ${port} presented a different host key (${fingerprint}) from the one trusted earlier. Either the server was rebuilt or reinstalled, or someone is intercepting the connection. Nothing was sent to it.`,
		`If you rebuilt the server, check its new fingerprint in your provider's console (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), remove the line for ${hostPattern(host, port)} from ${knownHostsPath()}, and run the wizard again to trust the new key. Otherwise do not continue.`,
		'host-key',
	);
}

async function openSession(target: RemoteHost): Promise<Session> {
	const key = await readPrivateKey(target);
	const knownKeys = await knownKeysFor(target.host, target.port);
	const {Client} = await loadSsh2();
	const client = new Client();
	const details: {hostKeyProblem?: SshError; methodsLeft?: string[]} = {};
	let tried = false;
	await new Promise<void>((resolve, reject) => {
		client.once('ready', () => resolve());
		// `on`, not `once`: a connection reset before the handshake can emit a second error, and
		// an 'error' without a listener would end the process with a stack trace.
		client.on('error', error => reject(explainConnectError(error, target, details)));
		client.connect({
			host: target.host,
			port: target.port,
			username: target.user,
			readyTimeout: 20_000,
			keepaliveInterval: 10_000,
			keepaliveCountMax: 3,
			// Checked on every connection against the wizard's known_hosts: unknown and
			// changed keys are both refused here; only the trust step adds a key.
			hostVerifier(blob: Buffer) {
				if (knownKeys.includes(blob.toString('base64'))) {
					return true;
				}

				details.hostKeyProblem = knownKeys.length === 0
					? new SshError(
						`The host key of ${target.host} port ${target.port} (${fingerprintOf(blob)}) is not trusted yet.`,
						'Run the "Connect to the server" step first: it shows the fingerprint and asks you to trust it (headless: set server.hostKey).',
						'host-key',
					)
					: hostKeyChangedError(target.host, target.port, fingerprintOf(blob));
				return false;
			},
			authHandler(methodsLeft, _partialSuccess, callback) {
				if (tried) {
					details.methodsLeft = methodsLeft ?? [];
					callback(false as never);
					return;
				}

				tried = true;
				callback({type: 'publickey', username: target.user, key});
			},
		});
	});
	counters.handshakes++;
	const session: Session = {client, target, dead: false, pending: new Set()};
	const onGone = () => {
		session.dead = true;
		sessions.delete(sessionKey(target));
		for (const fail of session.pending) {
			fail(lostError(target));
		}
	};

	client.on('close', onGone);
	client.on('error', onGone);
	return session;
}

function lostError(target: RemoteHost): SshError {
	return new SshError(`The SSH connection to ${describeTarget(target)} was lost.`, undefined, 'lost');
}

async function sessionFor(target: RemoteHost): Promise<Session> {
	const key = sessionKey(target);
	let session = sessions.get(key);
	if (!session) {
		session = openSession(target);
		sessions.set(key, session);
		session.catch(() => sessions.delete(key));
	}

	const opened = await session;
	if (opened.dead) {
		sessions.delete(key);
		return sessionFor(target);
	}

	return opened;
}

/** Logs in (or reuses the open connection): the check-login action and everything after it. */
export async function ensureSession(target: RemoteHost): Promise<void> {
	await sessionFor(target);
}

/**
 * Runs `work` on the pooled connection; when the connection drops under it, reconnects
 * once and runs it again. If the server cannot be reached again, the error says that the
 * link was lost and why the reconnect failed.
 */
async function withReconnect<T>(target: RemoteHost, work: (session: Session) => Promise<T>): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		const session = await sessionFor(target).catch((error: unknown) => {
			if (attempt > 0 && error instanceof SshError) {
				throw new SshError(`The SSH connection to ${describeTarget(target)} was lost and could not be opened again: ${error.message}`, `${error.hint ?? ''} Then run the wizard again: it runs this step again from its start.`.trim(), 'lost');
			}

			throw error;
		});
		try {
			return await work(session);
		} catch (error) {
			if (error instanceof SshError && error.reason === 'lost' && attempt === 0) {
				await new Promise(resolve => setTimeout(resolve, 500));
				continue;
			}

			throw error;
		}
	}
}

function tracked<T>(session: Session, run: (resolve: (value: T) => void, reject: (error: Error) => void) => void): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		if (session.dead) {
			reject(lostError(session.target));
			return;
		}

		const fail = (error: Error) => {
			session.pending.delete(fail);
			reject(error);
		};

		session.pending.add(fail);
		run(
			value => {
				session.pending.delete(fail);
				resolve(value);
			},
			fail,
		);
	});
}

/** Runs an argv on the server; it is quoted here, once, into the single command line SSH sends. */
export async function execRemote(target: RemoteHost, argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
	const command = `${options.sudo ? 'sudo -n -- ' : ''}${toShellCommand(argv)}`;
	return withReconnect(target, session =>
		tracked<ExecResult>(session, (resolve, reject) => {
			session.client.exec(command, (error: Error | undefined, stream: ClientChannel) => {
				if (error) {
					reject(session.dead ? lostError(target) : new SshError(`The server refused to run a command: ${error.message}`, undefined, 'other'));
					return;
				}

				let stdout = '';
				let stderr = '';
				let exitCode: number | undefined;
				stream.on('data', (chunk: Buffer) => {
					stdout += chunk.toString();
					options.onOutput?.(chunk.toString());
				});
				stream.stderr.on('data', (chunk: Buffer) => {
					stderr += chunk.toString();
					options.onOutput?.(chunk.toString());
				});
				stream.on('exit', (code: number | null) => {
					exitCode = code ?? -1;
				});
				stream.on('close', () => {
					if (exitCode === undefined) {
						reject(lostError(target));
					} else {
						resolve({code: exitCode, stdout, stderr});
					}
				});
				stream.end(options.input ?? '');
			});
		}),
	);
}

async function sftpFor(session: Session): Promise<SFTPWrapper> {
	session.sftp ??= new Promise<SFTPWrapper>((resolve, reject) => {
		session.client.sftp((error, sftp) => (error ? reject(error) : resolve(sftp)));
	});
	return session.sftp;
}

function sftpCall(session: Session, call: (done: (error?: Error | null) => void) => void): Promise<void> {
	return tracked<void>(session, (resolve, reject) => {
		call(error => (error ? reject(error) : resolve()));
	});
}

/**
 * Writes a file on the server over SFTP: created with its mode (a key is never readable
 * by others, not even for a moment), written beside its target and renamed over it.
 * Relative paths are relative to the login user's home directory.
 */
export async function writeRemoteFile(target: RemoteHost, remotePath: string, content: string | Buffer, mode: number): Promise<void> {
	await withReconnect(target, async session => {
		const sftp = await sftpFor(session);
		const directory = remotePath.includes('/') ? remotePath.slice(0, remotePath.lastIndexOf('/')) : '';
		if (directory) {
			await new Promise<void>(resolve => {
				sftp.mkdir(directory, {mode: 0o700}, () => resolve());
			});
		}

		const temporary = `${remotePath}.mldw-${process.pid}.tmp`;
		const handle = await tracked<Buffer>(session, (resolve, reject) => {
			sftp.open(temporary, 'w', {mode}, (error, opened) => (error ? reject(error) : resolve(opened)));
		});
		const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
		await sftpCall(session, done => sftp.write(handle, data, 0, data.length, 0, done));
		await sftpCall(session, done => sftp.fchmod(handle, mode, done));
		await sftpCall(session, done => sftp.close(handle, done));
		await sftpCall(session, done => sftp.ext_openssh_rename(temporary, remotePath, done));
	});
}

/** Closes every pooled connection (end of run, tests). */
export async function closeAllSessions(): Promise<void> {
	const open = [...sessions.values()];
	sessions.clear();
	await Promise.all(
		open.map(async pending => {
			try {
				const session = await pending;
				session.dead = true;
				session.client.end();
			} catch {}
		}),
	);
}
