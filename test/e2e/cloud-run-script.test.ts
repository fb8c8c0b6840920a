// The generated deploy/cloud-run.sh must do what the wizard does, step for step: each
// scenario runs the wizard headless against a fresh STAND-IN account (test/e2e/cloud-world.ts),
// then runs the script it wrote, under bash, against another fresh account, and compares
// everything recorded: every gcloud and docker argv, every pause for IAM, every secret value
// and every grant. The stand-ins refuse an API used before it is enabled and answer a new
// account or grant with the errors IAM's eventual consistency gives, so the script must
// enable the APIs and wait exactly as the wizard does.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {cpSync, existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {after, before, test} from 'node:test';
import type {Answers} from '../../source/core/step.js';
import {cloudRunProvider} from '../../source/providers/cloud-run/cloud-run-provider.js';
import {cloudRunScriptSettings} from '../../source/providers/cloud-run/cloud-run-settings.js';
import {iamWaitSeconds, newAccountRetry, newGrantRetry} from '../../source/providers/cloud-run/iam-roles.js';
import {type LoopbackEndpoint, startLoopbackEndpoint} from '../support/loopback-endpoint.js';
import {prependPath, runHeadless, takeWaits, temporaryDirectory, useLiveChecks} from './cloud-run-support.js';
import {type CloudWorld, createCloudWorld, type FailOnce} from './cloud-world.js';

const project = 'forecast-api-4821';
let endpoint: LoopbackEndpoint | undefined;
let url = '';
const pwned = path.join(temporaryDirectory('mldw-pwned-'), 'pwned');

before(async () => {
	endpoint = await startLoopbackEndpoint(['forecast-api.test']);
	url = endpoint.url('forecast-api.test');
	useLiveChecks(endpoint.checks);
});

after(async () => {
	useLiveChecks(undefined);
	await endpoint?.stop();
});

/** The deploy settings (left out of the app's) and the app's own secrets, in the forms .env allows. */
function dotEnv(extra: string[]): string {
	return [
		`GCP_PROJECT_ID=${project}`,
		'GCP_REGION=europe-west1',
		'CLOUD_RUN_SERVICE=forecast-api',
		...extra,
		'ENTSOE_API_KEY="d0tenv \\"quoted\\" key"',
		`NOTE=$(touch ${pwned}) # never run`,
		"LITERAL='it is $HOME'",
		'export LOG_LEVEL=info',
		'PORT=8000',
		'EMPTY=',
		'',
	].join('\n');
}

type Side = {world: CloudWorld; directory: string};

async function wizardSide(answers: Answers, environment: string, failOnce: FailOnce[] = []): Promise<Side> {
	const world = createCloudWorld({serviceUrl: url, failOnce});
	const directory = temporaryDirectory('mldw-cloud-run-script-');
	writeFileSync(path.join(directory, '.env'), environment);
	writeFileSync(path.join(directory, 'main.py'), 'from fastapi import FastAPI\napp = FastAPI()\n');
	const restore = prependPath(world.bin);
	try {
		takeWaits();
		const result = await runHeadless(cloudRunProvider.steps, {
			directory,
			answers: {serviceName: 'forecast-api', appPort: '8080', healthPath: '/health', gcpProject: project, gcpRegion: 'europe-west1', cloudRunService: 'forecast-api', ...answers},
		});
		assert.equal(result.exitCode, 0, result.errors.join('\n'));
	} finally {
		restore();
	}

	return {world, directory};
}

/** The wizard's project (with the files it wrote) in a new folder, and its script run there against a fresh account. */
function scriptSide(wizard: Side, failOnce: FailOnce[] = []) {
	const world = createCloudWorld({serviceUrl: url, failOnce});
	const directory = temporaryDirectory('mldw-cloud-run-script-');
	cpSync(wizard.directory, directory, {recursive: true});
	const script = path.join(directory, 'deploy/cloud-run.sh');
	const lint = spawnSync('shellcheck', ['--severity=style', script], {encoding: 'utf8'});
	assert.equal(lint.status, 0, lint.stdout);
	const result = spawnSync('bash', [script], {cwd: '/', encoding: 'utf8', env: {...process.env, PATH: world.path(true)}});
	return {world, directory, result};
}

function assertSame(wizard: Side, script: {world: CloudWorld}, wizardWaits: number[]) {
	assert.deepEqual(script.world.calls('gcloud'), wizard.world.calls('gcloud'));
	assert.deepEqual(script.world.calls('docker'), wizard.world.calls('docker'));
	assert.deepEqual(script.world.calls('sleep').map(call => Number(call[0])), wizardWaits, 'the same pauses for IAM');
	const a = wizard.world.state().gcloud.projects[project]!;
	const b = script.world.state().gcloud.projects[project]!;
	assert.deepEqual(b.secrets, a.secrets);
	assert.deepEqual(b.bindings, a.bindings);
	assert.deepEqual(b.runServices, a.runServices);
	assert.deepEqual(b.jobs, a.jobs);
}

