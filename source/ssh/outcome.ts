import type {ActionOutcome} from '../core/action.js';
import {SshError} from './ssh-error.js';

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
