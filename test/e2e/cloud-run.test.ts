// Cloud Run end to end, headless, through the real local handlers. gcloud and docker are
// STAND-INS (test/support/stand-in.ts): executables first on PATH that record their argv
// and answer like the real CLIs, "not found" once and "exists" after, like a real backend.
// The service URL they report is served on loopback (real dnsmasq + Caddy, see
// test/support/loopback-endpoint.ts), so the final live check runs for real, locally.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {after, before, test} from 'node:test';
import {platformArguments} from '../../source/commands/docker-local.js';
import type {Answers} from '../../source/core/step.js';
import {plainSettingsAnswer, secretAnswerName} from '../../source/providers/app-environment.js';
import {cloudRunConfigSchema, cloudRunConfigToAnswers, cloudRunFieldNames} from '../../source/providers/cloud-run/cloud-run-config.js';
import {cloudRunProvider} from '../../source/providers/cloud-run/cloud-run-provider.js';
import {cloudRunTeardownSteps} from '../../source/providers/cloud-run/cloud-run-teardown.js';
import {type LoopbackEndpoint, startLoopbackEndpoint} from '../support/loopback-endpoint.js';
import {createStandIn, type StandInReply} from '../support/stand-in.js';
import {callsStartingWith, createGcloudStandIn, prependPath, runHeadless, storedSecretVersions, temporaryDirectory, useLiveChecks} from './cloud-run-support.js';

const project = 'forecast-api-4821';
const region = 'europe-west1';
const sa = `ml-deployer@${project}.iam.gserviceaccount.com`;
const configuration = `mldw-${project}`;
const image = `${region}-docker.pkg.dev/${project}/ml-images/forecast-api:latest`;
/** What the stand-in gcloud reports as the service URL: https://forecast-api.test:PORT, on loopback. */
let url = '';
let endpoint: LoopbackEndpoint | undefined;
const keyMaterial = '{"type":"service_account","private_key":"STAND-IN-KEY-MATERIAL"}';
const scope = [`--project=${project}`, `--configuration=${configuration}`];
const projectNumber = '123456789012';
/** The account the service runs as: deployed without --service-account, the Compute Engine default. */
const runtimeAccount = `${projectNumber}-compute@developer.gserviceaccount.com`;
// A secret from the project's .env and one from env.secrets (read from the environment); a
// comma, spaces and a $ in a value go through standard input untouched.
const dotEnvKey = 'entsoe-d0tenv-0123';
const token = 's3cr3t, with comma $HOME';
const secretValues = [dotEnvKey, token];
const secretIds = ['forecast-api-ENTSOE_API_KEY', 'forecast-api-API_TOKEN'];

const restorers: Array<() => void> = [];
before(async () => {
	endpoint = await startLoopbackEndpoint(['forecast-api.test']);
	url = endpoint.url('forecast-api.test');
	useLiveChecks(endpoint.checks);
});

after(async () => {
	for (const restore of restorers) {
		restore();
	}

	useLiveChecks(undefined);
	await endpoint?.stop();
});

