import os from 'node:os';
import path from 'node:path';

/** Expands a leading ~ to this user's home directory (read at call time, so tests can move HOME). */
export function expandHome(filePath: string): string {
	if (filePath === '~') {
		return os.homedir();
	}

	return filePath.startsWith('~/') ? path.join(os.homedir(), filePath.slice(2)) : filePath;
}
