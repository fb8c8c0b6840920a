import assert from 'node:assert/strict';
import {test} from 'node:test';
import {fieldHelp} from '../../source/core/step.js';
import {teardownStepsFor} from '../../source/providers/teardown-steps.js';
import {newProgress} from '../../source/state/progress-schema.js';

test('teardownStepsFor gives the saved provider\'s teardown, asking for the saved name', () => {
	const base = newProgress('/tmp/app');
	const cloudRun = teardownStepsFor({...base, provider: 'cloud-run', answers: {cloudRunService: 'forecast-api'}});
	assert.deepEqual(cloudRun?.map(step => step.id), ['cloud-run-teardown']);
	assert.equal(cloudRun?.[0]?.inputs[0]?.schema.safeParse('forecast-api').success, true);
	assert.equal(cloudRun?.[0]?.inputs[0]?.schema.safeParse('forecast').success, false);

	const heroku = teardownStepsFor({...base, provider: 'heroku', answers: {herokuApp: 'forecast-api-42'}});
	assert.deepEqual(heroku?.map(step => step.id), ['heroku-teardown']);
	const field = heroku?.[0]?.inputs[0];
	assert.match((field && fieldHelp(field, {answers: {}, facts: {}, projectDirectory: '/tmp/app', dryRun: false})) ?? '', /forecast-api-42/);
});

test('nothing to tear down automatically: no provider, no name yet, or a VPS', () => {
	const base = newProgress('/tmp/app');
	assert.equal(teardownStepsFor(base), undefined);
	assert.equal(teardownStepsFor({...base, provider: 'cloud-run', answers: {}}), undefined);
	assert.equal(teardownStepsFor({...base, provider: 'vps', answers: {serverHost: '203.0.113.7'}}), undefined);
});
