import type {Duplex} from 'node:stream';
import {loadSsh2} from './load-ssh2.js';
import {SshError} from './ssh-error.js';

/**
 * Reads the server's host key without logging in: the connection is dropped as soon as the
 * key arrives, so nothing (not even a user name) is sent to a server not yet trusted.
 * `sock` is a channel through a jump host, when the ssh config says ProxyJump.
 */
export async function scanHostKey(host: string, port: number, sock?: Duplex): Promise<Buffer> {
	const {Client} = await loadSsh2();
	const client = new Client();
	return new Promise<Buffer>((resolve, reject) => {
		let key: Buffer | undefined;
		const finish = (error?: Error & {code?: string}) => {
			client.end();
			if (key) {
				resolve(key);
				return;
			}

			const reason = error?.code === 'ECONNREFUSED'
				? `Nothing accepts SSH connections on ${host} port ${port} (connection refused).`
				: error?.code === 'ENOTFOUND'
					? `The name ${host} does not resolve to an address.`
					: `No SSH answer from ${host} port ${port}${error ? ` (${error.message})` : ''}.`;
			reject(new SshError(reason, 'Check the address and port in your provider\'s panel (or HostName and Port in your ssh config), that the server is running, and that port 22 (or your SSH port) is open in its firewall.', 'unreachable'));
		};

		// `on`, not `once`: a reset before the handshake can emit more than one error.
		client.on('error', error => finish(error));
		client.once('close', () => finish());
		client.connect({
			host,
			port,
			sock,
			username: 'mldw-host-key-scan',
			readyTimeout: 15_000,
			hostVerifier(blob: Buffer) {
				key = blob;
				return false;
			},
		});
	});
}
