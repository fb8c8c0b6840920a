// One SSH connection per server for the whole run, shared by every remote action: one
// handshake instead of one per command, and one per jump host when the ssh config says
// ProxyJump (the server's connection is a channel through the jump host's, both pooled).
// Keepalive notices a dead link; an action whose connection dropped is retried once on a
// fresh connection (remote actions are written to be safe to repeat), and if the server
// cannot be reached again the error says so.
import type {Duplex} from 'node:stream';
import {loadSsh2} from './load-ssh2.js';
import type {Client, ClientChannel, SFTPWrapper} from 'ssh2';
import type {RemoteHost} from '../core/action.js';
import {toShellCommand} from '../core/shell-quote.js';
import {fingerprintOf, hostPattern, hostTrust} from './known-hosts.js';
import {describeIdentity, displayPath, type Identity, keyRingFor, type KeyRing} from './identities.js';
import {knownHostsPath} from './paths.js';
import {describeRoute, type Hop, ownKeyPath, type Route, routeTo} from './ssh-route.js';
import {SshError} from './ssh-error.js';

export type ExecResult = {code: number; stdout: string; stderr: string};
export type ExecOptions = {sudo?: boolean; input?: string; onOutput?: (chunk: string) => void};

/** How the pooled connection logged in: for "Logged in as … with …". */
export type LoginInfo = {route: Route; description: string; key?: Identity};

type Session = {
	client: Client;
	target: RemoteHost;
	dead: boolean;
	sftp?: Promise<SFTPWrapper>;
	pending: Set<(error: Error) => void>;
	login: LoginInfo;
};

type JumpSession = {client: Client; hop: Hop; dead: boolean};

const sessions = new Map<string, Promise<Session>>();
const jumpSessions = new Map<string, Promise<JumpSession>>();
/** Every client not yet closed, logged in or still logging in (waiting for a passphrase, say). */
const openClients = new Map<Client, {loggedIn: boolean}>();
const counters = {handshakes: 0};
const connectTimeoutMs = 20_000;

function sessionKey(target: RemoteHost): string {
	return `${target.user}@${target.host}:${target.port}|${target.identityFile}`;
}

function hopKey(hops: readonly Hop[]): string {
	return hops.map(hop => `${hop.user}@${hop.address}:${hop.port}`).join('>');
}

export function describeTarget(target: Pick<RemoteHost, 'user' | 'host' | 'port'>): string {
	return `${target.user}@${target.host}${target.port === 22 ? '' : ` port ${target.port}`}`;
}

/** Authenticated connections opened so far in this process, jump hosts included (the benchmark's "handshakes"). */
export function handshakeCount(): number {
	return counters.handshakes;
}

type ConnectDetails = {hostKeyProblem?: SshError; methodsLeft?: string[]; keyRing?: KeyRing};

function hopName(hop: Hop): string {
	return `${hop.name}${hop.address === hop.name ? '' : ` (${hop.address})`} port ${hop.port}`;
}

