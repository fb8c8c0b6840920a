/** A failure on the way to (or on) the server, already worded for the person. */
export class SshError extends Error {
	constructor(
		message: string,
		readonly hint: string | undefined,
		readonly reason: 'unreachable' | 'auth' | 'host-key' | 'lost' | 'key-file' | 'other',
	) {
		super(message);
	}
}
