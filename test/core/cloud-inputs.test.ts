import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
	accountSchema,
	cloudRunCpuSchema,
	cloudRunMemorySchema,
	cloudRunServiceSchema,
	cloudSettings,
	deliveredSettingsActions,
	deployerAuthSchema,
	gcpProjectSchema,
	gcpRegionSchema,
	herokuAppSchema,
	herokuPlanSchema,
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

test('settings for Heroku and Cloud Run: plain apart from secrets, the platform\'s own names and empty values left out with the reason', () => {
	const settings = cloudSettings(
		{
			values: new Map([['LOG_LEVEL', 'info'], ['API_TOKEN', 's3cr3t'], ['PORT', '8000'], ['SENTRY_DSN', ''], ['spring.url', 'x']]),
			secretNames: new Set(['API_TOKEN', 'PORT']),
		},
		new Map([['PORT', 'Heroku sets it']]),
	);
	assert.deepEqual(settings.plain, [['LOG_LEVEL', 'info']]);
	assert.deepEqual(settings.secrets, [['API_TOKEN', 's3cr3t']]);
	assert.deepEqual(settings.skipped, ['PORT (Heroku sets it)', 'SENTRY_DSN (empty)', 'spring.url (not a name the platform accepts: letters, digits and _ only)']);
	assert.deepEqual(deliveredSettingsActions([]), [], 'nothing delivered: no fact');
	assert.deepEqual(deliveredSettingsActions(['LOG_LEVEL', 'API_TOKEN']), [
		{kind: 'instruct', label: 'Settings your app now has (values never shown)', factName: 'deliveredSettings', text: 'LOG_LEVEL API_TOKEN'},
	]);
});

test('a Postgres plan Heroku retired is refused with its successor; current plans pass', () => {
	assert.equal(message(herokuPlanSchema, 'hobby-dev'), 'Postgres plan: Heroku no longer offers hobby-dev; essential-0 replaces it. See the current plans with `heroku addons:plans heroku-postgresql`.');
	assert.match(message(herokuPlanSchema, 'Mini') ?? '', /no longer offers mini; essential-0 replaces it/);
	assert.match(message(herokuPlanSchema, 'basic') ?? '', /essential-1 replaces it/);
	for (const plan of ['essential-0', 'essential-2', 'standard-0', 'premium-4']) {
		assert.equal(message(herokuPlanSchema, plan), undefined, plan);
	}

	assert.match(message(herokuPlanSchema, 'essential 0') ?? '', /^Postgres plan: a Heroku plan name like essential-0/);
});

test('the deployer is acted as (impersonation) or logged in with a key; nothing else', () => {
	assert.equal(deployerAuthSchema.parse(' Impersonation '), 'impersonation');
	assert.equal(deployerAuthSchema.parse('key'), 'key');
	assert.match(message(deployerAuthSchema, 'password') ?? '', /^Authentication: impersonation \(your own gcloud login, no key file\) or key/);
});