/** The keys offered, and the notes on those that could not be, for a refused login. */
function refusedLogin(hop: Hop, role: 'jump' | 'target', keyRing: KeyRing, ownKey?: string): SshError {
	const {identities, notes} = keyRing;
	const who = role === 'jump' ? `The jump host ${hopName(hop)}` : 'The server';
	const authorizedKeys = `/home/${hop.user}/.ssh/authorized_keys${hop.user === 'root' ? ' (/root/.ssh/authorized_keys for root)' : ''}`;
	const extra = notes.length > 0 ? ` ${notes.join(' ')}` : '';
	if (identities.length === 1 && identities[0]!.own && !identities[0]!.inAgent && ownKey) {
		return new SshError(
			`${who} refused the key ${ownKey} for user "${hop.user}": either that user does not exist on the server, or the public key is not in ${authorizedKeys}.${extra}`,
			`Check the user name your provider gave you (often root, ubuntu or debian); add the contents of ${ownKey}.pub as one line to that user's ~/.ssh/authorized_keys (folder mode 700, file mode 600), or paste it in your provider's panel.`,
			'auth',
		);
	}

	if (identities.length === 0) {
		return new SshError(
			`No key to log in to ${hopName(hop)} as "${hop.user}" with: no agent keys and no readable key files.${extra}`,
			'Start ssh-agent and add your key (ssh-add), name it with IdentityFile in ~/.ssh/config, or let the ssh-key step create the wizard\'s key.',
			'auth',
		);
	}

	return new SshError(
		`${who} refused every key offered for user "${hop.user}" (${identities.map(identity => describeIdentity(identity)).join('; ')}): either that user does not exist there, or none of these public keys is in ${authorizedKeys}.${extra}`,
		`Check the user name (often root, ubuntu or debian) and add one of these public keys to that user's ~/.ssh/authorized_keys${ownKey ? ` (the wizard's is ${ownKey}.pub)` : ''}.`,
		'auth',
	);
}

/** Turns ssh2's errors into what went wrong, in the person's terms, with what to do next. */
function explainConnectError(error: Error & {code?: string; level?: string}, hop: Hop, role: 'jump' | 'target', details: ConnectDetails, ownKey?: string): SshError {
	if (details.hostKeyProblem) {
		return details.hostKeyProblem;
	}

	const where = role === 'jump' ? `the jump host ${hopName(hop)}` : `${hop.address} port ${hop.port}`;
	if (error.code === 'ECONNREFUSED') {
		return new SshError(
			`Nothing accepts SSH connections on ${where} (connection refused).`,
			'Check the address and port; make sure the server is running and its SSH service (sshd) is started, for example from your provider\'s web console.',
			'unreachable',
		);
	}

	if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') {
		return new SshError(`The name ${hop.address} does not resolve to an address.`, 'Use the server\'s IP address from your provider\'s panel, or a Host from your ~/.ssh/config.', 'unreachable');
	}

	if (error.code === 'ETIMEDOUT' || error.code === 'EHOSTUNREACH' || /timed out/i.test(error.message)) {
		return new SshError(
			`No answer from ${where}.`,
			'Check the IP address, and that port 22 (or your SSH port) is open in the server\'s firewall and your provider\'s firewall.',
			'unreachable',
		);
	}

	if (/too many authentication failures/i.test(error.message)) {
		return new SshError(
			`${role === 'jump' ? `The jump host ${hopName(hop)}` : 'The server'} stopped the login after refusing ${details.keyRing?.identities.length ?? 'several'} keys (its MaxAuthTries): your agent offers many keys before the right one.`,
			`In ~/.ssh/config, give this host "IdentitiesOnly yes" and an IdentityFile line for the right key, or remove unused keys from the agent (ssh-add -d KEY).`,
			'auth',
		);
	}

	if (error.level === 'client-authentication') {
		const methods = details.methodsLeft ?? [];
		if (methods.length > 0 && !methods.includes('publickey')) {
			return new SshError(
				`The SSH server on ${where} refuses key logins for ${hop.user} (it only offers: ${methods.join(', ')}).`,
				'Enable "PubkeyAuthentication yes" in /etc/ssh/sshd_config on the server (and check AllowUsers/DenyUsers), then restart ssh.',
				'auth',
			);
		}

		return refusedLogin(hop, role, details.keyRing ?? {agent: undefined as never, identities: [], notes: [], signedWith: () => undefined}, ownKey);
	}

	return new SshError(
		`The SSH server on ${where} closed the connection before login (${error.message}).`,
		'Look at the server\'s SSH log (journalctl -u ssh): AllowUsers, DenyUsers, MaxStartups, LoginGraceTime or fail2ban can refuse connections.',
		'other',
	);
}

export function hostKeyChangedError(host: string, port: number, fingerprint: string, file = knownHostsPath()): SshError {
	const own = file === knownHostsPath();
	return new SshError(
		`The server at ${host} port ${port} presented a different host key (${fingerprint}) from the one ${own ? 'trusted earlier' : `recorded in ${displayPath(file)}`}. Either the server was rebuilt or reinstalled, or someone is intercepting the connection. Nothing was sent to it.`,
		own
			? `If you rebuilt the server, check its new fingerprint in your provider's console (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), remove the line for ${hostPattern(host, port)} from ${knownHostsPath()}, and run the wizard again to trust the new key. Otherwise do not continue.`
			: `If you rebuilt the server, check its new fingerprint in your provider's console (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then remove the old entry with ssh-keygen -R '${hostPattern(host, port)}' -f ${displayPath(file)} and run the wizard again. Otherwise do not continue.`,
		'host-key',
	);
}