test('the script waits on the same IAM errors, for as long, as the wizard', () => {
	const text = readFileSync(path.join(import.meta.dirname, '../../templates/cloud-run/cloud-run.sh'), 'utf8');
	assert.ok(text.includes(`NEW_ACCOUNT='${newAccountRetry.when.join('|')}'`), 'the new-account errors');
	assert.ok(text.includes(`NEW_GRANT='${newGrantRetry.when.join('|')}'`), 'the new-grant errors');
	assert.ok(text.includes(`[ $((waited + delay)) -gt ${iamWaitSeconds} ]`), 'the bound');
	// Every deploy setting the script reads is one the wizard keeps from the app.
	const read = [...text.matchAll(/setting ([A-Z_]+)\)/g)].map(match => match[1]);
	assert.ok(read.length >= 12, read.join(' '));
	assert.deepEqual(read.filter(name => !(cloudRunScriptSettings as readonly string[]).includes(name!)), []);
});

test('impersonation, a private service, two jobs: the script makes the same calls, waits and grants as the wizard, and never runs .env', async () => {
	const environment = dotEnv([]);
	const wizard = await wizardSide({cron: '15 * * * * /update-forecast; 0 3 * * * POST /retrain'}, environment);
	const waits = takeWaits();
	assert.ok(waits.length > 5, 'the fresh account made the wizard wait');
	const script = scriptSide(wizard);
	assert.equal(script.result.status, 0, `${script.result.stdout}\n${script.result.stderr}`);
	assertSame(wizard, script, waits);
	assert.match(script.result.stderr, /A role just granted takes up to a few minutes to apply: trying again in 5 s \(waiting 6 minutes at most\)\./);
	// .env was read as data: the $(...) is a value, never a command.
	assert.equal(existsSync(pwned), false);
	const secrets = script.world.state().gcloud.projects[project]!.secrets;
	assert.deepEqual(Object.fromEntries(Object.entries(secrets).map(([id, secret]) => [id, secret.versions])), {
		'forecast-api-ENTSOE_API_KEY': ['d0tenv "quoted" key'],
		'forecast-api-NOTE': [`$(touch ${pwned})`],
		'forecast-api-LITERAL': ['it is $HOME'],
		'forecast-api-LOG_LEVEL': ['info'],
	});
	// The image went to the wizard's repository, so teardown finds the script's images too.
	assert.deepEqual(script.world.state().gcloud.projects[project]!.images, [`europe-west1-docker.pkg.dev/${project}/ml-images/forecast-api:latest`]);
});

test('a key chosen and a public service: the same calls again, the key\'s configuration instead of impersonation', async () => {
	const keyFile = path.join(temporaryDirectory('mldw-cloud-run-keys-'), 'keys', 'deployer.json');
	const environment = dotEnv(['GCP_AUTH=key', `GCP_KEY_FILE=${keyFile}`, 'CLOUD_RUN_PUBLIC=yes']);
	const wizard = await wizardSide({cron: '15 * * * * /update-forecast', gcpAuth: 'key', gcpKeyPath: keyFile, cloudRunPublic: 'yes'}, environment);
	const waits = takeWaits();
	rmSync(path.dirname(keyFile), {recursive: true});
	const script = scriptSide(wizard);
	assert.equal(script.result.status, 0, `${script.result.stdout}\n${script.result.stderr}`);
	assertSame(wizard, script, waits);
	assert.ok(script.world.calls('gcloud').some(call => call[0] === 'auth' && call[1] === 'activate-service-account'));
	assert.ok(!script.world.calls('gcloud').some(call => call.join(' ').includes('oidc')), 'a public service needs no token');
});

test('create-or-update shows the real error: a job refused for another reason stops the script with gcloud\'s words', async () => {
	const refusal: FailOnce = {program: 'gcloud', argsStartWith: ['scheduler', 'jobs', 'create'], stderr: 'ERROR: (gcloud.scheduler.jobs.create.http) INVALID_ARGUMENT: Location europe-west1 is not found or access is unauthorized.\n'};
	const wizard = await wizardSide({cron: '15 * * * * /update-forecast'}, dotEnv([]));
	takeWaits();
	const failing = scriptSide(wizard, [refusal]);
	assert.equal(failing.result.status, 1);
	assert.match(failing.result.stderr, /INVALID_ARGUMENT: Location europe-west1 is not found or access is unauthorized\./);
	assert.match(failing.result.stderr, /x Could not create the scheduler job forecast-api-job-1\.\n {2}Next: Cloud Scheduler may not run in europe-west1/);
	assert.ok(!failing.world.calls('gcloud').some(call => call[2] === 'update'), 'no update hides the create\'s error');
});
