// A command run again while it fails the way an eventually consistent backend fails (see
// RetryPolicy in core/action.ts). The pause grows from 5 s to 60 s and the whole wait stays
// within the policy's bound, so a real refusal is still reported, only later. The sleep is
// injected: tests never wait for a real pause.
import type {RetryPolicy} from '../core/action.js';
import {type Backoff, backoffDelay, realSleep, type Sleep} from './poll.js';
import {type CommandOptions, type CommandResult, runCommand} from './run-command.js';

/** The same pauses the generated deploy scripts make, so both wait alike. */
export const retryBackoff: Backoff = {initialMs: 5000, factor: 2, maxMs: 60_000};

export type RetriedResult = {
	result: CommandResult;
	/** How long it waited in all before this result (0 when it never waited). */
	waitedSeconds: number;
};

function pending(policy: RetryPolicy, output: string): boolean {
	return policy.when.some(pattern => new RegExp(pattern, 'i').test(output));
}

/** Runs `argv`; while it fails with output the policy names, waits and runs it again. */
export async function runCommandWithRetry(
	argv: readonly string[],
	options: CommandOptions,
	policy: RetryPolicy | undefined,
	/** Where the reason for each pause is said (the live output, even of a quiet command). */
	notify: (text: string) => void,
	sleep: Sleep = realSleep,
): Promise<RetriedResult> {
	let waitedMs = 0;
	for (let attempt = 1; ; attempt++) {
		const result = await runCommand(argv, options);
		if (result.ok || result.notFound || !policy || !pending(policy, result.output)) {
			return {result, waitedSeconds: waitedMs / 1000};
		}

		const delay = backoffDelay(attempt, retryBackoff);
		if (waitedMs + delay > policy.seconds * 1000 || options.signal?.aborted) {
			return {result, waitedSeconds: waitedMs / 1000};
		}

		notify(`${policy.reason}: trying again in ${delay / 1000} s (waiting ${duration(policy.seconds)} at most).\n`);
		await sleep(delay, options.signal);
		waitedMs += delay;
	}
}

function duration(seconds: number): string {
	const minutes = seconds / 60;
	return Number.isInteger(minutes) ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${seconds} s`;
}

/** Said after a failure that waiting did not cure, so the person knows it was not a blip. */
export function stillFailing(waitedSeconds: number): string {
	return waitedSeconds > 0 ? ` It still failed after ${waitedSeconds} s of waiting.` : '';
}
