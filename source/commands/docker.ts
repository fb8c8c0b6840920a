// Docker Compose on the server, as argv.

export function composeFilePath(directory: string, composeFile = 'compose.yaml'): string {
	return `${directory}/${composeFile}`;
}

export function composeUpArgv(directory: string, composeFile?: string): string[] {
	return ['docker', 'compose', '-f', composeFilePath(directory, composeFile), 'up', '-d', '--build', '--remove-orphans'];
}

export function composeLogsArgv(directory: string, composeFile?: string): string[] {
	return ['docker', 'compose', '-f', composeFilePath(directory, composeFile), 'logs', '--tail', '40'];
}

export function composeVersionArgv(): string[] {
	return ['docker', 'compose', 'version'];
}
