// Every layer against real parts on loopback: dnsmasq answers for the test names, Caddy
// serves them with `tls internal` in front of a small local backend, and openssl makes an
// expired certificate. Each case asserts the failing layer and its own diagnosis.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {firstFailure, type LayerResult} from '../../source/run/layer-result.js';
import {type VerifyOptions, verifyEndpoint, verifyOnce} from '../../source/run/verify-endpoint.js';
import {type CaddyServer, startCaddy} from '../support/caddy.js';
import {makeTestCertificate} from '../support/certificates.js';
import {type DnsmasqServer, startDnsmasq} from '../support/dnsmasq.js';
import {freePort} from '../support/free-port.js';
import {json, type RunningServer, startBackend, startHttpsServer, startSilentServer} from '../support/http-backend.js';

const local = '127.0.0.1';

function layer(results: readonly LayerResult[], name: LayerResult['layer']): LayerResult {
	const found = results.find(result => result.layer === name);
	assert.ok(found, `no ${name} layer in ${JSON.stringify(results.map(result => result.layer))}`);
	return found;
}

describe('verifyOnce against dnsmasq, Caddy and local servers', () => {
	let dns: DnsmasqServer;
	let caddy: CaddyServer;
	let backend: RunningServer;
	let expired: RunningServer;
	let otherName: RunningServer;
	let silent: RunningServer;
	let caPem: string;
	const stoppers: Array<() => Promise<void>> = [];

	before(async () => {
		backend = await startBackend({
			'GET /health': json(200, {status: 'ok'}),
			'GET /broken': json(500, {error: 'model.joblib not found'}),
			'GET /slow': () => {},
			'POST /predict': (_request, body, response) => {
				const input = JSON.parse(body) as {features?: number[]};
				if (!Array.isArray(input.features)) {
					response.writeHead(422, {'content-type': 'application/json'}).end('{"detail":"features missing"}');
					return;
				}

				response.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify({prediction: input.features.length}));
			},
			'POST /predict-text': (_request, _body, response) => {
				response.writeHead(200, {'content-type': 'text/plain'}).end('prediction: 42');
			},
		});
		stoppers.push(backend.stop);
		const closedPort = await freePort();
		caddy = await startCaddy({
			sites: ({https}) => `
http://api.test, http://down.test, http://wrong.test {
	redir https://{host}:${https}{uri} 301
}
http://temporary.test {
	redir https://{host}:${https}{uri} 302
}
http://plain.test {
	reverse_proxy ${local}:${backend.port}
}
api.test, plain.test, temporary.test {
	tls internal
	reverse_proxy ${local}:${backend.port}
}
down.test {
	tls internal
	reverse_proxy ${local}:${closedPort}
}
other.test {
	tls internal
	respond "other site" 200
}`,
		});
		stoppers.push(caddy.stop);
		for (const name of ['api.test', 'down.test', 'other.test', 'plain.test', 'temporary.test']) {
			await caddy.waitForCertificate(name);
		}

		caPem = caddy.rootCertificatePem();
		const now = Date.now();
		const old = makeTestCertificate({names: ['expired.test'], notBefore: new Date(now - (60 * 86_400_000)), notAfter: new Date(now - (2 * 86_400_000))});
		expired = await startHttpsServer({...old, routes: {'GET /health': json(200, {status: 'ok'})}});
		stoppers.push(expired.stop);
		const other = makeTestCertificate({names: ['other.test', 'www.other.test'], notBefore: new Date(now - 86_400_000), notAfter: new Date(now + (30 * 86_400_000))});
		otherName = await startHttpsServer({...other, routes: {'GET /health': json(200, {status: 'ok'})}});
		stoppers.push(otherName.stop);
		caPem += other.caPem;
		// Trust both CAs, so "expired" is about the date and not about trust.
		caPem += old.caPem;
		silent = await startSilentServer();
		stoppers.push(silent.stop);
		dns = await startDnsmasq({
			records: [
				...['api.test', 'down.test', 'wrong.test', 'plain.test', 'temporary.test', 'expired.test', 'hang.test'].map(name => ({name, a: [local]})),
				{name: 'elsewhere.test', a: ['127.0.0.2']},
				{name: 'stale.test', a: [local], aaaa: ['::2']},
			],
		});
		stoppers.push(dns.stop);
	});

	after(async () => {
		for (const stop of stoppers.reverse()) {
			await stop();
		}
	});

	const options = (name: string, extra: Partial<VerifyOptions> = {}): VerifyOptions => ({
		url: `https://${name}:${caddy.httpsPort}/`,
		httpPort: caddy.httpPort,
		dnsServers: [dns.server],
		caPem,
		expectedAddress: local,
		healthPath: '/health',
		timeoutMs: 3000,
		...extra,
	});

	test('an app without a health route: any answer from / shows it is up (the backend has no /)', async () => {
		const report = await verifyOnce(options('api.test', {healthPath: undefined}));
		const health = layer(report.layers, 'health');
		assert.equal(health.ok, true, health.summary);
		assert.match(health.summary, /^GET \/ -> 404 in \d+ ms \(no health route: any answer shows the app is up\)$/);
		// A gateway error still fails: the app behind Caddy is down.
		assert.equal(layer((await verifyOnce(options('down.test', {healthPath: undefined}))).layers, 'health').ok, false);
	});

	test('all good: every layer passes, with a sample prediction', async () => {
		const report = await verifyOnce(options('api.test', {prediction: {path: '/predict', payload: '{"features":[1,2,3]}'}}));
		assert.deepEqual(report.layers.map(result => [result.layer, result.ok]), [
			['dns', true], ['tcp', true], ['tls', true], ['redirect', true], ['health', true], ['prediction', true],
		]);
		assert.equal(report.ok, true);
		assert.equal(layer(report.layers, 'redirect').details.status, 301);
		assert.equal(layer(report.layers, 'redirect').details.location, `https://api.test:${caddy.httpsPort}/`);
		assert.match(String(layer(report.layers, 'tls').details.issuer), /Caddy Local Authority/);
		assert.equal(typeof layer(report.layers, 'tls').details.daysToExpiry, 'number');
		assert.match(layer(report.layers, 'prediction').summary, /"prediction":3/);
		assert.equal(layer(report.layers, 'health').details.status, 200);
	});

	test('DNS points elsewhere', async () => {
		const report = await verifyOnce(options('elsewhere.test'));
		const failure = firstFailure(report.layers);
		assert.equal(failure?.layer, 'dns');
		assert.match(failure.summary, /127\.0\.0\.2, expected 127\.0\.0\.1/);
		assert.match(failure.cause ?? '', /points elsewhere/);
		assert.match(failure.nextStep ?? '', /Change the A record for elsewhere\.test to 127\.0\.0\.1/);
	});

	test('no record yet', async () => {
		const report = await verifyOnce(options('missing.test'));
		assert.equal(report.layers[0]?.layer, 'dns');
		assert.match(report.layers[0]?.cause ?? '', /No record yet/);
		assert.ok(report.layers.slice(1).every(result => result.skipped), 'later layers are skipped');
	});

	test('AAAA mismatch: a stale IPv6 record', async () => {
		const report = await verifyOnce(options('stale.test'));
		const failure = firstFailure(report.layers);
		assert.equal(failure?.layer, 'dns');
		assert.match(failure.summary, /AAAA -> ::2/);
		assert.match(failure.cause ?? '', /stale AAAA record.*Let's Encrypt prefers IPv6/s);
		assert.match(failure.nextStep ?? '', /Delete the AAAA record for stale\.test/);
	});

	test('certificate for another name', async () => {
		const report = await verifyOnce(options('wrong.test', {url: `https://wrong.test:${otherName.port}/`, checkRedirect: false}));
		const failure = firstFailure(report.layers);
		assert.equal(failure?.layer, 'tls');
		assert.match(failure.summary, /certificate for another name: other\.test, www\.other\.test, not wrong\.test/);
		assert.match(failure.cause ?? '', /does not name wrong\.test/);
	});

	test('no certificate at all for the name: Caddy does not serve it (yet)', async () => {
		const report = await verifyOnce(options('wrong.test'));
		const failure = firstFailure(report.layers);
		assert.equal(failure?.layer, 'tls');
		assert.match(failure.summary, /TLS handshake failed \(ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR\)/);
		assert.match(failure.cause ?? '', /no certificate to offer for wrong\.test yet/);
	});

	test('expired certificate', async () => {
		const report = await verifyOnce(options('expired.test', {url: `https://expired.test:${expired.port}/`, checkRedirect: false}));
		const failure = firstFailure(report.layers);
		assert.equal(failure?.layer, 'tls');
		assert.match(failure.summary, /certificate expired on \d{4}-\d\d-\d\d/);
		assert.match(failure.cause ?? '', /renewal kept failing/);
		assert.ok(Number(failure.details.daysToExpiry) < 0);
		// The app behind it still answers: the report says so rather than skipping it.
		assert.equal(layer(report.layers, 'health').ok, true);
	});

	test('untrusted certificate: the checker was not told about the local CA', async () => {
		const report = await verifyOnce(options('api.test', {caPem: undefined}));
		const failure = firstFailure(report.layers);
		assert.equal(failure?.layer, 'tls');
		assert.match(failure.summary, /untrusted certificate \(issued by Caddy Local Authority/);
		assert.match(failure.cause ?? '', /browsers do not trust/);
		assert.equal(failure.details.error, 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
	});

	test('backend down: Caddy answers 502', async () => {
		const report = await verifyOnce(options('down.test', {logsCommand: 'ssh deploy@203.0.113.7 docker compose logs --tail 50'}));
		const failure = firstFailure(report.layers);
		assert.equal(failure?.layer, 'health');
		assert.equal(failure.details.status, 502);
		assert.match(failure.cause ?? '', /^Backend down: Caddy works, but your app behind it did not answer/);
		assert.equal(failure.nextStep, 'Read your app\'s last log lines: ssh deploy@203.0.113.7 docker compose logs --tail 50');
		assert.equal(layer(report.layers, 'tls').ok, true);
	});

	test('health route answers 500', async () => {
		const report = await verifyOnce(options('api.test', {healthPath: '/broken'}));
		const failure = firstFailure(report.layers);
		assert.equal(failure?.layer, 'health');
		assert.equal(failure.details.status, 500);
		assert.match(failure.cause ?? '', /running but failed on this route \(500\)/);
		assert.match(String(failure.details.body), /model\.joblib not found/);
	});

	test('health route times out', async () => {
		const report = await verifyOnce(options('api.test', {healthPath: '/slow', timeoutMs: 400}));
		const failure = firstFailure(report.layers);
		assert.equal(failure?.layer, 'health');
		assert.equal(failure.details.error, 'TIMEOUT');
		assert.match(failure.cause ?? '', /did not answer in time/);
	});

	test('TLS handshake times out: the port accepts but never answers', async () => {
		const report = await verifyOnce(options('hang.test', {url: `https://hang.test:${silent.port}/`, checkRedirect: false, timeoutMs: 300}));
		const failure = firstFailure(report.layers);
		assert.equal(failure?.layer, 'tls');
		assert.match(failure.summary, /no TLS handshake \(The TLS handshake did not finish within 0\.3 s\)/);
		assert.equal(layer(report.layers, 'health').skipped, true);
	});

	test('connection refused on the HTTPS port', async () => {
		const port = await freePort();
		const report = await verifyOnce(options('api.test', {url: `https://api.test:${port}/`}));
		const failure = firstFailure(report.layers);
		assert.equal(failure?.layer, 'tcp');
		assert.match(failure.cause ?? '', /nothing listens on port \d+/);
		assert.equal(layer(report.layers, 'tls').skipped, true);
		// Port 80 is still checked: it is a separate door.
		assert.equal(layer(report.layers, 'redirect').skipped, undefined);
		assert.equal(layer(report.layers, 'redirect').details.status, 301);
	});

	test('redirect missing: plain HTTP is served as is', async () => {
		const report = await verifyOnce(options('plain.test'));
		const failure = firstFailure(report.layers);
		assert.equal(failure?.layer, 'redirect');
		assert.match(failure.summary, /answered 404 instead of redirecting/);
		assert.match(failure.cause ?? '', /^Redirect missing/);
	});

	test('a temporary redirect is not enough', async () => {
		const report = await verifyOnce(options('temporary.test'));
		const failure = firstFailure(report.layers);
		assert.equal(failure?.layer, 'redirect');
		assert.match(failure.cause ?? '', /temporary \(302\)/);
	});

	test('sample prediction refused (422) and not JSON', async () => {
		const refused = await verifyOnce(options('api.test', {prediction: {path: '/predict', payload: '{"rows":[]}'}}));
		assert.equal(firstFailure(refused.layers)?.layer, 'prediction');
		assert.match(firstFailure(refused.layers)?.cause ?? '', /refused the sample payload \(422\).*features missing/);
		const text = await verifyOnce(options('api.test', {prediction: {path: '/predict-text', payload: '{}'}}));
		assert.match(firstFailure(text.layers)?.cause ?? '', /body is not JSON \(text\/plain\)/);
	});

	test('retries with backoff, each layer re-checked, without waiting for real', async () => {
		await dns.setRecords([{name: 'later.test', a: ['127.0.0.9']}]);
		const waits: number[] = [];
		const dnsVerdicts: boolean[] = [];
		const report = await verifyEndpoint({
			...options('later.test'),
			retries: 3,
			backoff: {initialMs: 2000, factor: 2, maxMs: 60_000},
			async sleep(milliseconds) {
				if (waits.length === 0) {
					// The record is fixed while the wizard waits.
					await dns.setRecords([{name: 'later.test', a: [local]}]);
				}

				waits.push(milliseconds);
			},
			onEvent(event) {
				if (event.type === 'result') {
					dnsVerdicts.push(layer(event.value.layers, 'dns').ok);
				}
			},
		});
		assert.deepEqual(dnsVerdicts, [false, true, true, true]);
		// Caddy has no site for later.test, so it never fully passes: 4 attempts, then the last report.
		assert.equal(report.attempts, 4);
		assert.equal(firstFailure(report.layers)?.layer, 'tls');
		// Backoff 2 s, 4 s, 8 s, counted down one second at a time.
		assert.equal(waits.length, 14);
		assert.ok(waits.every(wait => wait === 1000));
	});
});
