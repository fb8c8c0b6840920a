import assert from 'node:assert/strict';
import {test} from 'node:test';
import {backoffDelay, pollUntil, type PollEvent} from '../../source/run/poll.js';

const backoff = {initialMs: 2000, factor: 2, maxMs: 5000};

test('backoff grows by the factor and stops at the maximum', () => {
	assert.deepEqual([1, 2, 3, 4].map(attempt => backoffDelay(attempt, backoff)), [2000, 4000, 5000, 5000]);
});

test('polls until done, counting down each second with an injected sleep', async () => {
	const events: Array<PollEvent<number>> = [];
	const slept: number[] = [];
	const result = await pollUntil<number>({
		check: async attempt => attempt,
		isDone: value => value === 3,
		backoff: {initialMs: 1500, factor: 2, maxMs: 10_000},
		maxAttempts: 5,
		async sleep(milliseconds) {
			slept.push(milliseconds);
		},
		onEvent: event => events.push(event),
	});
	assert.deepEqual(result, {status: 'done', attempts: 3, value: 3});
	// 1.5 s then 3 s: ticks of at most one second.
	assert.deepEqual(slept, [1000, 500, 1000, 1000, 1000]);
	assert.deepEqual(
		events.filter(event => event.type === 'countdown').map(event => event.type === 'countdown' && event.secondsLeft),
		[2, 1, 3, 2, 1],
	);
});

test('gives up after the last attempt and returns its value', async () => {
	const result = await pollUntil<string>({
		check: async () => 'still wrong',
		isDone: () => false,
		backoff,
		maxAttempts: 2,
		sleep: async () => {},
	});
	assert.deepEqual(result, {status: 'gave-up', attempts: 2, value: 'still wrong'});
});

test('an abort during the countdown stops at once and keeps the last value', async () => {
	const controller = new AbortController();
	let sleeps = 0;
	const result = await pollUntil<string>({
		check: async () => 'not yet',
		isDone: () => false,
		backoff: {initialMs: 60_000, factor: 1, maxMs: 60_000},
		maxAttempts: 10,
		signal: controller.signal,
		async sleep() {
			sleeps++;
			if (sleeps === 3) {
				controller.abort();
			}
		},
	});
	assert.deepEqual(result, {status: 'cancelled', attempts: 1, value: 'not yet'});
	assert.equal(sleeps, 3);
});
