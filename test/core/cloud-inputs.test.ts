import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
	accountSchema,
	cloudRunCpuSchema,
	cloudRunMemorySchema,
	cloudRunServiceSchema,
	configVarEntries,
	configVarsSchema,
	gcpProjectSchema,
	gcpRegionSchema,
	herokuAppSchema,
	keyPathSchema,
	maxInstancesSchema,
} from '../../source/core/cloud-inputs.js';
import {cronEntriesSchema, firstIssueMessage} from '../../source/core/inputs.js';

function message(schema: {safeParse(value: string): {success: boolean; error?: unknown}}, value: string): string | undefined {
	const result = schema.safeParse(value);
	return result.success ? undefined : firstIssueMessage(result.error as never);
}

test('project ids: 6-30, lower-case letter first, no trailing hyphen', () => {
	assert.equal(gcpProjectSchema.parse(' My-Project-42 '), 'my-project-42');
	for (const bad of ['short', '1project', 'project-', 'a'.repeat(31), 'my_project', 'proj ect']) {
		assert.match(message(gcpProjectSchema, bad) ?? '', /^Project id: /, bad);
	}
});

test('regions, service names, memory, cpu, instances', () => {
	assert.equal(gcpRegionSchema.parse('northamerica-northeast1'), 'northamerica-northeast1');
	assert.match(message(gcpRegionSchema, 'europe west') ?? '', /^Region: /);
	assert.match(message(cloudRunServiceSchema, 'api-') ?? '', /^Service name: /);
	assert.equal(cloudRunMemorySchema.parse('2Gi'), '2Gi');
	assert.match(message(cloudRunMemorySchema, '64Mi') ?? '', /^Memory: /);
	assert.match(message(cloudRunMemorySchema, '64Gi') ?? '', /^Memory: /);
	assert.equal(cloudRunCpuSchema.parse('0.5'), '0.5');
	assert.match(message(cloudRunCpuSchema, '3') ?? '', /^CPU: /);
	assert.equal(maxInstancesSchema.parse('10'), 10);
	assert.match(message(maxInstancesSchema, '0') ?? '', /^Maximum instances: /);
});

test('heroku app names: lower-case, 3-30, letter first', () => {
	assert.equal(herokuAppSchema.parse('Forecast-Api-42'), 'forecast-api-42');
	for (const bad of ['ab', '4cast', 'a'.repeat(31), 'my_app', 'my app']) {
		assert.match(message(herokuAppSchema, bad) ?? '', /^App name: /, bad);
	}
});

test('accounts, key paths and schedules', () => {
	assert.equal(accountSchema.parse(''), '');
	assert.match(message(accountSchema, 'me at example') ?? '', /^Account: /);
	assert.equal(keyPathSchema.parse('~/.config/k.json'), '~/.config/k.json');
	assert.match(message(keyPathSchema, 'key.json') ?? '', /^Key file: /);
	assert.match(message(keyPathSchema, '/tmp/../etc/k.json') ?? '', /^Key file: /);
	// Cloud Run and Heroku read their schedules from the one "cron" answer the files step validates.
	assert.equal(cronEntriesSchema.parse('15 * * * * /update-forecast'), '15 * * * * GET /update-forecast');
	assert.equal(cronEntriesSchema.parse('*/10 0-6 * * 1,3 POST /retrain'), '*/10 0-6 * * 1,3 POST /retrain');
	assert.equal(cronEntriesSchema.parse(''), '');
	assert.match(message(cronEntriesSchema, '15 * * * /update-forecast') ?? '', /^Cron /);
	assert.match(message(cronEntriesSchema, '15 * * * * /update-forecast; rm -rf /') ?? '', /^Cron /);
});

test('config vars: typed pairs or a JSON object, parsed to JSON that parses to itself', () => {
	const typed = configVarsSchema.parse('MODEL_PATH=models/a b.onnx; LOG_LEVEL=info');
	assert.deepEqual(configVarEntries(typed), [['MODEL_PATH', 'models/a b.onnx'], ['LOG_LEVEL', 'info']]);
	assert.equal(configVarsSchema.parse(typed), typed);
	assert.deepEqual(configVarEntries(configVarsSchema.parse('{"NOTE":"x; y=z"}')), [['NOTE', 'x; y=z']]);
	assert.deepEqual(configVarEntries(configVarsSchema.parse('')), []);
	assert.match(message(configVarsSchema, 'JUST_A_NAME') ?? '', /^Config vars: "JUST_A_NAME" is not NAME=value/);
	assert.match(message(configVarsSchema, 'PORT=80') ?? '', /leave out PORT/);
	assert.match(message(configVarsSchema, '1BAD=x') ?? '', /is not a variable name/);
	assert.match(message(configVarsSchema, '{"A": 1}') ?? '', /object of names to text values/);
});
