import type {ActionHandlers} from '../run/execute.js';
import {serverLockHandler} from './lock-handler.js';
import {createVpsLocalHandlers} from './local-handlers.js';
import {createRemoteHandlers} from './remote-handlers.js';
import {createTrustHandlers} from './trust-handlers.js';

/**
 * Every handler the VPS steps need beyond the local ones: keys, host trust, the pooled SSH
 * connection, the lock, ports. ssh2 is loaded only when the first of them runs.
 */
export function createSshHandlers(): ActionHandlers {
	return {
		...createRemoteHandlers(),
		// After the remote handlers: its check-login (which key logged in, through which jump
		// hosts) replaces theirs.
		...createTrustHandlers(),
		...createVpsLocalHandlers(),
		'server-lock': serverLockHandler,
	};
}