/** A fresh project, key folder and stand-ins, like a backend where nothing exists yet. */
function setUp(extraGcloud: StandInReply[] = [], extraDocker: StandInReply[] = []) {
	const directory = temporaryDirectory('mldw-cloud-run-project-');
	// PORT is Cloud Run's own: left out, with the reason.
	writeFileSync(path.join(directory, '.env'), `ENTSOE_API_KEY=${dotEnvKey}\nPORT=8000\n`);
	const keys = path.join(temporaryDirectory('mldw-cloud-run-home-'), 'keys');
	const bin = temporaryDirectory('mldw-cloud-run-bin-');
	const notFound = (words: string[]): StandInReply => ({whenArgsStartWith: words, stderr: 'ERROR: NOT_FOUND\n', exitCode: 1, times: 1});
	const gcloud = createGcloudStandIn(bin, keyMaterial, [
		...extraGcloud,
		{whenArgsStartWith: ['projects', 'describe', project, '--format=value(projectNumber)'], stdout: `${projectNumber}\n`},
		{whenArgsStartWith: ['auth', 'list'], stdout: 'me@example.com\n'},
		{whenArgsStartWith: ['config', 'get-value', 'account'], stdout: `${sa}\n`},
		notFound(['projects', 'describe']),
		{whenArgsStartWith: ['billing', 'projects', 'describe'], stdout: 'True\n'},
		notFound(['iam', 'service-accounts', 'describe']),
		notFound(['artifacts', 'repositories', 'describe']),
		notFound(['config', 'configurations', 'describe']),
		notFound(['scheduler', 'jobs', 'describe']),
		{whenArgsStartWith: ['run', 'services', 'describe'], stdout: `${url}\n`},
	]);
	const docker = createStandIn(bin, 'docker', [...extraDocker, {whenArgsStartWith: ['info'], stdout: '27.3.1\n'}]);
	restorers.push(prependPath(bin));
	const answers: Answers = {
		appPort: '8080',
		healthPath: '/health',
		gcloudAccount: 'me@example.com',
		gcpProject: project,
		gcpRegion: region,
		cloudRunService: 'forecast-api',
		gcpKeyPath: path.join(keys, 'deployer.json'),
		cron: '15 * * * * /update-forecast',
		// env.values, with a comma and an = inside a value.
		[plainSettingsAnswer]: JSON.stringify({LOG_LEVEL: 'info', LABELS: 'team=ml,env=prod'}),
	};
	// env.secrets, as the deploy command reads them from its environment: never saved.
	const secretAnswers: Answers = {[secretAnswerName('API_TOKEN')]: token};
	return {directory, keys, bin, gcloud, docker, answers, secretAnswers, keyPath: path.join(keys, 'deployer.json')};
}

function firstRunGcloudCalls(keyPath: string): string[][] {
	return [
		['--version'],
		['auth', 'list', '--filter=status:ACTIVE', '--format=value(account)'],
		['projects', 'describe', project, '--format=value(projectId)'],
		['projects', 'create', project],
		['projects', 'describe', project, '--format=value(projectNumber)'],
		['billing', 'projects', 'describe', project, '--format=value(billingEnabled)'],
		['services', 'enable', 'run.googleapis.com', 'artifactregistry.googleapis.com', 'cloudscheduler.googleapis.com', 'iam.googleapis.com', 'secretmanager.googleapis.com', `--project=${project}`],
		['artifacts', 'repositories', 'describe', 'ml-images', `--location=${region}`, `--project=${project}`],
		['artifacts', 'repositories', 'create', 'ml-images', '--repository-format=docker', `--location=${region}`, `--project=${project}`],
		['iam', 'service-accounts', 'describe', sa, `--project=${project}`],
		['iam', 'service-accounts', 'create', 'ml-deployer', '--display-name=ml-deploy-wizard deployer', `--project=${project}`],
		...['roles/run.admin', 'roles/iam.serviceAccountUser', 'roles/artifactregistry.writer', 'roles/cloudscheduler.admin'].map(role => [
			'projects',
			'add-iam-policy-binding',
			project,
			`--member=serviceAccount:${sa}`,
			`--role=${role}`,
			'--condition=None',
			'--format=none',
		]),
		['iam', 'service-accounts', 'keys', 'create', keyPath, `--iam-account=${sa}`, `--project=${project}`],
		['config', 'configurations', 'describe', configuration],
		['config', 'configurations', 'create', configuration, '--no-activate'],
		['auth', 'activate-service-account', sa, `--key-file=${keyPath}`, `--configuration=${configuration}`],
		['config', 'set', 'project', project, `--configuration=${configuration}`],
		['config', 'set', 'run/region', region, `--configuration=${configuration}`],
		['config', 'get-value', 'account', `--configuration=${configuration}`],
		['auth', 'configure-docker', `${region}-docker.pkg.dev`, '--quiet'],
		// With your own login; each value goes on standard input, never in an argument.
		...secretIds.flatMap(id => [
			['secrets', 'describe', id, '--format=value(name)', `--project=${project}`],
			['secrets', 'create', id, '--replication-policy=automatic', `--project=${project}`],
			['secrets', 'versions', 'add', id, '--data-file=-', `--project=${project}`],
			['secrets', 'add-iam-policy-binding', id, `--member=serviceAccount:${runtimeAccount}`, '--role=roles/secretmanager.secretAccessor', '--condition=None', '--format=none', `--project=${project}`],
		]),
		[
			'run',
			'deploy',
			'forecast-api',
			`--image=${image}`,
			`--region=${region}`,
			'--memory=512Mi',
			'--cpu=1',
			'--min-instances=0',
			'--max-instances=3',
			'--port=8080',
			'--no-allow-unauthenticated',
			// A value holds a comma: gcloud's ^@^ form, with a delimiter found in no value.
			'--update-env-vars=^@^LOG_LEVEL=info@LABELS=team=ml,env=prod',
			'--update-secrets=ENTSOE_API_KEY=forecast-api-ENTSOE_API_KEY:latest,API_TOKEN=forecast-api-API_TOKEN:latest',
			'--quiet',
			...scope,
		],
		['run', 'services', 'describe', 'forecast-api', `--region=${region}`, '--format=value(status.url)', ...scope],
		['run', 'services', 'describe', 'forecast-api', `--region=${region}`, ...scope],
		['run', 'services', 'list', `--region=${region}`, ...scope],
		['run', 'services', 'add-iam-policy-binding', 'forecast-api', `--region=${region}`, `--member=serviceAccount:${sa}`, '--role=roles/run.invoker', '--format=none', ...scope],
		['scheduler', 'jobs', 'describe', 'forecast-api-job-1', `--location=${region}`, ...scope],
		[
			'scheduler',
			'jobs',
			'create',
			'http',
			'forecast-api-job-1',
			`--location=${region}`,
			'--schedule=15 * * * *',
			'--time-zone=Etc/UTC',
			`--uri=${url}/update-forecast`,
			'--http-method=GET',
			`--oidc-service-account-email=${sa}`,
			`--oidc-token-audience=${url}`,
			...scope,
		],
	];
}

