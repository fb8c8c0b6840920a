// Polling with backoff and a visible countdown. The clock is injected, so tests never
// wait for a real backoff, and the abort signal (Ctrl-C, "continue later") stops it
// between two ticks.

export type Sleep = (milliseconds: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = async (milliseconds, signal) =>
	new Promise(resolve => {
		if (signal?.aborted) {
			resolve();
			return;
		}

		const timer = setTimeout(done, milliseconds);
		function done() {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		}

		signal?.addEventListener('abort', done, {once: true});
	});

export type Backoff = {
	initialMs: number;
	factor: number;
	maxMs: number;
};

/** Delay after the given attempt (1-based): initial, initial*factor, ... capped at max. */
export function backoffDelay(attempt: number, backoff: Backoff): number {
	return Math.min(backoff.maxMs, Math.round(backoff.initialMs * (backoff.factor ** (attempt - 1))));
}

export type PollEvent<Value> =
	| {type: 'attempt'; attempt: number}
	| {type: 'result'; attempt: number; value: Value; done: boolean}
	| {type: 'countdown'; attempt: number; secondsLeft: number};

export type PollOptions<Value> = {
	check: (attempt: number) => Promise<Value>;
	isDone: (value: Value) => boolean;
	backoff: Backoff;
	/** Give up after this many attempts (the last result is returned). */
	maxAttempts: number;
	signal?: AbortSignal;
	sleep?: Sleep;
	onEvent?: (event: PollEvent<Value>) => void;
};

export type PollResult<Value> = {
	status: 'done' | 'gave-up' | 'cancelled';
	attempts: number;
	/** The last value checked; absent only when cancelled before the first check. */
	value?: Value;
};

export async function pollUntil<Value>(options: PollOptions<Value>): Promise<PollResult<Value>> {
	const sleep = options.sleep ?? realSleep;
	let value: Value | undefined;
	for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
		if (options.signal?.aborted) {
			return {status: 'cancelled', attempts: attempt - 1, value};
		}

		options.onEvent?.({type: 'attempt', attempt});
		value = await options.check(attempt);
		const done = options.isDone(value);
		options.onEvent?.({type: 'result', attempt, value, done});
		if (done) {
			return {status: 'done', attempts: attempt, value};
		}

		if (attempt === options.maxAttempts) {
			return {status: 'gave-up', attempts: attempt, value};
		}

		// Count down in whole seconds so the screen can show "next check in 12 s".
		for (let left = backoffDelay(attempt, options.backoff); left > 0; left -= 1000) {
			if (options.signal?.aborted) {
				return {status: 'cancelled', attempts: attempt, value};
			}

			options.onEvent?.({type: 'countdown', attempt, secondsLeft: Math.ceil(left / 1000)});
			await sleep(Math.min(1000, left), options.signal);
		}
	}

	return {status: options.signal?.aborted ? 'cancelled' : 'gave-up', attempts: options.maxAttempts, value};
}
