import {execFileSync} from 'node:child_process';

const cache = new Map<string, string | undefined>();

/**
 * The URL of the project's `origin` remote, the usual answer to "which repository does the
 * server clone". Read once per folder (a default is computed on every screen), and never
 * an error: no git, no repository or no origin simply means no default.
 */
export function originUrl(projectDirectory: string): string | undefined {
	if (!cache.has(projectDirectory)) {
		let url: string | undefined;
		try {
			url = execFileSync('git', ['-C', projectDirectory, 'remote', 'get-url', 'origin'], {stdio: ['ignore', 'pipe', 'ignore'], timeout: 3000}).toString().trim() || undefined;
		} catch {
			url = undefined;
		}

		cache.set(projectDirectory, url);
	}

	return cache.get(projectDirectory);
}