const dockerCalls = [
	['--version'],
	['info', '--format={{.ServerVersion}}'],
	['build', ...platformArguments(process.arch), '--tag', image, '.'],
	['push', image],
];

const isCreate = (call: string[]) => call.includes('create') && !call.includes('describe');

function assertNoSecret(texts: readonly string[], where: string) {
	for (const text of texts) {
		for (const value of [...secretValues, 's3cr3t', 'd0tenv']) {
			assert.ok(!text.includes(value), `${where} holds a secret value:\n${text}`);
		}
	}
}

test('first run: every command in order, the key private and out of git, then a re-run creates nothing twice', async () => {
	const setup = setUp();
	const first = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: setup.answers});
	assert.equal(first.exitCode, 0, first.errors.join('\n'));
	assert.deepEqual(setup.gcloud.calls(), firstRunGcloudCalls(setup.keyPath));
	assert.deepEqual(setup.docker.calls(), dockerCalls);

	// The key: written by gcloud, made 0600 in a 0700 folder that git ignores; only its path is saved.
	assert.equal(readFileSync(setup.keyPath, 'utf8'), keyMaterial);
	assert.equal(statSync(setup.keyPath).mode & 0o777, 0o600);
	assert.equal(statSync(setup.keys).mode & 0o777, 0o700);
	assert.equal(readFileSync(path.join(setup.keys, '.gitignore'), 'utf8'), '*\n');
	assert.equal(first.progress.answers.gcpKeyPath, setup.keyPath);
	assert.ok(first.saved.length > 30, 'progress is saved after every action');
	assert.ok(first.saved.every(snapshot => !snapshot.includes('STAND-IN-KEY-MATERIAL')));
	assert.equal(first.progress.steps['cloud-run-deploy']?.facts.publicUrl, url);
	assert.equal(first.progress.steps['cloud-run-deploy']?.facts.logsCommand, `gcloud run services logs read forecast-api --region=${region} --project=${project} --limit=50`);
	// The live check ran for real against the loopback endpoint and its report is saved.
	const verification = first.progress.steps.verify?.facts.verification as {ok: boolean; url: string; layers: Array<{layer: string; ok: boolean}>};
	assert.equal(first.progress.steps.verify?.status, 'done');
	assert.equal(verification.ok, true);
	assert.equal(verification.url, `${url}/`);
	assert.deepEqual(verification.layers.map(layer => [layer.layer, layer.ok]), [['dns', true], ['tcp', true], ['tls', true], ['health', true]]);
	assert.ok(first.lines.includes(`  run: CLOUDSDK_ACTIVE_CONFIG_NAME=${configuration} docker push ${image}`), 'the push runs as the service account');

	// Settings and secrets: each value reached Secret Manager on standard input, and no secret
	// value is in any argv, in the printed output or in any saved snapshot.
	assert.deepEqual(secretIds.map(id => storedSecretVersions(setup.bin, id)), [[dotEnvKey], [token]]);
	assertNoSecret([...setup.gcloud.calls(), ...setup.docker.calls()].map(call => JSON.stringify(call)), 'an argv');
	assertNoSecret([...first.lines, ...first.errors], 'the printed output');
	assertNoSecret(first.saved, 'a saved progress snapshot');
	const shown = first.lines.join('\n');
	assert.ok(shown.includes('you do: Left out: PORT (Cloud Run sets it).'), shown);
	assert.equal(first.progress.steps['cloud-run-deploy']?.facts.deliveredSettings, 'LOG_LEVEL LABELS ENTSOE_API_KEY API_TOKEN', 'names only');
	assert.equal(first.progress.steps['secret-manager']?.facts.secretIds, secretIds.join(', '));
	assert.equal(first.progress.steps['gcp-project']?.facts.projectNumber, projectNumber);

	const before = setup.gcloud.calls().length;
	const second = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: setup.answers, progress: first.progress});
	assert.equal(second.exitCode, 0, second.errors.join('\n'));
	const rerun = setup.gcloud.calls().slice(before);
	const expected = firstRunGcloudCalls(setup.keyPath)
		.filter(call => !isCreate(call) || call[2] === 'create' && call[0] === 'scheduler')
		.map(call => (call[0] === 'scheduler' && call[2] === 'create' ? ['scheduler', 'jobs', 'update', ...call.slice(3)] : call));
	assert.deepEqual(rerun, expected, 'existing project, account, key, configuration and repository are reused; the job is updated');
	assert.equal(rerun.filter(call => isCreate(call)).length, 0);
	assert.match(second.lines.join('\n'), /project forecast-api-4821 already exists: reused\./);
	assert.deepEqual(secretIds.map(id => storedSecretVersions(setup.bin, id)), [[dotEnvKey, dotEnvKey], [token, token]], 'the secrets are reused; each run adds the value as the latest version');
	assertNoSecret([...setup.gcloud.calls()].map(call => JSON.stringify(call)), 'an argv');
});

