// docker argv builders for images built on this laptop and pushed to a registry
// (Artifact Registry, Heroku's). Pure functions of their inputs, the CPU architecture too.

/** Cloud Run and Heroku run linux/amd64; an arm64 laptop (Apple Silicon) must say so. */
export function platformArguments(arch: string): string[] {
	return arch === 'x64' ? [] : ['--platform', 'linux/amd64'];
}

export const dockerVersion = (): string[] => ['docker', '--version'];

/** Fails when the Docker engine is not running, which `docker --version` does not notice. */
export const dockerEngineVersion = (): string[] => ['docker', 'info', '--format={{.ServerVersion}}'];

export const buildImage = (image: string, arch: string, context = '.'): string[] => [
	'docker',
	'build',
	...platformArguments(arch),
	'--tag',
	image,
	context,
];

export const pushImage = (image: string): string[] => ['docker', 'push', image];
