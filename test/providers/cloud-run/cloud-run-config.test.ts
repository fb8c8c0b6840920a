import assert from 'node:assert/strict';
import {test} from 'node:test';
import {cloudRunConfigSchema, cloudRunConfigToAnswers, cloudRunFieldNames} from '../../../source/providers/cloud-run/cloud-run-config.js';
import {herokuConfigSchema, herokuConfigToAnswers} from '../../../source/providers/heroku/heroku-config.js';

test('the cloudRun section becomes the answers the steps ask for; public defaults to false', () => {
	const section = cloudRunConfigSchema.parse({project: 'p-123456', region: 'europe-west1', service: 'api', minInstances: 1, cpu: 2});
	assert.deepEqual(cloudRunConfigToAnswers(section), {
		gcpProject: 'p-123456',
		gcpRegion: 'europe-west1',
		cloudRunService: 'api',
		cloudRunPublic: 'no',
		cloudRunCpu: '2',
		cloudRunMinInstances: '1',
	});
	assert.equal(cloudRunFieldNames.gcpProject, 'cloudRun.project');
});

test('unknown or mistyped fields are refused with their path', () => {
	const unknown = cloudRunConfigSchema.safeParse({project: 'p-123456', region: 'europe-west1', service: 'api', pubic: true});
	assert.equal(unknown.success, false);
	assert.match(JSON.stringify(unknown.error?.issues), /pubic/);
	const mistyped = herokuConfigSchema.safeParse({app: 'my-app', postgres: 'yes'});
	assert.equal(mistyped.success, false);
	assert.deepEqual(mistyped.error?.issues[0]?.path, ['postgres']);
});

test('the heroku section: its own answers only; its config and secrets are mapped with env', () => {
	const section = herokuConfigSchema.parse({app: 'my-app', postgres: true, config: {A: 'x y'}, secrets: ['TOKEN']});
	assert.deepEqual(herokuConfigToAnswers(section), {herokuApp: 'my-app', herokuPostgres: 'yes'});
	assert.equal(herokuConfigSchema.safeParse({app: 'my-app', secrets: ['NOT A NAME']}).success, false);
});
