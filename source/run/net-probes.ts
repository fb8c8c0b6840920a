// Raw network probes: TCP connect, TLS handshake, one HTTP request. They connect to an
// address already resolved (through the configured DNS servers) and send the name as SNI
// and Host header, so a test name like api.test reaches a loopback server exactly the way
// a real name reaches a VPS. They return facts or an error code; the diagnosis is elsewhere.
import type {PeerCertificate, TLSSocket} from 'node:tls';

export type ProbeError = {code: string; message: string};

export type TcpProbe = {ok: true; latencyMs: number} | {ok: false; error: ProbeError};

export type CertificateFacts = {
	subject: string;
	altNames: string[];
	issuer: string;
	validFrom: string;
	validTo: string;
};

export type TlsProbe =
	| {
		ok: true;
		authorized: boolean;
		authorizationError?: string;
		protocol: string;
		certificate?: CertificateFacts;
	}
	| {ok: false; error: ProbeError};

export type HttpProbe =
	| {ok: true; status: number; location?: string; contentType?: string; body: string; latencyMs: number}
	| {ok: false; error: ProbeError};

export type ProbeTarget = {
	/** The IP address to connect to. */
	address: string;
	port: number;
	timeoutMs: number;
};

const bodyLimit = 64 * 1024;

function toProbeError(error: unknown): ProbeError {
	const {code, message} = error as {code?: string; message?: string};
	return {code: code ?? 'UNKNOWN', message: message ?? String(error)};
}

function timeoutError(what: string, timeoutMs: number): ProbeError {
	return {code: 'TIMEOUT', message: `${what} did not finish within ${timeoutMs / 1000} s`};
}

/** SNI carries names only: an IP address there is refused by TLS (and warned about by node). */
async function serverName(host: string): Promise<string | undefined> {
	const {isIP} = await import('node:net');
	const bare = host.replaceAll(/^\[|\]$/g, '');
	return isIP(bare) === 0 ? bare : undefined;
}

async function trustedCertificates(caPem: string | undefined): Promise<string[] | undefined> {
	if (!caPem) {
		return undefined;
	}

	// Add to the public roots instead of replacing them: a real certificate still verifies.
	const {rootCertificates} = await import('node:tls');
	return [...rootCertificates, caPem];
}

export async function probeTcp(target: ProbeTarget): Promise<TcpProbe> {
	const net = await import('node:net');
	const started = performance.now();
	return new Promise(resolve => {
		const socket = net.connect({host: target.address, port: target.port});
		socket.setTimeout(target.timeoutMs);
		socket.once('connect', () => {
			socket.destroy();
			resolve({ok: true, latencyMs: Math.round(performance.now() - started)});
		});
		socket.once('timeout', () => {
			socket.destroy();
			resolve({ok: false, error: timeoutError('The TCP connection', target.timeoutMs)});
		});
		socket.once('error', error => {
			resolve({ok: false, error: toProbeError(error)});
		});
	});
}

function certificateFacts(certificate: PeerCertificate): CertificateFacts | undefined {
	if (!certificate || Object.keys(certificate).length === 0) {
		return undefined;
	}

	const altNames = (certificate.subjectaltname ?? '')
		.split(', ')
		.filter(entry => entry.startsWith('DNS:') || entry.startsWith('IP Address:'))
		.map(entry => entry.replace(/^DNS:|^IP Address:/, ''));
	const name = (part: Record<string, string | string[]> | undefined) => {
		const value = part?.O ?? part?.CN ?? '';
		const organisation = Array.isArray(value) ? value.join(', ') : value;
		const common = part?.CN && part.O ? ` (${String(part.CN)})` : '';
		return `${organisation}${common}`;
	};

	return {
		subject: String(certificate.subject?.CN ?? ''),
		altNames,
		issuer: name(certificate.issuer as unknown as Record<string, string>),
		validFrom: new Date(certificate.valid_from).toISOString(),
		validTo: new Date(certificate.valid_to).toISOString(),
	};
}

