// The deployment lock: mkdir is atomic on every file system, so two runs can never both
// succeed in taking it. Who and when are written inside, for the person who finds it.

export const lockDirectory = '.mldw/lock';
export const lockInfoPath = `${lockDirectory}/owner.json`;

export function lockAcquireArgv(): string[] {
	return ['sh', '-c', 'mkdir -p .mldw && mkdir "$1"', 'mldw-lock', lockDirectory];
}

export function lockReadArgv(): string[] {
	return ['cat', lockInfoPath];
}

export function lockReleaseArgv(): string[] {
	return ['rm', '-rf', '--', lockDirectory];
}

export type LockOwner = {by: string; machine: string; pid: number; at: string};

export function parseLockOwner(text: string): LockOwner | undefined {
	try {
		const value = JSON.parse(text) as Partial<LockOwner>;
		if (typeof value.by === 'string' && typeof value.machine === 'string' && typeof value.pid === 'number' && typeof value.at === 'string') {
			return value as LockOwner;
		}
	} catch {}

	return undefined;
}
