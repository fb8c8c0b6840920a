import {sshAliasSchema, yesNoSchema} from '../../core/inputs.js';
import type {Action} from '../../core/action.js';
import type {PlanContext, Step} from '../../core/step.js';
import {sshConfigLines} from '../../commands/ssh-config.js';
import {knownHostsPath, sshConfigPath} from '../../ssh/paths.js';
import {configAlias} from '../../ssh/server-host.js';
import {fact, serverFrom} from './remote-host.js';

type HostKeyFact = {fingerprint: string; keyType: string; status: 'known' | 'known-by-ssh' | 'new'};

function hostKey(context: PlanContext): HostKeyFact | undefined {
	return fact<HostKeyFact>(context, 'connect', 'hostKey');
}

export const hostTrustStep: Step = {
	id: 'host-trust',
	title: 'Trust the server and log in',
	summary: 'Confirms the server\'s fingerprint (first time only, and never for a server your ~/.ssh/known_hosts already has), then logs in to prove it works.',
	learn:
		'The fingerprint is a short summary of the server\'s host key. Your provider\'s console can show it (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub); '
		+ 'if both match, you are talking to your server. The wizard keeps trusted keys in its own known_hosts file and checks them on every connection. '
		+ 'It logs in the way ssh does: with the keys in your ssh-agent first, then the key files your ~/.ssh/config names, then its own key; a key with a passphrase is asked for once and never saved.',
	inputs: [
		{
			name: 'trustHostKey',
			label: 'Trust this host key?',
			help: context =>
				`The server says its ${hostKey(context)?.keyType ?? 'host'} key is ${hostKey(context)?.fingerprint ?? '(unknown)'}. `
				+ 'Type yes only if this matches the fingerprint your provider shows for the server.',
			schema: yesNoSchema,
			when: context => hostKey(context)?.status === 'new' && context.answers.hostKeyFingerprint === undefined,
		},
		{
			name: 'sshAlias',
			label: 'Name for `ssh NAME` (optional)',
			help: 'Adds a Host entry to ~/.ssh/config so `ssh NAME` logs in with this key. Leave empty to skip. Example: api-server',
			schema: sshAliasSchema,
			defaultValue: () => '',
			// A Host the person already has is their alias: nothing to add.
			when: ({answers}) => configAlias(answers.serverHost) === undefined,
		},
	],
	available: true,
	plan(context) {
		const {answers} = context;
		const server = serverFrom(answers);
		const key = hostKey(context);
		const actions: Action[] = [];
		// Always planned (it does nothing for a known key) so the step's actions keep their
		// positions between runs, which is what resuming after the finished ones relies on.
		{
			const pinned = answers.hostKeyFingerprint === undefined ? undefined : String(answers.hostKeyFingerprint);
			actions.push({
				kind: 'trust-host',
				label: key?.status === 'known'
					? 'Host key already trusted'
					: key?.status === 'known-by-ssh'
						? `Trust the host key ${key.fingerprint} (your ~/.ssh/known_hosts has it)`
						: `Trust the host key ${key?.fingerprint ?? ''}`.trim(),
				host: server.host,
				port: server.port,
				approvedFingerprint: pinned ?? (answers.trustHostKey === true ? key?.fingerprint : undefined),
			});
		}

		actions.push({kind: 'check-login', label: `Log in as ${server.user} on ${server.host} (ssh-agent, your ssh config's keys, then ${server.identityFile})`, server});
		const alias = configAlias(server.host) === undefined ? String(answers.sshAlias ?? '') : '';
		if (alias) {
			actions.push({
				kind: 'edit-marked-block',
				label: `Add "Host ${alias}" to ~/.ssh/config`,
				path: sshConfigPath(),
				marker: `host ${alias}`,
				lines: sshConfigLines({alias, ...server, knownHostsFile: knownHostsPath()}),
				mode: 0o600,
			});
		}

		return actions;
	},
};
