// The Host entry the wizard offers to add to ~/.ssh/config, so `ssh ALIAS` works later
// with the same key and the same known_hosts file the wizard trusted.

export type SshConfigEntry = {alias: string; host: string; port: number; user: string; identityFile: string; knownHostsFile: string};

function quoted(value: string): string {
	return /\s/.test(value) ? `"${value}"` : value;
}

export function sshConfigLines(entry: SshConfigEntry): string[] {
	return [
		`Host ${entry.alias}`,
		`    HostName ${entry.host}`,
		`    Port ${entry.port}`,
		`    User ${entry.user}`,
		`    IdentityFile ${quoted(entry.identityFile)}`,
		'    IdentitiesOnly yes',
		`    UserKnownHostsFile ${quoted(entry.knownHostsFile)}`,
		'    StrictHostKeyChecking yes',
	];
}

/** The plain ssh command that reaches the server, for messages. */
export function sshCommandLine(entry: Omit<SshConfigEntry, 'alias'>): string {
	const port = entry.port === 22 ? '' : ` -p ${entry.port}`;
	return `ssh -i ${quoted(entry.identityFile)} -o UserKnownHostsFile=${quoted(entry.knownHostsFile)}${port} ${entry.user}@${entry.host}`;
}
