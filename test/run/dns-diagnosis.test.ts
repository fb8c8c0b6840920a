import assert from 'node:assert/strict';
import {test} from 'node:test';
import {diagnoseDns, isCdnAddress} from '../../source/run/dns-diagnosis.js';

const name = 'api.example.com';
const server = '203.0.113.7';

test('a matching A record and no AAAA passes', () => {
	const result = diagnoseDns({name, a: [server], aaaa: [], ttlSeconds: 300}, {ipv4: server});
	assert.equal(result.ok, true);
	assert.equal(result.summary, 'api.example.com -> 203.0.113.7');
	assert.equal(result.details.ttlSeconds, 300);
});

test('no record yet: NXDOMAIN explains typos and propagation', () => {
	const result = diagnoseDns({name, a: [], aaaa: [], aError: 'ENOTFOUND', aaaaError: 'ENOTFOUND'}, {ipv4: server});
	assert.equal(result.ok, false);
	assert.equal(result.summary, 'api.example.com does not exist in DNS yet');
	assert.match(result.cause ?? '', /^No record yet/);
	assert.match(result.nextStep ?? '', /create an A record for api\.example\.com with the value 203\.0\.113\.7/);
	assert.match(result.nextStep ?? '', /dig \+short A api\.example\.com/);
});

test('a resolver that does not answer is not mistaken for a missing record', () => {
	const result = diagnoseDns({name, a: [], aaaa: [], aError: 'ETIMEOUT', aaaaError: 'ETIMEOUT'}, {ipv4: server});
	assert.match(result.summary, /no answer from the DNS server \(ETIMEOUT\)/);
	assert.match(result.nextStep ?? '', /--dns-server 1\.1\.1\.1/);
});

test('points elsewhere: names both addresses and the TTL', () => {
	const result = diagnoseDns({name, a: ['198.51.100.4'], aaaa: [], ttlSeconds: 3600}, {ipv4: server});
	assert.equal(result.summary, 'api.example.com -> 198.51.100.4, expected 203.0.113.7');
	assert.match(result.cause ?? '', /points elsewhere.*up to 3600 s/s);
});

test('a proxied CDN address is recognised as such', () => {
	assert.equal(isCdnAddress('104.16.1.1'), true);
	assert.equal(isCdnAddress('2606:4700::1'), true);
	assert.equal(isCdnAddress('203.0.113.7'), false);
	const result = diagnoseDns({name, a: ['104.21.3.4'], aaaa: ['2606:4700:3031::1']}, {ipv4: server});
	assert.match(result.summary, /a Cloudflare address, not 203\.0\.113\.7/);
	assert.match(result.cause ?? '', /proxied through a CDN/);
	assert.match(result.nextStep ?? '', /"DNS only" \(grey cloud\)/);
});

test('a stale AAAA record fails even when the A record is right', () => {
	const result = diagnoseDns({name, a: [server], aaaa: ['2001:db8::1']}, {ipv4: server});
	assert.equal(result.ok, false);
	assert.match(result.cause ?? '', /stale AAAA record/);
	assert.deepEqual(result.details.staleAaaa, ['2001:db8::1']);
	const expected = diagnoseDns({name, a: [server], aaaa: ['2001:db8::1']}, {ipv4: server, ipv6: '2001:db8::1'});
	assert.equal(expected.ok, true);
});

test('an extra A record is named', () => {
	const result = diagnoseDns({name, a: [server, '198.51.100.4'], aaaa: []}, {ipv4: server});
	assert.match(result.summary, /extra A record 198\.51\.100\.4/);
	assert.match(result.nextStep ?? '', /Delete the A record with 198\.51\.100\.4/);
});

test('only AAAA records', () => {
	const result = diagnoseDns({name, a: [], aaaa: ['2001:db8::1'], aError: 'ENODATA'}, {ipv4: server});
	assert.match(result.summary, /only AAAA \(IPv6\) records/);
});

test('without an expected address any answer passes (Cloud Run, Heroku)', () => {
	const result = diagnoseDns({name: 'app.herokuapp.com', a: ['54.1.2.3'], aaaa: []});
	assert.equal(result.ok, true);
});
