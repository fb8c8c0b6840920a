import os from 'node:os';
import {lockAcquireArgv, lockDirectory, lockInfoPath, lockReadArgv, lockReleaseArgv, type LockOwner, parseLockOwner} from '../commands/lock.js';
import type {ActionHandler} from '../run/execute.js';
import {asOutcome} from './outcome.js';
import {execRemote, writeRemoteFile} from './session.js';

/** A lock older than this is "stale": the wizard offers to release it. */
const staleAfterMs = 30 * 60 * 1000;

function me(): Omit<LockOwner, 'at'> {
	return {by: `${os.userInfo().username}@${os.hostname()}`, machine: os.hostname(), pid: process.pid};
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

export type LockVerdict = 'free' | 'ours' | 'dead' | 'stale' | 'held';

/** Whose lock it is and whether it may go: pure except for the local process check. */
export function judgeLock(owner: LockOwner | undefined, now: Date, self = me(), isAlive = processAlive): LockVerdict {
	if (!owner) {
		return 'stale';
	}

	if (owner.machine === self.machine) {
		if (owner.pid === self.pid) {
			return 'ours';
		}

		// Left by a run on this machine that has ended (Ctrl-C, a crash, a lost connection).
		if (!isAlive(owner.pid)) {
			return 'dead';
		}
	}

	return now.getTime() - Date.parse(owner.at) > staleAfterMs ? 'stale' : 'held';
}

export const serverLockHandler: ActionHandler<'server-lock'> = (action, context) =>
	asOutcome(async () => {
		const server = action.server;
		const readOwner = async () => parseLockOwner((await execRemote(server, lockReadArgv())).stdout);
		if (action.operation === 'inspect') {
			const lockExists = (await execRemote(server, ['test', '-d', lockDirectory])).code === 0;
			const owner = lockExists ? await readOwner() : undefined;
			const verdict: LockVerdict = lockExists ? judgeLock(owner, new Date()) : 'free';
			const line = verdict === 'free' ? 'No other deployment holds the lock.' : `Lock: ${verdict} (${owner ? `${owner.by} since ${owner.at}` : 'no owner file'}).`;
			context.onOutput(`${line}\n`);
			return {ok: true, output: line, data: {verdict, owner}};
		}

		if (action.operation === 'release') {
			const verdict = judgeLock(await readOwner(), new Date());
			if (verdict === 'held') {
				return {ok: true, output: 'The lock belongs to another run; left in place.'};
			}

			await execRemote(server, lockReleaseArgv());
			return {ok: true, output: 'Released the deployment lock.'};
		}

		for (let attempt = 0; attempt < 2; attempt++) {
			const taken = await execRemote(server, lockAcquireArgv());
			if (taken.code === 0) {
				await writeRemoteFile(server, lockInfoPath, `${JSON.stringify({...me(), at: new Date().toISOString()})}\n`, 0o644);
				return {ok: true, output: 'Took the deployment lock (~/.mldw/lock).'};
			}

			const owner = await readOwner();
			const verdict = judgeLock(owner, new Date());
			const who = owner ? `${owner.by} (process ${owner.pid}) since ${owner.at}` : 'an unknown run (no owner file)';
			if (verdict === 'ours') {
				return {ok: true, output: 'This run already holds the deployment lock.'};
			}

			if (verdict === 'dead' || (verdict === 'stale' && action.releaseStale)) {
				context.onOutput(`Releasing a lock left by ${who}, which is no longer running.\n`);
				await execRemote(server, lockReleaseArgv());
				continue;
			}

			return verdict === 'stale'
				? {
						ok: false,
						message: `The server is locked by ${who}; that looks stale (over 30 minutes old).`,
						hint: 'If no other deployment is running, run again and agree to release it (headless: --yes), or remove it yourself: rm -rf ~/.mldw/lock on the server.',
					}
				: {
						ok: false,
						message: `Another deployment holds the lock on this server: ${who}.`,
						hint: 'Wait for it to finish and run again. If you are sure none is running, remove it: rm -rf ~/.mldw/lock on the server.',
					};
		}

		return {ok: false, message: 'Could not take the deployment lock: another run took it at the same moment.', hint: 'Run again in a minute.'};
	});
