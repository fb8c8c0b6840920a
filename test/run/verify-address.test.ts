import assert from 'node:assert/strict';
import {test} from 'node:test';
import {verifyEndpoint, verifyOnce} from '../../source/run/verify-endpoint.js';
import {makeTestCertificate} from '../support/certificates.js';
import {freePort} from '../support/free-port.js';
import {json, startHttpsServer} from '../support/http-backend.js';

test('an IP address or localhost needs no DNS; a refused port skips the layers behind it', async () => {
	const port = await freePort();
	for (const host of ['127.0.0.1', 'localhost']) {
		const report = await verifyOnce({url: `https://${host}:${port}/`, checkRedirect: false, timeoutMs: 1000});
		assert.equal(report.layers[0]?.summary, `${host} is 127.0.0.1, no DNS needed`);
		assert.deepEqual(report.layers.map(layer => [layer.layer, layer.ok, layer.skipped ?? false]), [
			['dns', true, false], ['tcp', false, false], ['tls', false, true], ['health', false, true],
		]);
	}
});

test('plain http:// URLs have no TLS or redirect layer', async () => {
	const report = await verifyOnce({url: `http://127.0.0.1:${await freePort()}/`, timeoutMs: 1000});
	assert.deepEqual(report.layers.map(layer => layer.layer), ['dns', 'tcp', 'health']);
});

test('cancelled before the first check: an empty, failed report', async () => {
	const controller = new AbortController();
	controller.abort();
	const report = await verifyEndpoint({url: 'https://127.0.0.1:9/', signal: controller.signal});
	assert.deepEqual([report.ok, report.attempts, report.layers], [false, 0, []]);
});

test('HTTPS straight to an IP address: no SNI is sent, and an IP certificate verifies', async () => {
	const day = 86_400_000;
	const certificate = makeTestCertificate({names: ['127.0.0.1'], notBefore: new Date(Date.now() - day), notAfter: new Date(Date.now() + day)});
	const server = await startHttpsServer({...certificate, routes: {'GET /health': json(200, {status: 'ok'})}});
	try {
		const report = await verifyOnce({url: `https://127.0.0.1:${server.port}/`, checkRedirect: false, caPem: certificate.caPem, timeoutMs: 2000});
		assert.deepEqual(report.layers.map(layer => [layer.layer, layer.ok]), [['dns', true], ['tcp', true], ['tls', true], ['health', true]]);
		assert.match(report.layers[2]?.summary ?? '', /^valid for 127\.0\.0\.1, issued by MLDW Test CA/);
	} finally {
		await server.stop();
	}
});
