import assert from 'node:assert/strict';
import {SshError} from '../../source/ssh/ssh-error.js';

/** The SshError a promise fails with; the test fails if it succeeds or fails otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<SshError> {
	try {
		await promise;
	} catch (error) {
		assert.ok(error instanceof SshError, `expected an SshError, got ${String(error)}`);
		return error;
	}

	assert.fail('expected a failure');
}
