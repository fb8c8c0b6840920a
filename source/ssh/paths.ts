import os from 'node:os';
import path from 'node:path';

/**
 * The known_hosts file the wizard owns: separate from ~/.ssh/known_hosts so trusting a
 * server here never changes what plain ssh trusts, and every connection, ssh or git
 * command the wizard makes is checked against the same file. MLDW_KNOWN_HOSTS overrides it.
 */
export function knownHostsPath(): string {
	return process.env.MLDW_KNOWN_HOSTS || path.join(os.homedir(), '.ssh', 'mldw_known_hosts');
}

export function sshConfigPath(): string {
	return path.join(os.homedir(), '.ssh', 'config');
}
