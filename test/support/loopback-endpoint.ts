// A live endpoint served entirely on loopback, for tests whose last step verifies a URL a
// platform reported (Cloud Run, Heroku): a real dnsmasq answers the given names under .test
// with 127.0.0.1, a real Caddy serves them over HTTPS (`tls internal`, its own throwaway CA)
// on a free port, and a small local backend answers /health behind it. The stand-in CLIs
// report https://NAME:PORT, so the wizard's checks never leave 127.0.0.0/8.
import type {CheckOptions} from '../../source/run/check-options.js';
import {type CaddyServer, startCaddy} from './caddy.js';
import {type DnsmasqServer, startDnsmasq} from './dnsmasq.js';
import {json, type RunningServer, startBackend} from './http-backend.js';

export type LoopbackEndpoint = {
	/** https://NAME:PORT for one of the names given. */
	url(name: string): string;
	dnsServer: string;
	caFile: string;
	/** For createLocalHandlers: local DNS and CA, no retries (a failure is final at once). */
	checks: CheckOptions;
	/** The environment the real CLI reads the same settings from. */
	environment: Record<string, string>;
	/** false: /health answers 500, like an app that started but is broken. */
	setHealthy(healthy: boolean): void;
	stop(): Promise<void>;
};

export async function startLoopbackEndpoint(names: string[]): Promise<LoopbackEndpoint> {
	let healthy = true;
	let backend: RunningServer | undefined;
	let caddy: CaddyServer | undefined;
	let dns: DnsmasqServer | undefined;
	const stop = async () => {
		await dns?.stop();
		await caddy?.stop();
		await backend?.stop();
	};

	try {
		backend = await startBackend({
			'GET /health': (request, body, response) => json(healthy ? 200 : 500, healthy ? {status: 'ok'} : {error: 'model not loaded'})(request, body, response),
		});
		const backendPort = backend.port;
		caddy = await startCaddy({sites: () => `${names.join(', ')} {\n\ttls internal\n\treverse_proxy 127.0.0.1:${backendPort}\n}`});
		for (const name of names) {
			await caddy.waitForCertificate(name);
		}

		dns = await startDnsmasq({records: names.map(name => ({name, a: ['127.0.0.1']}))});
	} catch (error) {
		await stop();
		throw error;
	}

	const {httpsPort, rootCertificatePath} = caddy;
	return {
		url: name => `https://${name}:${httpsPort}`,
		dnsServer: dns.server,
		caFile: rootCertificatePath,
		checks: {dnsServers: [dns.server], caPem: caddy.rootCertificatePem(), timeoutMs: 5000, verifyRetries: 0},
		environment: {MLDW_DNS_SERVERS: dns.server, MLDW_CA_FILE: rootCertificatePath},
		setHealthy(value) {
			healthy = value;
		},
		stop,
	};
}