/** Whether a hop's host key may be used: the wizard's known_hosts, then the person's own. */
async function checkHostKey(hop: Hop, role: 'jump' | 'target', blob: Buffer): Promise<SshError | undefined> {
	const trust = await hostTrust(hop.knownHostsName, hop.port, blob, hop.knownHostsFiles);
	const fingerprint = fingerprintOf(blob);
	switch (trust.status) {
		case 'known':
		case 'known-by-ssh': {
			return undefined;
		}

		case 'changed': {
			return hostKeyChangedError(hop.knownHostsName, hop.port, fingerprint, trust.file);
		}

		case 'revoked': {
			return new SshError(`The host key of ${hopName(hop)} (${fingerprint}) is marked @revoked in ${displayPath(trust.file ?? '')}. Nothing was sent to it.`, 'Ask whoever runs the server which key it should present.', 'host-key');
		}

		default: {
			return role === 'jump'
				? new SshError(
					`The jump host ${hopName(hop)} presented the host key ${fingerprint}, which neither your ~/.ssh/known_hosts nor the wizard's lists.`,
					`Log in to it once with ssh (ssh ${hop.name}), compare the fingerprint it shows with the one your provider gives, and accept it; then run the wizard again.`,
					'host-key',
				)
				: new SshError(
					`The host key of ${hop.knownHostsName} port ${hop.port} (${fingerprint}) is not trusted yet.`,
					'Run the "Connect to the server" step first: it shows the fingerprint and asks you to trust it (headless: set server.hostKey).',
					'host-key',
				);
		}
	}
}

/** Opens a channel from the jump host to the next hop: what `ssh -J` does with -W. */
async function forward(jump: JumpSession, next: Hop): Promise<Duplex> {
	return new Promise((resolve, reject) => {
		jump.client.forwardOut('127.0.0.1', 0, next.address, next.port, (error, channel) => {
			if (error) {
				reject(new SshError(
					`The jump host ${hopName(jump.hop)} could not open a connection to ${next.address} port ${next.port} (${error.message.replace(/^\(SSH\) /, '')}).`,
					`Check HostName and Port for ${next.name} in your ssh config, that the server is running, and that the jump host may forward connections (AllowTcpForwarding).`,
					'unreachable',
				));
				return;
			}

			resolve(channel);
		});
	});
}

/**
 * One login on one hop. The keys come from the agent and the files (keyRingFor); a
 * passphrase question pauses the connection's timeout, since the person is typing.
 */
async function connectHop(hop: Hop, options: {role: 'jump' | 'target'; sock?: Duplex; ownKey?: string; label: string}): Promise<{client: Client; key?: Identity}> {
	const ssh2 = await loadSsh2();
	let onPrompt: (asking: boolean) => void = () => undefined;
	const keyRing = await keyRingFor(ssh2, hop, {ownKey: options.ownKey ? ownKeyPath(options.ownKey) : undefined, server: options.label, onPrompt: asking => onPrompt(asking)});
	const client = new ssh2.Client();
	const state = {loggedIn: false};
	openClients.set(client, state);
	const details: ConnectDetails = {keyRing};
	let tried = false;
	await new Promise<void>((resolve, reject) => {
		let timer: NodeJS.Timeout | undefined;
		let settled = false;
		const fail = (error: SshError) => {
			if (!settled) {
				settled = true;
				clearTimeout(timer);
				reject(error);
			}
		};

		const arm = () => {
			clearTimeout(timer);
			timer = setTimeout(() => {
				fail(explainConnectError(Object.assign(new Error('Timed out while waiting for handshake'), {code: 'ETIMEDOUT'}), hop, options.role, details, options.ownKey));
				client.destroy();
			}, connectTimeoutMs);
		};

		onPrompt = asking => {
			if (asking) {
				clearTimeout(timer);
			} else if (!settled) {
				arm();
			}
		};

		arm();
		client.once('ready', () => {
			settled = true;
			state.loggedIn = true;
			clearTimeout(timer);
			resolve();
		});
		// Closed before login without an error: the run is ending (closeAllSessions) while,
		// for instance, a passphrase question is open.
		client.once('close', () => {
			openClients.delete(client);
			fail(new SshError(`The connection to ${hopName(hop)} was closed before the login finished.`, undefined, 'lost'));
		});
		// `on`, not `once`: a connection reset before the handshake can emit a second error, and
		// an 'error' without a listener would end the process with a stack trace. A key that
		// could not sign (a passphrase not typed) is reported as level "agent": ssh2 goes on
		// with the next key, so it is not the end of the login.
		client.on('error', (error: Error & {level?: string}) => {
			if (error.level !== 'agent') {
				fail(explainConnectError(error, hop, options.role, details, options.ownKey));
			}
		});
		client.connect({
			host: hop.address,
			port: hop.port,
			sock: options.sock,
			username: hop.user,
			readyTimeout: 0,
			keepaliveInterval: 10_000,
			keepaliveCountMax: 3,
			// Checked on every connection: unknown and changed keys are both refused here; only
			// the trust step adds a key to the wizard's known_hosts.
			hostVerifier(blob: Buffer, verify: (valid: boolean) => void) {
				void checkHostKey(hop, options.role, blob).then(
					problem => {
						details.hostKeyProblem = problem;
						verify(problem === undefined);
					},
					() => verify(false),
				);
			},
			authHandler(methodsLeft, _partialSuccess, callback) {
				if (tried) {
					details.methodsLeft = methodsLeft ?? [];
					callback(false as never);
					return;
				}

				tried = true;
				callback({type: 'agent', username: hop.user, agent: keyRing.agent});
			},
		});
	});
	counters.handshakes++;
	return {client, key: keyRing.signedWith()};
}

