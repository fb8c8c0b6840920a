// How a connection to a server is made, decided the way `ssh NAME` decides it: the ssh
// config gives the real address, the keys, the agent, the known_hosts files and the jump
// hosts; what the person answered (port, user) wins, as -p and user@ do on ssh's command line.
import path from 'node:path';
import process from 'node:process';
import {
	configHostName,
	configPort,
	expandTilde,
	firstValue,
	homeDirectory,
	localUser,
	readHostConfig,
	SshConfigError,
	type SshHostConfig,
} from './ssh-config-file.js';
import {SshError} from './ssh-error.js';

/** One SSH login on the way to the server: a jump host, or the server itself. */
export type Hop = {
	/** The name as given (an alias, a name or an address), for messages. */
	name: string;
	/** Where the TCP connection (or the jump host's forwarded channel) goes. */
	address: string;
	port: number;
	user: string;
	/** The name its host key is recorded under: HostKeyAlias, else the address. */
	knownHostsName: string;
	/** Private key files to offer after the agent's keys, in order (absolute paths). */
	identityFiles: string[];
	/** True when the config named no IdentityFile, so these are OpenSSH's defaults. */
	defaultIdentityFiles: boolean;
	identitiesOnly: boolean;
	/** The agent's socket (SSH_AUTH_SOCK or IdentityAgent); undefined: no agent. */
	agentSocket?: string;
	/** The person's own known_hosts files (besides the wizard's), user's then global. */
	knownHostsFiles: string[];
	/** The config read for this hop, when it said anything about it. */
	config?: SshHostConfig;
};

export type Route = {jumps: Hop[]; target: Hop};

export type RouteRequest = {host: string; port?: number; user?: string; identityFile?: string};

const defaultIdentityNames = ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_xmss', 'id_dsa'];
const maxJumps = 8;

function expandTokens(value: string, tokens: Record<string, string>): string {
	return value.replaceAll(/%(.)/g, (whole, letter: string) => (letter === '%' ? '%' : tokens[letter] ?? whole));
}

function localPath(value: string, tokens: Record<string, string>): string {
	const expanded = expandTilde(expandTokens(value, tokens));
	return path.isAbsolute(expanded) ? expanded : path.resolve(expanded);
}

function agentSocket(config: SshHostConfig, tokens: Record<string, string>): string | undefined {
	const configured = firstValue(config, 'IdentityAgent');
	if (configured === undefined || configured === 'SSH_AUTH_SOCK') {
		return process.env.SSH_AUTH_SOCK || undefined;
	}

	if (configured.toLowerCase() === 'none') {
		return undefined;
	}

	const variable = /^\$\{?(\w+)\}?$/.exec(configured);
	return variable ? process.env[variable[1]!] || undefined : localPath(configured, tokens);
}

function yes(config: SshHostConfig, directive: string): boolean {
	return firstValue(config, directive)?.toLowerCase() === 'yes';
}

function readConfig(name: string): SshHostConfig {
	try {
		return readHostConfig(name);
	} catch (error) {
		if (error instanceof SshConfigError) {
			throw new SshError(`Your ssh config cannot be used: ${error.message}`, 'Fix the file (`ssh -G NAME` shows what OpenSSH makes of it), then run again.', 'other');
		}

		throw error;
	}
}

