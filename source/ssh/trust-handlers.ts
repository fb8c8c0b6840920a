import type {ActionHandlers} from '../run/execute.js';
import {describeAnswerSources, describeHostConfig} from './config-summary.js';
import {fingerprintOf, hostTrust, keyTypeOf, trustHostKey} from './known-hosts.js';
import {describeIdentity, displayPath} from './identities.js';
import {ensureKeyPair} from './keys.js';
import {asOutcome} from './outcome.js';
import {knownHostsPath} from './paths.js';
import {scanHostKey} from './host-key-scan.js';
import {ensureSession, hostKeyChangedError, streamThroughJumps} from './session.js';
import {routeTo} from './ssh-route.js';
import {SshError} from './ssh-error.js';

const whereKeysGo = {
	server: [
		'Where it goes: on the server, as one line in ~/.ssh/authorized_keys of the user you log in as.',
		'  - New server: paste it in your VPS provider\'s panel (often "SSH keys") before creating the server.',
		'  - Existing server you can log in to: append it to ~/.ssh/authorized_keys there (folder 700, file 600).',
	],
	deploy: [
		'Where it goes: GitHub > your repository > Settings > Deploy keys > Add deploy key.',
		'  Paste it, give it a title such as "vps", and leave "Allow write access" unticked: the server only reads.',
	],
};

/**
 * The server's host key now (through its jump hosts, when the ssh config names any),
 * compared with the wizard's known_hosts and then the person's own; a changed or revoked
 * key is refused here.
 */
async function readHostKey(host: string, port: number) {
	const route = routeTo({host, port});
	const blob = await scanHostKey(route.target.address, route.target.port, await streamThroughJumps(route));
	const fingerprint = fingerprintOf(blob);
	const {knownHostsName} = route.target;
	const trust = await hostTrust(knownHostsName, port, blob, route.target.knownHostsFiles);
	if (trust.status === 'changed') {
		throw hostKeyChangedError(knownHostsName, port, fingerprint, trust.file);
	}

	if (trust.status === 'revoked') {
		throw new SshError(`The host key of ${knownHostsName} port ${port} (${fingerprint}) is marked @revoked in ${displayPath(trust.file ?? '')}. Nothing was sent to it.`, 'Ask whoever runs the server which key it should present.', 'host-key');
	}

	return {blob, fingerprint, trust, route, status: trust.status};
}

/** Handlers that create keys and decide which servers to trust; all run on this machine. */
export function createTrustHandlers(): ActionHandlers {
	return {
		'generate-key': (action, context) =>
			asOutcome(async () => {
				const key = await ensureKeyPair(action.path, action.comment);
				const lines = [
					key.created ? `Created ${key.path} (private, mode 600: never share it) and ${key.path}.pub.` : `Using the existing key ${key.path}.`,
					'Public key (safe to share):',
					`  ${key.publicKey}`,
					...whereKeysGo[action.purpose],
				];
				context.onOutput(`${lines.join('\n')}\n`);
				// Only the public half and the path are kept as facts; the private half stays in its file.
				return {ok: true, output: lines.join('\n'), data: {path: key.path, publicKey: key.publicKey, fingerprint: key.fingerprint, created: key.created}};
			}),

		'scan-host-key': (action, context) =>
			asOutcome(async () => {
				const {blob, fingerprint, status, trust, route} = await readHostKey(action.host, action.port);
				const config = route.target.config;
				const lines = [
					...(config ? [describeHostConfig(config), ...describeAnswerSources(config, {port: action.port})].filter((line): line is string => line !== undefined) : []),
					...(config?.warnings ?? []),
					...(route.jumps.length > 0 ? [`Through ${route.jumps.map(hop => `${hop.name} (${hop.user}@${hop.address} port ${hop.port})`).join(', then ')}: one login per jump host, kept for the whole run.`] : []),
					status === 'known'
						? `Host key ${keyTypeOf(blob)} ${fingerprint}: matches the one trusted earlier.`
						: status === 'known-by-ssh'
							? `Host key ${keyTypeOf(blob)} ${fingerprint}: matches the ${trust.hashed ? 'hashed ' : ''}entry in ${displayPath(trust.file ?? '')}, so it is trusted without asking again.`
							: `Host key ${keyTypeOf(blob)} ${fingerprint}: first connection to this server.`,
				];
				context.onOutput(`${lines.join('\n')}\n`);
				return {
					ok: true,
					output: lines.join('\n'),
					data: {fingerprint, keyType: keyTypeOf(blob), status, address: route.target.address, via: route.jumps.map(hop => hop.name)},
				};
			}),

		'trust-host': (action, context) =>
			asOutcome(async () => {
				// Read again: what is stored is what the server presents now, and only if it is
				// exactly the fingerprint that was approved.
				const {blob, fingerprint, status, trust, route} = await readHostKey(action.host, action.port);
				if (status === 'known') {
					return {ok: true, output: 'Already trusted.'};
				}

				if (status === 'known-by-ssh' && (!action.approvedFingerprint || action.approvedFingerprint === fingerprint)) {
					// The person's own known_hosts vouches for this key: recorded in the wizard's file
					// (hashed when theirs is), which stays what every later connection is checked against.
					await trustHostKey(route.target.knownHostsName, action.port, blob, knownHostsPath(), {hashed: trust.hashed});
					const line = `Trusted ${fingerprint}: the same key ${displayPath(trust.file ?? '')} has for this server; saved in ${knownHostsPath()}.`;
					context.onOutput(`${line}\n`);
					return {ok: true, output: line, data: {fingerprint}};
				}

				if (!action.approvedFingerprint) {
					return {
						ok: false,
						message: `The server's host key ${fingerprint} has not been confirmed, so the wizard will not log in.`,
						hint: 'Compare it with the fingerprint in your provider\'s console (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the server), then confirm it; headless: put it in server.hostKey.',
					};
				}

				if (action.approvedFingerprint !== fingerprint) {
					return {
						ok: false,
						message: `The server presents the host key ${fingerprint}, not the approved ${action.approvedFingerprint}. Refusing to connect: this may be a different server or an interception.`,
						hint: 'Check the fingerprint on the server itself (provider console: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and correct server.hostKey.',
					};
				}

				await trustHostKey(route.target.knownHostsName, action.port, blob);
				context.onOutput(`Trusted ${fingerprint}; saved in ${knownHostsPath()}.\n`);
				return {ok: true, output: `trusted ${fingerprint}`, data: {fingerprint}};
			}),

		// Which key logged in, and where the port and user came from: the person's set-up
		// (agent, ~/.ssh/config) decides as much as the answers do, so it is said.
		'check-login': (action, context) =>
			asOutcome(async () => {
				const login = await ensureSession(action.server);
				const config = login.route.target.config;
				const lines = [
					`Logged in as ${login.description}${login.key ? ` with ${describeIdentity(login.key)}` : ''}.`,
					...(config ? describeAnswerSources(config, {user: action.server.user}) : []),
				];
				context.onOutput(`${lines.join('\n')}\n`);
				return {ok: true, output: lines.join('\n'), data: {key: login.key?.file ?? 'agent', fingerprint: login.key?.fingerprint}};
			}),
	};
}