export async function probeTls(target: ProbeTarget & {servername: string; caPem?: string}): Promise<TlsProbe> {
	const tls = await import('node:tls');
	const ca = await trustedCertificates(target.caPem);
	const servername = await serverName(target.servername);
	return new Promise(resolve => {
		let settled = false;
		const finish = (result: TlsProbe, socket: TLSSocket) => {
			if (!settled) {
				settled = true;
				socket.destroy();
				resolve(result);
			}
		};

		// rejectUnauthorized is off so that a bad certificate can be described (who issued
		// it, for which names, until when) instead of only refused.
		const socket = tls.connect({
			host: target.address,
			port: target.port,
			servername,
			ca,
			rejectUnauthorized: false,
			ALPNProtocols: ['http/1.1'],
		});
		socket.setTimeout(target.timeoutMs);
		socket.once('secureConnect', () => {
			finish({
				ok: true,
				authorized: socket.authorized,
				authorizationError: socket.authorizationError ? String((socket.authorizationError as {code?: string}).code ?? socket.authorizationError) : undefined,
				protocol: socket.getProtocol() ?? 'unknown',
				certificate: certificateFacts(socket.getPeerCertificate()),
			}, socket);
		});
		socket.once('timeout', () => {
			finish({ok: false, error: timeoutError('The TLS handshake', target.timeoutMs)}, socket);
		});
		socket.once('error', error => {
			finish({ok: false, error: toProbeError(error)}, socket);
		});
	});
}

export type HttpProbeRequest = ProbeTarget & {
	url: URL;
	method?: 'GET' | 'POST';
	body?: string;
	contentType?: string;
	caPem?: string;
};

export async function probeHttp(request: HttpProbeRequest): Promise<HttpProbe> {
	const secure = request.url.protocol === 'https:';
	const client = secure ? await import('node:https') : await import('node:http');
	const ca = secure ? await trustedCertificates(request.caPem) : undefined;
	const servername = secure ? await serverName(request.url.hostname) : undefined;
	const started = performance.now();
	const headers: Record<string, string> = {
		host: request.url.host,
		'user-agent': 'ml-deploy-wizard-verify',
		accept: 'application/json, */*',
	};
	if (request.body !== undefined) {
		headers['content-type'] = request.contentType ?? 'application/json';
		headers['content-length'] = String(Buffer.byteLength(request.body));
	}

	return new Promise(resolve => {
		let settled = false;
		const finish = (result: HttpProbe) => {
			if (!settled) {
				settled = true;
				clearTimeout(timer);
				resolve(result);
			}
		};

		const outgoing = client.request({
			host: request.address,
			port: request.port,
			path: `${request.url.pathname}${request.url.search}`,
			method: request.method ?? 'GET',
			headers,
			servername,
			ca,
			// The TLS layer is judged on its own; here we want to know whether the app answers.
			rejectUnauthorized: false,
			agent: false,
		}, response => {
			const chunks: Buffer[] = [];
			let size = 0;
			response.on('data', (chunk: Buffer) => {
				if (size < bodyLimit) {
					chunks.push(chunk);
					size += chunk.length;
				}
			});
			response.once('end', () => {
				finish({
					ok: true,
					status: response.statusCode ?? 0,
					location: response.headers.location,
					contentType: response.headers['content-type'],
					body: Buffer.concat(chunks).toString('utf8').slice(0, bodyLimit),
					latencyMs: Math.round(performance.now() - started),
				});
			});
			response.once('error', error => {
				finish({ok: false, error: toProbeError(error)});
			});
		});
		// One deadline for the whole exchange: connect, send, and read the full answer.
		const timer = setTimeout(() => {
			finish({ok: false, error: timeoutError(`${request.method ?? 'GET'} ${request.url.pathname}`, request.timeoutMs)});
			outgoing.destroy();
		}, request.timeoutMs);
		outgoing.once('error', error => {
			finish({ok: false, error: toProbeError(error)});
		});
		outgoing.end(request.body);
	});
}