test('the stand-in Secret Manager refuses what the real one refuses; a secret made by hand is reused, not made again', async () => {
	const setup = setUp();
	const gcloud = (...arguments_: string[]) => spawnSync(path.join(setup.bin, 'gcloud'), arguments_, {input: 'v', encoding: 'utf8'});
	const missing = gcloud('secrets', 'versions', 'add', 'nope', '--data-file=-', `--project=${project}`);
	assert.equal(missing.status, 1);
	assert.match(missing.stderr, /NOT_FOUND: Secret \[projects\/\d+\/secrets\/nope\] not found/);
	assert.equal(gcloud('secrets', 'create', 'made-twice', `--project=${project}`).status, 0);
	const twice = gcloud('secrets', 'create', 'made-twice', `--project=${project}`);
	assert.equal(twice.status, 1);
	assert.match(twice.stderr, /ALREADY_EXISTS: Secret \[projects\/\d+\/secrets\/made-twice\] already exists\./);

	// The person made forecast-api-API_TOKEN by hand, with an old value.
	mkdirSync(path.join(setup.bin, 'secrets', 'forecast-api-API_TOKEN'), {recursive: true});
	writeFileSync(path.join(setup.bin, 'secrets', 'forecast-api-API_TOKEN', '1'), 'old value');
	const deployed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: setup.answers});
	assert.equal(deployed.exitCode, 0, deployed.errors.join('\n'));
	assert.deepEqual(storedSecretVersions(setup.bin, 'forecast-api-API_TOKEN'), ['old value', token], 'the new value is the latest version');
	assert.deepEqual(callsStartingWith(setup.gcloud.calls(), 'secrets', 'create').map(call => call[2]), ['made-twice', 'made-twice', 'forecast-api-ENTSOE_API_KEY']);
	assert.match(deployed.lines.join('\n'), /Secret Manager secret forecast-api-API_TOKEN already exists: reused\./);
});

