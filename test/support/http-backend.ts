// Small local servers for endpoint tests: an app backend with chosen routes, an HTTPS
// server with a given certificate, and a TCP server that accepts and never answers.
import {createServer as createHttpServer, type IncomingMessage, type ServerResponse} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import {createServer as createTcpServer, type Server, type Socket} from 'node:net';

export type RunningServer = {port: number; stop(): Promise<void>};

export type Route = (request: IncomingMessage, body: string, response: ServerResponse) => void;

async function listen(server: Server, sockets: Set<Socket>): Promise<RunningServer> {
	server.on('connection', socket => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	return {
		port: (server.address() as {port: number}).port,
		async stop() {
			for (const socket of sockets) {
				socket.destroy();
			}

			await new Promise<void>(resolve => {
				server.close(() => {
					resolve();
				});
			});
		},
	};
}

function handler(routes: Record<string, Route>) {
	return (request: IncomingMessage, response: ServerResponse) => {
		let body = '';
		request.on('data', (chunk: Buffer) => {
			body += chunk.toString();
		});
		request.on('end', () => {
			const route = routes[`${request.method} ${request.url}`];
			if (route) {
				route(request, body, response);
			} else {
				response.writeHead(404, {'content-type': 'text/plain'}).end('not found');
			}
		});
	};
}

/** An app backend: routes keyed by "METHOD /path". */
export async function startBackend(routes: Record<string, Route>): Promise<RunningServer> {
	return listen(createHttpServer(handler(routes)), new Set());
}

export async function startHttpsServer(options: {certificatePem: string; keyPem: string; routes: Record<string, Route>}): Promise<RunningServer> {
	return listen(createHttpsServer({cert: options.certificatePem, key: options.keyPem}, handler(options.routes)), new Set());
}

/** Accepts connections and never says a word: for timeouts. */
export async function startSilentServer(): Promise<RunningServer> {
	return listen(createTcpServer(() => {}), new Set());
}

export const json = (status: number, value: unknown): Route => (_request, _body, response) => {
	response.writeHead(status, {'content-type': 'application/json'}).end(JSON.stringify(value));
};
