import assert from 'node:assert/strict';
import {test} from 'node:test';
import {verifyEndpoint, verifyOnce} from '../../source/run/verify-endpoint.js';
import {freePort} from '../support/free-port.js';

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
