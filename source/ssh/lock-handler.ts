// The deployment lock, held by this run from the first change it makes on a server until it
// ends: every remote action that changes something takes it first (a resumed run included,
// whatever step it resumes at), a timer refreshes it while the run goes on, and only its
// owner removes it, or a person who agreed to release a stale one.
import {randomBytes} from 'node:crypto';
import os from 'node:os';
import type {ActionOutcome, RemoteHost} from '../core/action.js';
import {lockAcquireArgv, lockReadArgv, lockRefreshArgv, lockReleaseArgv, lockText, type LockOwner, parseLockOwner} from '../commands/lock.js';
import type {ActionHandler} from '../run/execute.js';
import {asOutcome} from './outcome.js';
import {closeAllSessions, execRemote} from './session.js';

/** A lock not refreshed for this long is "stale": the wizard offers to release it. */
const staleAfterMs = 30 * 60 * 1000;
const refreshEveryMs = 5 * 60 * 1000;
const runId = randomBytes(6).toString('hex');

function me(): Omit<LockOwner, 'at'> {
	return {by: `${os.userInfo().username}@${os.hostname()}`, machine: os.hostname(), pid: process.pid, run: runId};
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

type Held = {server: RemoteHost; text: string; timer: NodeJS.Timeout};
const held = new Map<string, Held>();

function serverKey(server: RemoteHost): string {
	return `${server.user}@${server.host}:${server.port}`;
}

function describeOwner(owner: LockOwner | undefined): string {
	return owner ? `${owner.by} (process ${owner.pid}) since ${owner.at}` : 'an unknown run (its lock says nothing readable)';
}

async function readLock(server: RemoteHost): Promise<{text: string; owner: LockOwner | undefined} | undefined> {
	const read = await execRemote(server, lockReadArgv());
	const text = read.stdout.trim();
	return read.code === 0 ? {text, owner: parseLockOwner(text)} : undefined;
}

function keepFresh(server: RemoteHost): NodeJS.Timeout {
	const timer = setInterval(async () => {
		const current = held.get(serverKey(server));
		if (!current) {
			return;
		}

		const next = lockText({...me(), at: new Date().toISOString()});
		const refreshed = await execRemote(server, lockRefreshArgv(current.text, next)).catch(() => undefined);
		if (refreshed?.code === 0) {
			current.text = next;
		}
	}, refreshEveryMs);
	// The refresh never keeps the process alive on its own.
	timer.unref();
	return timer;
}

/**
 * Takes the lock for this run unless it already holds it. Another run's lock is a failure
 * that names its owner; one left by an ended run on this machine is released; a stale one
 * only with `releaseStale`.
 */
export async function holdLock(server: RemoteHost, options: {releaseStale?: boolean; onOutput: (chunk: string) => void}): Promise<ActionOutcome> {
	if (held.has(serverKey(server))) {
		return {ok: true, output: 'This run holds the deployment lock.'};
	}

	for (let attempt = 0; attempt < 3; attempt++) {
		const owner: LockOwner = {...me(), at: new Date().toISOString()};
		const text = lockText(owner);
		if ((await execRemote(server, lockAcquireArgv(owner))).code === 0) {
			held.set(serverKey(server), {server, text, timer: keepFresh(server)});
			return {ok: true, output: 'Took the deployment lock (~/.mldw/deploy.lock).'};
		}

		const current = await readLock(server);
		if (!current) {
			// Released between our attempt and the look: try again.
			continue;
		}

		const verdict = judgeLock(current.owner, new Date());
		const who = describeOwner(current.owner);
		if (verdict === 'dead' || (verdict === 'stale' && options.releaseStale)) {
			options.onOutput(`Releasing a lock left by ${who}, which is no longer running.\n`);
			await execRemote(server, lockReleaseArgv(current.text));
			continue;
		}

		if (verdict === 'stale') {
			return {
				ok: false,
				message: `The server is locked by ${who}; that looks stale (not refreshed for over 30 minutes).`,
				hint: 'If no other deployment is running, run again and agree to release it (headless: --yes), or remove it yourself: rm -f ~/.mldw/deploy.lock on the server.',
			};
		}

		return {
			ok: false,
			message: `Another deployment holds the lock on this server: ${who}.`,
			hint: 'Wait for it to finish and run again. If you are sure none is running, remove it: rm -f ~/.mldw/deploy.lock on the server.',
		};
	}

	return {ok: false, message: 'Could not take the deployment lock: other runs took it at the same moment.', hint: 'Run again in a minute.'};
}

/** Removes this run's lock on that server, if it holds one; never another run's. */
export async function releaseLock(server: RemoteHost): Promise<void> {
	const current = held.get(serverKey(server));
	if (!current) {
		return;
	}

	held.delete(serverKey(server));
	clearInterval(current.timer);
	await execRemote(server, lockReleaseArgv(current.text));
}

/**
 * The end of remote work in this process: this run's locks released (a failed run included,
 * so the next one from anywhere can start at once), then the connections closed.
 */
export async function endRemoteWork(): Promise<void> {
	for (const {server} of [...held.values()]) {
		await releaseLock(server).catch(() => undefined);
	}

	await closeAllSessions();
}

export const serverLockHandler: ActionHandler<'server-lock'> = (action, context) =>
	asOutcome(async () => {
		const {server} = action;
		if (action.operation === 'inspect') {
			const current = await readLock(server);
			const verdict: LockVerdict = current ? judgeLock(current.owner, new Date()) : 'free';
			const line = verdict === 'free' ? 'No other deployment holds the lock.' : `Lock: ${verdict} (${describeOwner(current?.owner)}).`;
			context.onOutput(`${line}\n`);
			return {ok: true, output: line, data: {verdict, owner: current?.owner}};
		}

		if (action.operation === 'release') {
			await releaseLock(server);
			return {ok: true, output: 'Released the deployment lock.'};
		}

		return holdLock(server, {releaseStale: action.releaseStale, onOutput: context.onOutput});
	});