test('a failure halfway shows the command, its exit code and last lines; the re-run plans the step afresh and creates nothing twice', async () => {
	const setup = setUp([], [{whenArgsStartWith: ['push'], stderr: 'denied: Permission "artifactregistry.repositories.uploadArtifacts" denied\n', exitCode: 1, times: 1}]);
	const failed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: setup.answers});
	assert.equal(failed.exitCode, 1);
	assert.ok(failed.lines.includes(`  run: CLOUDSDK_ACTIVE_CONFIG_NAME=${configuration} docker push ${image}`), 'the command was shown before it ran');
	assert.match(failed.errors.join('\n'), /x Push the image failed: docker exited with code 1\.\n {4}denied: Permission "artifactregistry\.repositories\.uploadArtifacts" denied/);
	assert.equal(failed.progress.steps.image?.status, 'failed');
	assert.equal(failed.progress.steps.image?.completedActions, 2);
	assert.equal(callsStartingWith(setup.gcloud.calls(), 'run', 'deploy').length, 0, 'nothing after the failure ran');

	const dockerBefore = setup.docker.calls().length;
	const resumed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: setup.answers, progress: failed.progress});
	assert.equal(resumed.exitCode, 0, resumed.errors.join('\n'));
	assert.deepEqual(
		setup.docker.calls().slice(dockerBefore).map(call => call[0]),
		['--version', 'info', 'build', 'push'],
		'the image step runs from its start: a fix made since is built in',
	);
	const creates = setup.gcloud.calls().filter(call => isCreate(call));
	assert.deepEqual(
		creates.map(call => call.slice(0, 4).join(' ')),
		[
			`projects create ${project}`,
			'artifacts repositories create ml-images',
			'iam service-accounts create ml-deployer',
			'iam service-accounts keys create',
			`config configurations create ${configuration}`,
			...secretIds.map(id => `secrets create ${id} --replication-policy=automatic`),
			'scheduler jobs create http',
		],
		'across the failed run and the resume, each thing is created exactly once',
	);
});

test('not logged in: the step fails with the login command, and the re-run after logging in carries on', async () => {
	const setup = setUp([{whenArgsStartWith: ['auth', 'list'], stdout: '', times: 1}]);
	const failed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: setup.answers});
	assert.equal(failed.exitCode, 1);
	assert.match(failed.errors.join('\n'), /gcloud is not logged in as me@example\.com\.[\s\S]*Next: Run `gcloud auth login me@example\.com`/);
	assert.deepEqual(setup.gcloud.calls(), [['--version'], ['auth', 'list', '--filter=status:ACTIVE', '--format=value(account)']]);

	const resumed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: setup.answers, progress: failed.progress});
	assert.equal(resumed.exitCode, 0, resumed.errors.join('\n'));
	assert.deepEqual(setup.gcloud.calls().slice(2, 5), [['--version'], ['auth', 'list', '--filter=status:ACTIVE', '--format=value(account)'], ['projects', 'describe', project, '--format=value(projectId)']], 'the check runs again from its start, then the deploy carries on');
});

