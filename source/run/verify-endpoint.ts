// The final check: walks the path a visitor's request takes (DNS, TCP, TLS, the HTTP
// redirect, the health route, a sample prediction) and reports each layer on its own, so a
// failure says where to look. Every dependency (resolvers, trusted CA, clock) is injectable.
import {isIpv4Address} from '../core/inputs.js';
import {diagnoseDns} from './dns-diagnosis.js';
import {
	type DiagnosisContext,
	diagnoseHealth,
	diagnosePrediction,
	diagnoseRedirect,
	diagnoseTcp,
	diagnoseTls,
} from './endpoint-diagnosis.js';
import {type Layer, type LayerResult, skippedLayer} from './layer-result.js';
import {probeHttp, probeTcp, probeTls} from './net-probes.js';
import {type Backoff, pollUntil, type PollEvent, type Sleep} from './poll.js';
import {resolveAddresses} from './resolver.js';

export type VerifyOptions = {
	/** https://api.example.com (a port is allowed, for tests and unusual setups). */
	url: string;
	/** The route that answers 200 when the app is up; without one, any answer from / will do. */
	healthPath?: string;
	/** The server's IPv4 address (VPS); without it any DNS answer passes. */
	expectedAddress?: string;
	expectedIpv6?: string;
	/** Check the HTTP to HTTPS redirect (default true); platforms like Heroku may not redirect. */
	checkRedirect?: boolean;
	/** Where plain HTTP is served, for the redirect check (80 unless testing). */
	httpPort?: number;
	/** A sample prediction: the JSON text to POST and the route to POST it to. */
	prediction?: {path: string; payload: string};
	dnsServers?: readonly string[];
	/** PEM of an extra CA to trust (a test CA, Caddy's local CA). */
	caPem?: string;
	/** Per layer. */
	timeoutMs?: number;
	/** Extra attempts after the first when a layer fails. */
	retries?: number;
	backoff?: Backoff;
	logsCommand?: string;
	sleep?: Sleep;
	signal?: AbortSignal;
	now?: () => Date;
	onEvent?: (event: PollEvent<VerifyReport>) => void;
};

export type VerifyReport = {
	url: string;
	checkedAt: string;
	ok: boolean;
	attempts: number;
	layers: LayerResult[];
};

export const defaultVerifyBackoff: Backoff = {initialMs: 2000, factor: 2, maxMs: 15_000};

function literalAddress(hostname: string): string | undefined {
	if (isIpv4Address(hostname)) {
		return hostname;
	}

	if (hostname.startsWith('[')) {
		return hostname.slice(1, -1);
	}

	// Resolvers do not know localhost (it lives in the hosts file); it is this machine.
	return hostname === 'localhost' ? '127.0.0.1' : undefined;
}

/** Checks every layer once. */
export async function verifyOnce(options: VerifyOptions): Promise<VerifyReport> {
	const url = new URL(options.url);
	const name = url.hostname;
	const secure = url.protocol === 'https:';
	const port = Number(url.port || (secure ? 443 : 80));
	const timeoutMs = options.timeoutMs ?? 10_000;
	const now = options.now?.() ?? new Date();
	const context: DiagnosisContext = {name, port, logsCommand: options.logsCommand, now};
	const layers: LayerResult[] = [];
	const checkRedirect = secure && options.checkRedirect !== false;
	const planned: Layer[] = [
		'dns',
		'tcp',
		...(secure ? ['tls'] as const : []),
		...(checkRedirect ? ['redirect'] as const : []),
		'health',
		...(options.prediction ? ['prediction'] as const : []),
	];
	const finish = (blockedBy?: Layer): VerifyReport => {
		for (const layer of planned.slice(layers.length)) {
			layers.push(skippedLayer(layer, blockedBy ?? 'dns'));
		}

		return {url: url.href, checkedAt: now.toISOString(), ok: layers.every(layer => layer.ok), attempts: 1, layers};
	};

	let address = literalAddress(name);
	if (address) {
		layers.push({layer: 'dns', ok: true, summary: `${name} is ${address}, no DNS needed`, details: {address}});
	} else {
		const records = await resolveAddresses(name, {servers: options.dnsServers, timeoutMs});
		const dns = diagnoseDns(records, {ipv4: options.expectedAddress, ipv6: options.expectedIpv6});
		layers.push(dns);
		const found = records.a[0] ?? records.aaaa[0];
		if (!found) {
			return finish('dns');
		}

		address = found;
	}

	const target = {address, port, timeoutMs};
	const tcp = diagnoseTcp(await probeTcp(target), context);
	layers.push(tcp);
	let blocked: Layer | undefined = tcp.ok ? undefined : 'tcp';

	if (secure) {
		if (blocked) {
			layers.push(skippedLayer('tls', blocked));
		} else {
			const tlsProbe = await probeTls({...target, servername: name, caPem: options.caPem});
			layers.push(diagnoseTls(tlsProbe, context));
			// A bad certificate still lets us ask the app; a failed handshake does not.
			blocked = tlsProbe.ok ? undefined : 'tls';
		}
	}

	if (checkRedirect) {
		// Port 80 is its own door: check it even when 443 is shut.
		const httpPort = options.httpPort ?? 80;
		const plainUrl = new URL(`http://${url.hostname}${httpPort === 80 ? '' : `:${httpPort}`}/`);
		const redirectProbe = await probeHttp({address, port: httpPort, timeoutMs, url: plainUrl});
		layers.push(diagnoseRedirect(redirectProbe, {...context, httpPort, httpsUrl: url}));
	}

	if (blocked) {
		return finish(blocked);
	}

	const healthUrl = new URL(options.healthPath ?? '/', url);
	const health = await probeHttp({...target, url: healthUrl, caPem: options.caPem});
	layers.push(diagnoseHealth(health, {...context, url: healthUrl, anyAnswer: options.healthPath === undefined}));

	if (options.prediction) {
		const predictUrl = new URL(options.prediction.path, url);
		const prediction = await probeHttp({...target, url: predictUrl, method: 'POST', body: options.prediction.payload, caPem: options.caPem});
		layers.push(diagnosePrediction(prediction, {...context, url: predictUrl}));
	}

	return finish();
}

/** Checks every layer, again with backoff while anything fails, up to `retries` more times. */
export async function verifyEndpoint(options: VerifyOptions): Promise<VerifyReport> {
	const result = await pollUntil<VerifyReport>({
		check: async () => verifyOnce(options),
		isDone: report => report.ok,
		backoff: options.backoff ?? defaultVerifyBackoff,
		maxAttempts: (options.retries ?? 2) + 1,
		signal: options.signal,
		sleep: options.sleep,
		onEvent: options.onEvent,
	});
	if (!result.value) {
		// Cancelled before the first check finished: nothing was learned.
		return {url: options.url, checkedAt: (options.now?.() ?? new Date()).toISOString(), ok: false, attempts: 0, layers: []};
	}

	return {...result.value, attempts: result.attempts};
}
