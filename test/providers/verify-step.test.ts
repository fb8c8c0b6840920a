import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {PlanContext} from '../../source/core/step.js';
import {verifyStep} from '../../source/providers/shared-steps.js';
import {endpointUrl} from '../../source/providers/verify-step.js';
import {describeAction} from '../../source/run/describe-action.js';

const context = (answers: PlanContext['answers'], facts: PlanContext['facts'] = {}): PlanContext => ({answers, facts, projectDirectory: '/tmp/app', dryRun: true});

test('a VPS with a domain: expects the server IP, checks the redirect, shows the logs command on failure', async () => {
	const actions = await verifyStep.plan(context(
		{domain: 'api.example.com', serverIp: '203.0.113.7', healthPath: '/health', samplePayload: 'samples/predict.json', predictPath: '/predict'},
		{deploy: {logsCommand: 'ssh deploy@203.0.113.7 \'cd app && docker compose logs --tail 50\''}},
	));
	assert.deepEqual(actions, [{
		kind: 'verify-endpoint',
		label: 'Check https://api.example.com layer by layer',
		url: 'https://api.example.com',
		healthPath: '/health',
		expectedAddress: '203.0.113.7',
		checkRedirect: true,
		payloadFile: 'samples/predict.json',
		predictPath: '/predict',
		logsCommand: 'ssh deploy@203.0.113.7 \'cd app && docker compose logs --tail 50\'',
		factName: 'verification',
	}]);
	assert.deepEqual(describeAction(actions[0]!), [
		'verify https://api.example.com: DNS, TCP, TLS, HTTP->HTTPS redirect, GET /health, POST samples/predict.json to /predict',
	]);
});

test('Cloud Run or Heroku: the deployed URL from the facts, no redirect or IP expectation', async () => {
	const actions = await verifyStep.plan(context({healthPath: '/health', samplePayload: ''}, {deploy: {publicUrl: 'https://demo-abc.a.run.app'}}));
	const [action] = actions;
	assert.equal(action?.kind, 'verify-endpoint');
	assert.equal(action?.kind === 'verify-endpoint' && action.url, 'https://demo-abc.a.run.app');
	assert.equal(action?.kind === 'verify-endpoint' && action.checkRedirect, false);
	assert.equal(action?.kind === 'verify-endpoint' && action.expectedAddress, undefined);
	assert.equal(action?.kind === 'verify-endpoint' && action.predictPath, undefined);
});

test('no domain and no deployed URL: the plan says what is missing', () => {
	assert.equal(endpointUrl({answers: {}, facts: {}}), undefined);
	assert.throws(() => verifyStep.plan({...context({}), dryRun: false}), /no address to check yet: give your domain, or finish the deploy step first/);
});

test('a dry run before the deploy step ran shows where the reported address will go', async () => {
	const [action] = await verifyStep.plan(context({healthPath: '/health'}));
	assert.equal(action?.kind === 'verify-endpoint' ? action.url : undefined, 'https://ADDRESS-FROM-THE-DEPLOY-STEP');
	assert.deepEqual(describeAction(action!), ['verify https://ADDRESS-FROM-THE-DEPLOY-STEP: DNS, TCP, TLS, GET /health'], 'a platform does not redirect: not promised');
});

test('a dry run of a server without a domain promises only what plain HTTP gets: no TLS, no redirect', async () => {
	const [action] = await verifyStep.plan(context({serverHost: 'myserver', domain: '', healthPath: 'none'}));
	assert.deepEqual(describeAction(action!), ['verify http://SERVER-ADDRESS/: DNS, TCP, GET / (no health route: any answer will do)']);
});

test('the payload input accepts a project JSON file or nothing', () => {
	const payload = verifyStep.inputs.find(input => input.name === 'samplePayload');
	assert.equal(payload?.schema.safeParse('').success, true);
	assert.equal(payload?.schema.safeParse('samples/predict.json').success, true);
	assert.match(payload?.schema.safeParse('../secret.json').error?.issues[0]?.message ?? '', /^Payload file:/);
	assert.match(payload?.schema.safeParse('/etc/passwd').error?.issues[0]?.message ?? '', /^Payload file:/);
	const route = verifyStep.inputs.find(input => input.name === 'predictPath');
	assert.equal(route?.when?.(context({samplePayload: ''})), false);
	assert.equal(route?.when?.(context({samplePayload: 'a.json'})), true);
});
