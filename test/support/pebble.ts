// A real ACME server (pebble, Let's Encrypt's test CA, Debian package) on 127.0.0.1:14000,
// so Caddy obtains a real certificate over HTTP-01 or TLS-ALPN-01 the way it would from Let's
// Encrypt. It validates on the standard ports 80 and 443 and resolves names through the DNS
// server on 127.0.0.1:53: run it inside a private network namespace (network-namespace.ts).
//
// Two CAs are involved. pebble's own HTTPS endpoint uses a throwaway certificate for
// localhost made here (the package ships none): Caddy must trust `endpointCaFile`. The
// certificates pebble issues chain to a root pebble makes anew at every start, served by its
// management endpoint: a verifier or curl must trust what writeIssuingRoot() saves.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {get} from 'node:https';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {makeTestCertificate} from './certificates.js';
import {requireBinary, startDaemon, waitUntilReady} from './daemon.js';

export type Pebble = {
	/** https://127.0.0.1:14000/dir, for Caddy's `acme_ca`. */
	directoryUrl: string;
	/** The CA of pebble's own HTTPS endpoint: what the ACME client must trust (SSL_CERT_FILE). */
	endpointCaFile: string;
	/** Fetches the root that issued certificates chain to, writes it to `file`, returns its PEM. */
	writeIssuingRoot(file: string): Promise<string>;
	/** Everything pebble printed so far (each order, authorization and validation). */
	log(): string;
	stop(): Promise<void>;
};

export type PebbleOptions = {
	/** Where pebble sends its DNS queries for validation. Default 127.0.0.1:53. */
	dnsServer?: string;
	httpPort?: number;
	tlsPort?: number;
};

function fetchText(url: string, ca: string): Promise<{status: number; body: string}> {
	return new Promise((resolve, reject) => {
		const request = get(url, {ca, timeout: 2000}, response => {
			let body = '';
			response.on('data', (chunk: Buffer) => {
				body += chunk.toString();
			});
			response.on('end', () => {
				resolve({status: response.statusCode ?? 0, body});
			});
		});
		request.once('timeout', () => request.destroy(new Error(`${url} timed out`)));
		request.once('error', reject);
	});
}

export async function startPebble(options: PebbleOptions = {}): Promise<Pebble> {
	const binary = requireBinary('pebble', 'pebble');
	const directory = mkdtempSync(path.join(tmpdir(), 'mldw-pebble-'));
	const hour = 3_600_000;
	const endpoint = makeTestCertificate({names: ['localhost', '127.0.0.1'], notBefore: new Date(Date.now() - hour), notAfter: new Date(Date.now() + 24 * hour)});
	const file = (name: string, content: string) => {
		const filePath = path.join(directory, name);
		writeFileSync(filePath, content);
		return filePath;
	};

	const endpointCaFile = file('endpoint-ca.pem', endpoint.caPem);
	const configPath = file('pebble-config.json', JSON.stringify({
		pebble: {
			listenAddress: '127.0.0.1:14000',
			managementListenAddress: '127.0.0.1:15000',
			certificate: file('endpoint.pem', endpoint.certificatePem),
			privateKey: file('endpoint.key', endpoint.keyPem),
			httpPort: options.httpPort ?? 80,
			tlsPort: options.tlsPort ?? 443,
			ocspResponderURL: '',
			externalAccountBindingRequired: false,
		},
	}));
	// VA_NOSLEEP: otherwise every validation waits a random 0-15 s. NONCEREJECT=0: otherwise
	// 5% of good nonces are refused, which clients retry, but which makes timings erratic.
	const daemon = startDaemon('env', [
		'PEBBLE_VA_NOSLEEP=1',
		'PEBBLE_WFE_NONCEREJECT=0',
		binary, '-config', configPath, '-dnsserver', options.dnsServer ?? '127.0.0.1:53',
	]);
	const stop = async () => {
		await daemon.stop();
		rmSync(directory, {recursive: true, force: true});
	};

	try {
		await waitUntilReady(daemon, 'pebble', async () => (await fetchText('https://127.0.0.1:14000/dir', endpoint.caPem)).status === 200);
		await waitUntilReady(daemon, 'pebble management', async () => (await fetchText('https://127.0.0.1:15000/roots/0', endpoint.caPem)).status === 200);
	} catch (error) {
		await stop();
		throw error;
	}

	return {
		directoryUrl: 'https://127.0.0.1:14000/dir',
		endpointCaFile,
		async writeIssuingRoot(target) {
			const {status, body} = await fetchText('https://127.0.0.1:15000/roots/0', endpoint.caPem);
			if (status !== 200 || !body.includes('BEGIN CERTIFICATE')) {
				throw new Error(`pebble's management endpoint answered ${status} for /roots/0:\n${body}`);
			}

			writeFileSync(target, body);
			return body;
		},
		log: daemon.log,
		stop,
	};
}
