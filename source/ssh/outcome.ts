import type {ActionOutcome} from '../core/action.js';
import {SshError} from './ssh-error.js';

const lastLineCount = 15;

export function lastLines(text: string): string {
	return text.trimEnd().split('\n').slice(-lastLineCount).join('\n');
}

/** Runs a handler body; an SshError (already worded for the person) becomes a failure value. */
export async function asOutcome(body: () => Promise<ActionOutcome>): Promise<ActionOutcome> {
	try {
		return await body();
	} catch (error) {
		if (error instanceof SshError) {
			return {ok: false, message: error.message, hint: error.hint};
		}

		throw error;
	}
}