/** The pooled login on a chain of jump hosts (the last one is the host to jump from). */
export async function jumpSessionFor(hops: readonly Hop[]): Promise<JumpSession> {
	const key = hopKey(hops);
	let pending = jumpSessions.get(key);
	if (!pending) {
		pending = (async () => {
			const hop = hops.at(-1)!;
			const previous = hops.length > 1 ? await jumpSessionFor(hops.slice(0, -1)) : undefined;
			const sock = previous ? await forward(previous, hop) : undefined;
			const {client} = await connectHop(hop, {role: 'jump', sock, label: hop.name});
			const jump: JumpSession = {client, hop, dead: false};
			const onGone = () => {
				jump.dead = true;
				if (jumpSessions.get(key) === pending) {
					jumpSessions.delete(key);
				}
			};

			client.on('close', onGone);
			client.on('error', onGone);
			return jump;
		})();
		jumpSessions.set(key, pending);
		pending.catch(() => {
			if (jumpSessions.get(key) === pending) {
				jumpSessions.delete(key);
			}
		});
	}

	const opened = await pending;
	if (opened.dead) {
		jumpSessions.delete(key);
		return jumpSessionFor(hops);
	}

	return opened;
}

/** A stream to the route's target: through its jump hosts, or undefined for a direct TCP connection. */
export async function streamThroughJumps(route: Route): Promise<Duplex | undefined> {
	if (route.jumps.length === 0) {
		return undefined;
	}

	return forward(await jumpSessionFor(route.jumps), route.target);
}

async function openSession(target: RemoteHost): Promise<Session> {
	const route = routeTo(target);
	const sock = await streamThroughJumps(route);
	const description = describeRoute(route);
	const {client, key} = await connectHop(route.target, {role: 'target', sock, ownKey: target.identityFile, label: description});
	const session: Session = {client, target, dead: false, pending: new Set(), login: {route, description, key}};
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
export async function ensureSession(target: RemoteHost): Promise<LoginInfo> {
	return (await sessionFor(target)).login;
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

/**
 * Closes every connection, the servers' and the jump hosts', including one still logging
 * in (a passphrase question left open when the person quits): nothing here waits for it.
 */
export async function closeAllSessions(): Promise<void> {
	sessions.clear();
	jumpSessions.clear();
	const closing = [...openClients].map(
		async ([client, {loggedIn}]) =>
			new Promise<void>(resolve => {
				client.once('close', () => resolve());
				setTimeout(resolve, 1000).unref();
				if (loggedIn) {
					client.end();
				} else {
					client.destroy();
				}
			}),
	);
	openClients.clear();
	await Promise.all(closing);
}