test('--dry-run prints every command, runs none and saves nothing', async () => {
	const setup = setUp();
	const dry = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: {...setup.answers, cloudRunPublic: 'yes'}, dryRun: true});
	assert.equal(dry.exitCode, 0, dry.errors.join('\n'));
	assert.deepEqual(setup.gcloud.calls(), []);
	assert.deepEqual(setup.docker.calls(), []);
	assert.equal(dry.saved.length, 0);
	assert.equal(existsSync(setup.keys), false);
	const text = dry.lines.join('\n');
	for (const line of [
		`  ensure project ${project}:`,
		`    check: gcloud projects describe ${project} '--format=value(projectId)'`,
		`    if missing: gcloud projects create ${project}`,
		`  run: docker build ${[...platformArguments(process.arch), ''].join(' ')}--tag ${image} .`,
		'  run: gcloud run deploy forecast-api',
		'  you do: This service is PUBLIC',
		`  ensure Cloud Scheduler job forecast-api-job-1:`,
		`    if missing: gcloud scheduler jobs create http forecast-api-job-1 --location=${region} '--schedule=15 * * * *' --time-zone=Etc/UTC --uri=https://forecast-api-URL.run.app/update-forecast --http-method=GET`,
	]) {
		assert.ok(text.includes(line), `dry run shows: ${line}\n---\n${text}`);
	}

	assert.match(text, /--allow-unauthenticated '--update-env-vars=\^@\^LOG_LEVEL=info@LABELS=team=ml,env=prod' --update-secrets=ENTSOE_API_KEY=forecast-api-ENTSOE_API_KEY:latest,API_TOKEN=forecast-api-API_TOKEN:latest --quiet/);
	// No project number yet in a dry run: the account is shown with a placeholder.
	assert.ok(text.includes(`  run: gcloud secrets add-iam-policy-binding forecast-api-API_TOKEN --member=serviceAccount:PROJECT_NUMBER-compute@developer.gserviceaccount.com --role=roles/secretmanager.secretAccessor --condition=None --format=none --project=${project}`), text);
	assert.ok(text.includes(`  run: gcloud secrets versions add forecast-api-API_TOKEN --data-file=- --project=${project}`), 'the value is not shown: it goes on standard input');
	assertNoSecret([text], 'the dry run');
	assert.doesNotMatch(text, /oidc/, 'a public service needs no token');
});

test('bad answers name the field and nothing runs', async () => {
	const setup = setUp();
	const result = await runHeadless(cloudRunProvider.steps, {
		directory: setup.directory,
		secretAnswers: setup.secretAnswers,
		answers: {...setup.answers, gcpProject: 'Bad_Project', cloudRunMemory: '3 GB'},
		fieldName: name => ({gcpProject: 'cloudRun.project', cloudRunMemory: 'cloudRun.memory'})[name] ?? name,
	});
	assert.equal(result.exitCode, 2);
	assert.match(result.errors[0]!, /^cloudRun\.project: Project id: 6 to 30 characters/);
	assert.match(result.errors[1]!, /^cloudRun\.memory: Memory: a size from 128Mi to 32Gi/);
	assert.deepEqual(setup.gcloud.calls(), []);
});

