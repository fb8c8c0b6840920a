import {toShellCommand} from '../core/shell-quote.js';

// What installing the missing software means, as argv to run with sudo. Caddy, git, curl
// and cron come from the system's own repositories; Docker with its compose plugin comes
// from Docker's apt repository, as Docker documents for Debian and Ubuntu.

export type ServerSystem = {id: string; codename: string; arch: string};

export const dockerSourcesListPath = '/etc/apt/sources.list.d/docker.list';
export const stagedDockerSourcesPath = '.mldw/docker.list';

const systemValue = /^[a-z\d._-]{1,40}$/;

/** The values come from the server's /etc/os-release: checked before they go into a file. */
export function isSafeSystem(system: ServerSystem): boolean {
	return [system.id, system.codename, system.arch].every(value => systemValue.test(value));
}

export function dockerRepositoryFamily(system: ServerSystem): 'ubuntu' | 'debian' {
	return system.id === 'ubuntu' ? 'ubuntu' : 'debian';
}

export function dockerSourcesLine(system: ServerSystem): string {
	const family = dockerRepositoryFamily(system);
	return `deb [arch=${system.arch} signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/${family} ${system.codename} stable\n`;
}

const aptInstall = ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '--no-install-recommends'];

/** System packages for everything missing except Docker (util-linux provides flock). */
export function systemPackages(missing: readonly string[]): string[] {
	return missing.filter(name => name !== 'docker');
}

export type InstallCommand = {label: string; argv: string[]};

/** The commands in order; the Docker repository file itself is written between them. */
export function installCommands(missing: readonly string[], system: ServerSystem): {before: InstallCommand[]; after: InstallCommand[]} {
	const before: InstallCommand[] = [];
	const after: InstallCommand[] = [{label: 'Refresh the package lists', argv: ['apt-get', 'update']}];
	const packages = systemPackages(missing);
	if (missing.includes('docker')) {
		const family = dockerRepositoryFamily(system);
		before.push(
			{label: 'Create the folder for apt signing keys', argv: ['install', '-m', '0755', '-d', '/etc/apt/keyrings']},
			{label: 'Fetch Docker\'s signing key', argv: ['curl', '-fsSL', `https://download.docker.com/linux/${family}/gpg`, '-o', '/etc/apt/keyrings/docker.asc']},
			{label: 'Make the key readable by apt', argv: ['chmod', 'a+r', '/etc/apt/keyrings/docker.asc']},
		);
		packages.push('docker-ce', 'docker-ce-cli', 'containerd.io', 'docker-buildx-plugin', 'docker-compose-plugin');
	}

	if (packages.length > 0) {
		after.push({label: `Install ${packages.join(', ')}`, argv: [...aptInstall, ...packages]});
	}

	return {before, after};
}

/** The same commands as text, for a person without sudo to run as root. */
export function installScriptText(missing: readonly string[], system: ServerSystem): string {
	const {before, after} = installCommands(missing, system);
	const lines = before.map(command => `sudo ${toShellCommand(command.argv)}`);
	if (missing.includes('docker')) {
		lines.push(`echo ${toShellCommand([dockerSourcesLine(system).trim()])} | sudo tee ${dockerSourcesListPath}`);
	}

	lines.push(...after.map(command => `sudo ${toShellCommand(command.argv)}`));
	return lines.join('\n');
}
