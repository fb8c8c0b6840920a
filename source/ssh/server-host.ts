// The server question accepts what `ssh NAME` accepts: an address, a host name, or a Host
// from ~/.ssh/config; the port and user questions then start from what that config says.
import {z} from 'zod';
import {hostSchema} from '../core/inputs.js';
import {configPort, firstValue, type SshHostConfig, tryReadHostConfig} from './ssh-config-file.js';

/** Letters, digits, . _ - only: an alias ends up in ssh command lines the wizard prints. */
const aliasPattern = /^[\w.-]{1,253}$/;

/** The config's entry for `host` when a Host line names it literally (not only `Host *`). */
export function configAlias(host: unknown): SshHostConfig | undefined {
	if (typeof host !== 'string' || !aliasPattern.test(host.trim())) {
		return undefined;
	}

	const config = tryReadHostConfig(host.trim());
	return config?.named ? config : undefined;
}

export const serverHostSchema = z
	.string()
	.trim()
	.refine(host => hostSchema.safeParse(host).success || configAlias(host) !== undefined, {
		message: 'Server address: type an IPv4 address like 203.0.113.7, a host name like vps.example.com, or the name of a Host in your ~/.ssh/config.',
	});

/** What the ssh config says for this host's port and user, for the questions' defaults. */
export function configDefaults(host: unknown): {port?: number; user?: string; source?: string} {
	if (typeof host !== 'string' || !aliasPattern.test(host.trim())) {
		return {};
	}

	const config = tryReadHostConfig(host.trim());
	if (!config) {
		return {};
	}

	return {port: configPort(config), user: firstValue(config, 'User'), source: config.named ? `Host ${config.name} in your ~/.ssh/config` : 'your ~/.ssh/config'};
}
