// The deployment lock on the server, as argv: a symbolic link whose target is the owner's
// description. Creating a link is atomic and fails when one exists, so the lock and its
// owner appear in the same instant: a second run never sees a lock without an owner. The
// link points nowhere; it is only read with readlink.

export const lockPath = '.mldw/deploy.lock';

export type LockOwner = {
	by: string;
	machine: string;
	pid: number;
	/** When it was taken or last refreshed; a lock not refreshed for a while is stale. */
	at: string;
	/** One id per run, so a run tells its own lock from one its machine's earlier run left. */
	run?: string;
};

export function lockText(owner: LockOwner): string {
	return JSON.stringify(owner);
}

/** Takes the lock, or exits 1 when another run holds it. */
export function lockAcquireArgv(owner: LockOwner): string[] {
	return ['sh', '-c', 'mkdir -p .mldw && ln -s -- "$1" "$2"', 'mldw-lock', lockText(owner), lockPath];
}

/** Prints the owner; exits 1 when the lock is free. */
export function lockReadArgv(): string[] {
	return ['readlink', '--', lockPath];
}

/**
 * Removes the lock only while it still is the one described by `expected` (ours, or a dead
 * or stale one the person agreed to release): never a lock another run took since.
 */
export function lockReleaseArgv(expected: string): string[] {
	return ['sh', '-c', 'if [ "$(readlink -- "$2")" = "$1" ]; then rm -f -- "$2"; fi', 'mldw-unlock', expected, lockPath];
}

/** Replaces our lock with one carrying a new time, atomically (a rename), if it still is ours. */
export function lockRefreshArgv(current: string, next: string): string[] {
	return [
		'sh',
		'-c',
		'[ "$(readlink -- "$3")" = "$1" ] || exit 1\nrm -f -- "$3.new"\nln -s -- "$2" "$3.new"\nmv -fT -- "$3.new" "$3"',
		'mldw-lock-refresh',
		current,
		next,
		lockPath,
	];
}

export function parseLockOwner(text: string): LockOwner | undefined {
	try {
		const value = JSON.parse(text) as Partial<LockOwner>;
		if (typeof value.by === 'string' && typeof value.machine === 'string' && typeof value.pid === 'number' && typeof value.at === 'string') {
			return value as LockOwner;
		}
	} catch {}

	return undefined;
}