test('teardown asks for the service name, removes what the wizard made, and a second teardown finds it gone', async () => {
	const setup = setUp();
	const deployed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: setup.answers});
	assert.equal(deployed.exitCode, 0, deployed.errors.join('\n'));

	const wrong = await runHeadless(cloudRunTeardownSteps('forecast-api'), {directory: setup.directory, answers: {teardownConfirm: 'forecast'}, progress: deployed.progress});
	assert.equal(wrong.exitCode, 2);
	assert.match(wrong.errors[0]!, /^teardownConfirm: Confirm: type forecast-api exactly/);

	const before = setup.gcloud.calls().length;
	const removed = await runHeadless(cloudRunTeardownSteps('forecast-api'), {directory: setup.directory, answers: {teardownConfirm: 'forecast-api'}, progress: deployed.progress});
	assert.equal(removed.exitCode, 0, removed.errors.join('\n'));
	const own = [`--project=${project}`];
	assert.deepEqual(setup.gcloud.calls().slice(before), [
		['scheduler', 'jobs', 'describe', 'forecast-api-job-1', `--location=${region}`, ...own],
		['scheduler', 'jobs', 'delete', 'forecast-api-job-1', `--location=${region}`, '--quiet', ...own],
		['run', 'services', 'describe', 'forecast-api', `--region=${region}`, ...own],
		['run', 'services', 'delete', 'forecast-api', `--region=${region}`, '--quiet', ...own],
		...secretIds.flatMap(id => [['secrets', 'describe', id, '--format=value(name)', ...own], ['secrets', 'delete', id, '--quiet', ...own]]),
		['artifacts', 'docker', 'images', 'describe', image, ...own],
		['artifacts', 'docker', 'images', 'delete', image, '--delete-tags', '--quiet', ...own],
		['config', 'configurations', 'describe', configuration],
		['config', 'configurations', 'delete', configuration, '--quiet'],
		['iam', 'service-accounts', 'describe', sa, ...own],
		['iam', 'service-accounts', 'delete', sa, ...own, '--quiet'],
	]);
	assert.equal(existsSync(setup.keyPath), false, 'the key file is gone');

	setup.gcloud.setReplies([{whenArgsStartWith: [], stderr: 'ERROR: NOT_FOUND\n', exitCode: 1}]);
	const again = await runHeadless(cloudRunTeardownSteps('forecast-api'), {directory: setup.directory, answers: {teardownConfirm: 'forecast-api'}, progress: removed.progress});
	assert.equal(again.exitCode, 0, again.errors.join('\n'));
	assert.equal(setup.gcloud.calls().filter(call => call.includes('delete')).length, 7, 'nothing deleted twice');
	assert.deepEqual(secretIds.map(id => storedSecretVersions(setup.bin, id)), [[], []], 'the secrets are gone with their values');
	assert.match(again.lines.join('\n'), /Cloud Run service forecast-api is already gone\./);
});

test('two scheduled calls make two Cloud Scheduler jobs, each with its own method; teardown removes both', async () => {
	const setup = setUp([{whenArgsStartWith: ['scheduler', 'jobs', 'describe'], stderr: 'ERROR: NOT_FOUND\n', exitCode: 1, times: 1}]);
	const answers = {...setup.answers, cron: '15 * * * * /update-forecast; 0 3 * * * POST /retrain'};
	const deployed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers});
	assert.equal(deployed.exitCode, 0, deployed.errors.join('\n'));
	const token = [`--oidc-service-account-email=${sa}`, `--oidc-token-audience=${url}`];
	assert.deepEqual(callsStartingWith(setup.gcloud.calls(), 'scheduler'), [
		['scheduler', 'jobs', 'describe', 'forecast-api-job-1', `--location=${region}`, ...scope],
		['scheduler', 'jobs', 'create', 'http', 'forecast-api-job-1', `--location=${region}`, '--schedule=15 * * * *', '--time-zone=Etc/UTC', `--uri=${url}/update-forecast`, '--http-method=GET', ...token, ...scope],
		['scheduler', 'jobs', 'describe', 'forecast-api-job-2', `--location=${region}`, ...scope],
		['scheduler', 'jobs', 'create', 'http', 'forecast-api-job-2', `--location=${region}`, '--schedule=0 3 * * *', '--time-zone=Etc/UTC', `--uri=${url}/retrain`, '--http-method=POST', ...token, ...scope],
	]);
	assert.equal(callsStartingWith(setup.gcloud.calls(), 'run', 'services', 'add-iam-policy-binding').length, 1, 'the invoker role is granted once for all jobs');

	const before = setup.gcloud.calls().length;
	const removed = await runHeadless(cloudRunTeardownSteps('forecast-api'), {directory: setup.directory, answers: {teardownConfirm: 'forecast-api'}, progress: deployed.progress});
	assert.equal(removed.exitCode, 0, removed.errors.join('\n'));
	const own = [`--project=${project}`];
	assert.deepEqual(callsStartingWith(setup.gcloud.calls().slice(before), 'scheduler'), [
		['scheduler', 'jobs', 'describe', 'forecast-api-job-1', `--location=${region}`, ...own],
		['scheduler', 'jobs', 'delete', 'forecast-api-job-1', `--location=${region}`, '--quiet', ...own],
		['scheduler', 'jobs', 'describe', 'forecast-api-job-2', `--location=${region}`, ...own],
		['scheduler', 'jobs', 'delete', 'forecast-api-job-2', `--location=${region}`, '--quiet', ...own],
	]);
});

