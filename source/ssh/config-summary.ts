// What the person's ssh config contributed, said in their terms: which Host entry, which
// values, and for the port and user whether the answer came from it or overrides it.
import {displayPathOf} from './display-path.js';
import {configPort, firstValue, type SshHostConfig} from './ssh-config-file.js';

const shown = ['HostName', 'User', 'Port', 'IdentityFile', 'IdentitiesOnly', 'IdentityAgent', 'ProxyJump', 'HostKeyAlias', 'UserKnownHostsFile'];

/** "Host myserver in ~/.ssh/config.d/servers: HostName 10.0.0.5, User deploy, ProxyJump bastion" */
export function describeHostConfig(config: SshHostConfig): string | undefined {
	const values = shown.flatMap(directive => (config.values.get(directive.toLowerCase()) ?? []).map(value => `${directive} ${value}`));
	if (!config.named && values.length === 0) {
		return undefined;
	}

	const where = config.named ? `Host ${config.name} in ${displayPathOf(config.namedIn ?? config.files[0] ?? '')}` : `Your ssh config (${displayPathOf(config.files[0] ?? '')}) for ${config.name}`;
	return `${where}: ${values.length > 0 ? values.join(', ') : 'no settings'}.`;
}

/** For the port and the user given: from the config, or given and different from it. */
export function describeAnswerSources(config: SshHostConfig, given: {port?: number; user?: string}): string[] {
	const lines: string[] = [];
	const configuredPort = configPort(config);
	if (given.port !== undefined && configuredPort !== undefined) {
		lines.push(given.port === configuredPort ? `SSH port ${given.port}: from your ssh config.` : `SSH port ${given.port}: as given (your ssh config says ${configuredPort}, like ssh -p the answer wins).`);
	}

	const configuredUser = firstValue(config, 'User');
	if (given.user !== undefined && configuredUser !== undefined) {
		lines.push(given.user === configuredUser ? `User ${given.user}: from your ssh config.` : `User ${given.user}: as given (your ssh config says ${configuredUser}, like user@ on ssh's command line the answer wins).`);
	}

	return lines;
}
