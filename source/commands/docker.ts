// Docker Compose on the server, as argv.

export function composeFilePath(directory: string, composeFile = 'compose.yaml'): string {
	return `${directory}/${composeFile}`;
}

export function composeUpArgv(directory: string, composeFile?: string): string[] {
	return ['docker', 'compose', '-f', composeFilePath(directory, composeFile), 'up', '-d', '--build', '--remove-orphans'];
}

/** Held by every build on the server, relative to the login user's home. */
export const buildLockPath = '.mldw/build.lock';

/**
 * One build at a time on the server, whoever starts it: a retry after a dropped connection
 * waits (up to 30 minutes) for the build still running there instead of starting a second
 * one beside it, and then finds nothing left to do.
 */
export function oneBuildAtATime(argv: string[]): string[] {
	return ['flock', '-w', '1800', buildLockPath, ...argv];
}

export function composeLogsArgv(directory: string, composeFile?: string): string[] {
	return ['docker', 'compose', '-f', composeFilePath(directory, composeFile), 'logs', '--tail', '40'];
}

export function composeVersionArgv(): string[] {
	return ['docker', 'compose', 'version'];
}