/** One hop from its name and what overrides the config (the answers, or a ProxyJump entry). */
function hopFor(name: string, overrides: {port?: number; user?: string}): Hop {
	const config = readConfig(name);
	const address = configHostName(config);
	const port = overrides.port ?? configPort(config) ?? 22;
	const user = overrides.user ?? firstValue(config, 'User') ?? localUser();
	const tokens: Record<string, string> = {h: address, n: name, p: String(port), r: user, u: localUser(), d: homeDirectory(), k: firstValue(config, 'HostKeyAlias') ?? name};
	const named = (config.values.get('identityfile') ?? []).filter(file => file.toLowerCase() !== 'none');
	const sshDirectory = path.join(homeDirectory(), '.ssh');
	const userFiles = config.values.get('userknownhostsfile') ?? [path.join(sshDirectory, 'known_hosts'), path.join(sshDirectory, 'known_hosts2')];
	const globalFiles = config.values.get('globalknownhostsfile') ?? ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];
	return {
		name,
		address,
		port,
		user,
		knownHostsName: firstValue(config, 'HostKeyAlias') ?? address,
		identityFiles: named.length > 0 ? named.map(file => localPath(file, tokens)) : defaultIdentityNames.map(file => path.join(sshDirectory, file)),
		defaultIdentityFiles: named.length === 0,
		identitiesOnly: yes(config, 'IdentitiesOnly'),
		agentSocket: agentSocket(config, tokens),
		knownHostsFiles: [...userFiles, ...globalFiles].filter(file => file.toLowerCase() !== 'none').map(file => localPath(file, tokens)),
		config: config.files.length > 0 ? config : undefined,
	};
}

/** One ProxyJump entry: [user@]host[:port] or ssh://[user@]host[:port]. */
export function parseJump(entry: string): {host: string; user?: string; port?: number} {
	const match = /^(?:ssh:\/\/)?(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry.trim());
	if (!match) {
		throw new SshError(`The ProxyJump entry "${entry}" is not [user@]host[:port].`, 'Fix ProxyJump in your ssh config.', 'other');
	}

	return {user: match[1], host: match[2]!.replace(/^\[|\]$/g, ''), port: match[3] ? Number(match[3]) : undefined};
}

function jumpsOf(config: SshHostConfig | undefined, depth: number): Hop[] {
	const proxyJump = config ? firstValue(config, 'ProxyJump') : undefined;
	if (!proxyJump || proxyJump.toLowerCase() === 'none') {
		if (config && firstValue(config, 'ProxyCommand') && firstValue(config, 'ProxyCommand')?.toLowerCase() !== 'none') {
			throw new SshError(
				`Your ssh config reaches ${config.name} through a ProxyCommand, which the wizard does not run.`,
				'Use ProxyJump instead where you can (ProxyJump user@bastion), or give the server\'s own address.',
				'other',
			);
		}

		return [];
	}

	const entries = proxyJump.split(',').map(parseJump);
	const hops = entries.map(entry => hopFor(entry.host, {port: entry.port, user: entry.user}));
	// As with `ssh -J a,b`: the first jump host is reached the way its own config says
	// (possibly through further jumps); the others through the ones before them.
	const before = depth < maxJumps ? jumpsOf(hops[0]?.config, depth + hops.length) : [];
	const all = [...before, ...hops];
	if (all.length > maxJumps) {
		throw new SshError(`More than ${maxJumps} jump hosts on the way to ${config!.name} (a ProxyJump loop?).`, 'Check ProxyJump in your ssh config.', 'other');
	}

	return all;
}

/** The wizard's own key as an absolute path (it is given as ~/.ssh/id_mldw). */
export function ownKeyPath(identityFile: string): string {
	return path.resolve(expandTilde(identityFile));
}

/** The hops to `request.host`, the last one the server itself; the wizard's key is offered last there. */
export function routeTo(request: RouteRequest): Route {
	const target = hopFor(request.host, {port: request.port, user: request.user});
	if (request.identityFile) {
		const own = ownKeyPath(request.identityFile);
		// Like `ssh -i`: the wizard's key joins the files the config names; OpenSSH's default
		// files are kept too, since `ssh NAME` would try them.
		target.identityFiles = [...target.identityFiles.filter(file => file !== own), own];
	}

	return {jumps: jumpsOf(target.config, 0), target};
}

/** "deploy@myserver (127.0.0.1 port 2222, through bastion)": what a message names. */
export function describeRoute(route: Route): string {
	const {target} = route;
	const where = [target.address === target.name ? undefined : target.address, target.port === 22 ? undefined : `port ${target.port}`].filter(Boolean).join(' ');
	const through = route.jumps.length > 0 ? `through ${route.jumps.map(hop => hop.name).join(', ')}` : undefined;
	const details = [where, through].filter(Boolean).join(', ');
	return `${target.user}@${target.name}${details ? ` (${details})` : ''}`;
}
