import assert from 'node:assert/strict';
import {test} from 'node:test';
import {dnsRecordGuidance, recordNameFor} from '../../source/run/dns-guidance.js';

test('record names: apex, subdomain, deeper, and two-label suffixes', () => {
	assert.deepEqual(recordNameFor('example.com'), {host: '@', zone: 'example.com', apex: true});
	assert.deepEqual(recordNameFor('api.example.com'), {host: 'api', zone: 'example.com', apex: false});
	assert.deepEqual(recordNameFor('ml.api.example.com'), {host: 'ml.api', zone: 'example.com', apex: false});
	assert.deepEqual(recordNameFor('api.example.co.uk'), {host: 'api', zone: 'example.co.uk', apex: false});
	assert.deepEqual(recordNameFor('example.co.uk'), {host: '@', zone: 'example.co.uk', apex: true});
});

test('guidance for a subdomain: the exact record, AAAA warning, propagation and dig', () => {
	const text = dnsRecordGuidance({domain: 'api.example.com', serverIpv4: '203.0.113.7'});
	assert.match(text, /Type: A {4}Name: api {4}Value: 203\.0\.113\.7 {4}TTL: 300/);
	assert.match(text, /typing api\.example\.com there would create api\.example\.com\.example\.com/);
	assert.match(text, /AAAA record.*delete it.*certificate issuance fail/s);
	assert.match(text, /up to two days/);
	assert.match(text, /dig \+short A api\.example\.com/);
	assert.match(text, /nslookup api\.example\.com/);
});

test('guidance for an apex domain uses @, and an IPv6 address gets its own AAAA line', () => {
	const text = dnsRecordGuidance({domain: 'example.com', serverIpv4: '203.0.113.7', serverIpv6: '2001:db8::7'});
	assert.match(text, /Name: @ /);
	assert.match(text, /Type: AAAA Name: @ {4}Value: 2001:db8::7/);
	assert.doesNotMatch(text, /delete it/);
});
