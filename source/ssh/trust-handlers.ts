import type {ActionHandlers} from '../run/execute.js';
import {fingerprintOf, hostKeyStatus, keyTypeOf, trustHostKey} from './known-hosts.js';
import {ensureKeyPair} from './keys.js';
import {asOutcome} from './outcome.js';
import {knownHostsPath} from './paths.js';
import {scanHostKey} from './host-key-scan.js';
import {hostKeyChangedError} from './session.js';

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

/** The server's host key now, compared with the wizard's known_hosts; a changed key is refused here. */
async function readHostKey(host: string, port: number) {
	const blob = await scanHostKey(host, port);
	const fingerprint = fingerprintOf(blob);
	const status = await hostKeyStatus(host, port, blob);
	if (status === 'changed') {
		throw hostKeyChangedError(host, port, fingerprint);
	}

	return {blob, fingerprint, status};
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
				const {blob, fingerprint, status} = await readHostKey(action.host, action.port);
				const line = status === 'known'
					? `Host key ${keyTypeOf(blob)} ${fingerprint}: matches the one trusted earlier.`
					: `Host key ${keyTypeOf(blob)} ${fingerprint}: first connection to this server.`;
				context.onOutput(`${line}\n`);
				return {ok: true, output: line, data: {fingerprint, keyType: keyTypeOf(blob), status}};
			}),

		'trust-host': (action, context) =>
			asOutcome(async () => {
				// Read again: what is stored is what the server presents now, and only if it is
				// exactly the fingerprint that was approved.
				const {blob, fingerprint, status} = await readHostKey(action.host, action.port);
				if (status === 'known') {
					return {ok: true, output: 'Already trusted.'};
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

				await trustHostKey(action.host, action.port, blob);
				context.onOutput(`Trusted ${fingerprint}; saved in ${knownHostsPath()}.\n`);
				return {ok: true, output: `trusted ${fingerprint}`, data: {fingerprint}};
			}),
	};
}
