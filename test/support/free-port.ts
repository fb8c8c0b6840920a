import {createSocket} from 'node:dgram';
import {createServer} from 'node:net';

/** A port the OS says is free for TCP (and, with `udp`, for UDP too) on 127.0.0.1. */
export async function freePort(options: {udp?: boolean} = {}): Promise<number> {
	for (let attempt = 0; attempt < 20; attempt++) {
		const port = await new Promise<number>((resolve, reject) => {
			const server = createServer();
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const {port} = server.address() as {port: number};
				server.close(() => {
					resolve(port);
				});
			});
		});
		if (!options.udp || await udpFree(port)) {
			return port;
		}
	}

	throw new Error('No free port found on 127.0.0.1 after 20 tries.');
}

async function udpFree(port: number): Promise<boolean> {
	return new Promise(resolve => {
		const socket = createSocket('udp4');
		socket.once('error', () => {
			resolve(false);
		});
		socket.bind(port, '127.0.0.1', () => {
			socket.close(() => {
				resolve(true);
			});
		});
	});
}