test('no scheduled calls: no Cloud Scheduler job, and the wizard says so', async () => {
	const setup = setUp();
	const deployed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: {...setup.answers, cron: ''}});
	assert.equal(deployed.exitCode, 0, deployed.errors.join('\n'));
	assert.deepEqual(callsStartingWith(setup.gcloud.calls(), 'scheduler'), []);
	assert.deepEqual(callsStartingWith(setup.gcloud.calls(), 'run', 'services', 'add-iam-policy-binding'), [], 'no invoker role without a job');
	assert.match(deployed.lines.join('\n'), /you do: No scheduled calls were given, so no Cloud Scheduler job is made\./);

	const before = setup.gcloud.calls().length;
	const removed = await runHeadless(cloudRunTeardownSteps('forecast-api'), {directory: setup.directory, answers: {teardownConfirm: 'forecast-api'}, progress: deployed.progress});
	assert.equal(removed.exitCode, 0, removed.errors.join('\n'));
	assert.deepEqual(callsStartingWith(setup.gcloud.calls().slice(before), 'scheduler'), [], 'no job to remove');
});

test('the minimal cloudRun config section is enough: everything else has a default, and a dry run shows the plan', async () => {
	const setup = setUp();
	const section = cloudRunConfigSchema.parse({project, region, service: 'forecast-api', public: false});
	const dry = await runHeadless(cloudRunProvider.steps, {
		directory: setup.directory,
		answers: {...cloudRunConfigToAnswers(section), appPort: '8000', cron: '0 6 * * * /update-forecast'},
		dryRun: true,
		fieldName: name => cloudRunFieldNames[name] ?? name,
	});
	assert.equal(dry.exitCode, 0, dry.errors.join('\n'));
	const text = dry.lines.join('\n');
	assert.ok(text.includes(`    if missing: gcloud iam service-accounts keys create ${path.join(homedir(), '.config/ml-deploy-wizard/keys', `${project}-ml-deployer.json`)}`));
	assert.ok(text.includes('--memory=512Mi --cpu=1 --min-instances=0 --max-instances=3 --port=8000 --no-allow-unauthenticated'));
	assert.ok(text.includes(`--oidc-service-account-email=${sa}`));
	assert.deepEqual(setup.gcloud.calls(), []);
});

test('a broken app (500 on /health) fails the live check at the health layer, with the logs command as the next step', async t => {
	const setup = setUp();
	endpoint!.setHealthy(false);
	t.after(() => endpoint!.setHealthy(true));
	const failed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: setup.answers});
	assert.equal(failed.exitCode, 1);
	assert.equal(failed.progress.steps.verify?.status, 'failed');
	assert.equal(failed.progress.steps['cloud-run-deploy']?.status, 'done');
	const errors = failed.errors.join('\n');
	assert.match(errors, /x Check https:\/\/forecast-api\.test:\d+ layer by layer failed: HEALTH failed/);
	assert.ok(errors.includes(`gcloud run services logs read forecast-api --region=${region} --project=${project} --limit=50`), errors);
	const verification = failed.progress.steps.verify?.facts.verification as {ok: boolean; layers: Array<{layer: string; ok: boolean}>};
	assert.equal(verification.ok, false);
	assert.deepEqual(verification.layers.filter(layer => !layer.ok).map(layer => layer.layer), ['health']);
});
