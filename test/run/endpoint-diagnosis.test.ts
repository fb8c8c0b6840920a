import assert from 'node:assert/strict';
import {test} from 'node:test';
import {coversName, diagnoseRedirect, diagnoseTcp, diagnoseTls} from '../../source/run/endpoint-diagnosis.js';
import {probeTls} from '../../source/run/net-probes.js';
import {json, startBackend} from '../support/http-backend.js';

const context = {name: 'api.example.com', port: 443};

test('TCP: a silent drop is a firewall, an unreachable host is a route problem', () => {
	const dropped = diagnoseTcp({ok: false, error: {code: 'TIMEOUT', message: 'The TCP connection did not finish within 10 s'}}, context);
	assert.match(dropped.cause ?? '', /firewall/);
	assert.match(dropped.nextStep ?? '', /ufw allow 443\/tcp/);
	const unreachable = diagnoseTcp({ok: false, error: {code: 'EHOSTUNREACH', message: 'no route'}}, context);
	assert.equal(unreachable.summary, 'api.example.com port 443: no route to the server');
});

test('TLS: plain HTTP on the HTTPS port, seen on a real socket', async () => {
	const backend = await startBackend({'GET /': json(200, {})});
	try {
		const probe = await probeTls({address: '127.0.0.1', port: backend.port, servername: 'api.test', timeoutMs: 2000});
		const result = diagnoseTls(probe, {name: 'api.test', port: backend.port});
		assert.match(result.summary, /speaks plain HTTP, not TLS/);
		assert.match(result.cause ?? '', /HTTPS Caddyfile is not installed yet/);
	} finally {
		await backend.stop();
	}
});

test('TLS: a certificate not valid yet points at the clocks', () => {
	const result = diagnoseTls({
		ok: true,
		authorized: false,
		authorizationError: 'CERT_NOT_YET_VALID',
		protocol: 'TLSv1.3',
		certificate: {subject: 'api.example.com', altNames: ['api.example.com'], issuer: 'Let\'s Encrypt (R11)', validFrom: '2030-01-01T00:00:00.000Z', validTo: '2030-04-01T00:00:00.000Z'},
	}, {...context, now: new Date('2026-01-01T00:00:00Z')});
	assert.match(result.cause ?? '', /clock/);
});

test('TLS: a valid certificate reports issuer and days left', () => {
	const result = diagnoseTls({
		ok: true,
		authorized: true,
		protocol: 'TLSv1.3',
		certificate: {subject: 'api.example.com', altNames: ['*.example.com'], issuer: 'Let\'s Encrypt (R11)', validFrom: '2026-01-01T00:00:00.000Z', validTo: '2026-03-01T00:00:00.000Z'},
	}, {...context, now: new Date('2026-01-30T00:00:00Z')});
	assert.equal(result.ok, true);
	assert.equal(result.summary, 'valid for api.example.com, issued by Let\'s Encrypt (R11), 30 days left');
	assert.equal(result.details.daysToExpiry, 30);
});

test('certificate names: exact and one-label wildcards only', () => {
	assert.equal(coversName(['*.example.com'], 'api.example.com'), true);
	assert.equal(coversName(['*.example.com'], 'a.b.example.com'), false);
	assert.equal(coversName(['*.example.com'], 'example.com'), false);
	assert.equal(coversName(['API.example.com'], 'api.example.com'), true);
});

test('redirect: to another host, and without a Location header', () => {
	const base = {...context, httpPort: 80, httpsUrl: new URL('https://api.example.com/')};
	const elsewhere = diagnoseRedirect({ok: true, status: 301, location: 'https://www.example.com/', body: '', latencyMs: 3}, base);
	assert.match(elsewhere.cause ?? '', /does not lead to https:\/\/api\.example\.com: it goes to https:\/\/www\.example\.com\//);
	const noLocation = diagnoseRedirect({ok: true, status: 301, body: '', latencyMs: 3}, base);
	assert.match(noLocation.cause ?? '', /nowhere \(no Location header\)/);
	const good = diagnoseRedirect({ok: true, status: 308, location: 'https://api.example.com/', body: '', latencyMs: 3}, base);
	assert.equal(good.ok, true);
});
