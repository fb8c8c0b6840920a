import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {PlanContext} from '../../../source/core/step.js';
import {dnsStep} from '../../../source/providers/vps/dns-step.js';
import {certificateAuthorityField} from '../../../source/core/inputs.js';
import {certificateWaitActions, httpsPreflightActions} from '../../../source/providers/vps/https-checks.js';
import {vpsProvider} from '../../../source/providers/vps/vps-provider.js';
import {describeAction} from '../../../source/run/describe-action.js';

const context = (answers: PlanContext['answers']): PlanContext => ({answers, facts: {}, projectDirectory: '/tmp/app', dryRun: false});

test('the VPS provider uses the real DNS step', () => {
	assert.equal(vpsProvider.steps.find(step => step.id === 'dns'), dnsStep);
	assert.equal(dnsStep.available, true);
});

test('inputs: the domain is validated, the server IP defaults to the SSH host when it is an IPv4 address', () => {
	const [domain, serverIp] = dnsStep.inputs;
	assert.equal(domain?.schema.safeParse('API.Example.com').data, 'api.example.com');
	assert.match(domain?.schema.safeParse('https://api.example.com').error?.issues[0]?.message ?? '', /^Domain:/);
	assert.match(serverIp?.schema.safeParse('203.0.113.300').error?.issues[0]?.message ?? '', /^Server IP address:/);
	assert.equal(serverIp?.defaultValue?.(context({serverHost: '203.0.113.7'})), '203.0.113.7');
	assert.equal(serverIp?.defaultValue?.(context({serverHost: 'vps.example.com'})), undefined);
	// A host given as a name: the person is told how to find the numeric address.
	assert.deepEqual(dnsStep.notes?.(context({serverHost: '203.0.113.7', domain: 'api.example.com'})), []);
	assert.match(dnsStep.notes?.(context({serverHost: 'vps.example.com', domain: 'api.example.com'}))?.join('\n') ?? '', /vps\.example\.com, a name\. An A record needs the numeric IPv4 address.*getent ahostsv4 vps\.example\.com/);
});

test('no domain: nothing is asked and the plan only says why there is no DNS to set up', async () => {
	const withoutDomain: Array<PlanContext['answers']> = [{serverHost: '203.0.113.7'}, {serverHost: '203.0.113.7', domain: ''}];
	for (const answers of withoutDomain) {
		assert.deepEqual(dnsStep.inputs.filter(field => field.when?.(context(answers)) ?? true), []);
		assert.deepEqual((await dnsStep.plan(context(answers))).map(action => action.kind), ['instruct']);
	}
});

test('plan: the record to create, then a wait until DNS matches, kept as a fact', async () => {
	const actions = await dnsStep.plan(context({domain: 'api.example.com', serverIp: '203.0.113.7'}));
	assert.equal(actions[0]?.kind, 'instruct');
	assert.match(actions[0]?.kind === 'instruct' ? actions[0].text : '', /Type: A {4}Name: api {4}Value: 203\.0\.113\.7/);
	assert.deepEqual(actions[1], {
		kind: 'check-dns',
		label: 'Wait until api.example.com points at 203.0.113.7',
		name: 'api.example.com',
		expectedAddress: '203.0.113.7',
		wait: true,
		factName: 'dns',
	});
	assert.deepEqual(describeAction(actions[1]!), ['wait until api.example.com resolves to 203.0.113.7']);
});

test('https checks: DNS and ports before, the certificate wait after, with the rate-limit text', () => {
	const before = httpsPreflightActions('api.example.com', '203.0.113.7');
	assert.deepEqual(before.map(action => action.kind), ['instruct', 'check-dns', 'check-ports']);
	assert.match(before[0]?.kind === 'instruct' ? before[0].text : '', /staging CA \(https:\/\/acme-staging-v02\.api\.letsencrypt\.org\/directory\)/);
	assert.deepEqual(describeAction(before[2]!), ['check from here that the firewall lets ports 80, 443 of 203.0.113.7 through']);
	const afterSwitch = certificateWaitActions('api.example.com');
	assert.deepEqual(describeAction(afterSwitch[1]!), ['wait until api.example.com serves a valid, trusted certificate']);
});

test('certificate authority: production by default, staging by name, or any ACME directory URL; anything else names the field', () => {
	const parse = (value: string) => certificateAuthorityField.schema.safeParse(value);
	assert.equal(certificateAuthorityField.defaultValue?.(context({})), 'production');
	assert.equal(certificateAuthorityField.defaultValue?.(context({useStagingCa: true})), 'staging', 'an answer saved by an earlier version still counts');
	assert.equal(parse('production').data, '');
	assert.equal(parse('Staging').data, 'https://acme-staging-v02.api.letsencrypt.org/directory');
	assert.equal(parse('https://127.0.0.1:14000/dir').data, 'https://127.0.0.1:14000/dir');
	for (const bad of ['http://ca.example/dir', 'https://ca.example/dir\nacme_ca evil', 'letsencrypt']) {
		assert.match(parse(bad).error?.issues[0]?.message ?? '', /^Certificate authority: type production, staging, or an ACME directory URL/, bad);
	}

	assert.equal(certificateAuthorityField.when?.(context({})), false, 'asked only with a domain');
});
