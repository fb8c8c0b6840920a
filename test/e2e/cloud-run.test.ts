// Cloud Run end to end, headless, through the real local handlers. gcloud and docker are
// STAND-INS (test/e2e/cloud-stand-ins/) that answer like a fresh Google Cloud account: nothing
// exists yet, an API is unusable until enabled, a new account or grant is refused once before
// IAM catches up (the wizard must wait, not fail), keys may be forbidden, billing may be
// missing. The service URL they report is served on loopback (real dnsmasq + Caddy, see
// test/support/loopback-endpoint.ts), so the final live check runs for real, locally.
import assert from 'node:assert/strict';
import {existsSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {buildAndPushImage} from '../../source/commands/docker-local.js';
import type {Answers} from '../../source/core/step.js';
import {plainSettingsAnswer, secretAnswerName} from '../../source/providers/app-environment.js';
import {cloudRunConfigSchema, cloudRunConfigToAnswers, cloudRunFieldNames} from '../../source/providers/cloud-run/cloud-run-config.js';
import {cloudRunProvider} from '../../source/providers/cloud-run/cloud-run-provider.js';
import {cloudRunTeardownSteps} from '../../source/providers/cloud-run/cloud-run-teardown.js';
import {type LoopbackEndpoint, startLoopbackEndpoint} from '../support/loopback-endpoint.js';
import {callsStartingWith, prependPath, runHeadless, takeWaits, temporaryDirectory, useLiveChecks} from './cloud-run-support.js';
import {type CloudWorld, createCloudWorld, type WorldOptions} from './cloud-world.js';

const project = 'forecast-api-4821';
const region = 'europe-west1';
const deployer = `ml-deployer@${project}.iam.gserviceaccount.com`;
const runtime = `forecast-api-runtime@${project}.iam.gserviceaccount.com`;
const invoker = `forecast-api-invoker@${project}.iam.gserviceaccount.com`;
const configuration = `mldw-${project}`;
const image = `${region}-docker.pkg.dev/${project}/ml-images/forecast-api:latest`;
const own = [`--project=${project}`];
const asDeployer = [`--project=${project}`, `--impersonate-service-account=${deployer}`];
/** What the stand-in gcloud reports as the service URL: https://forecast-api.test:PORT, on loopback. */
let url = '';
let endpoint: LoopbackEndpoint | undefined;
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

/** A fresh project folder and a fresh account (stand-ins first on PATH). */
function setUp(options: WorldOptions = {}) {
	const directory = temporaryDirectory('mldw-cloud-run-project-');
	// PORT is Cloud Run's own, GCP_REGION deploy/cloud-run.sh's: both left out, with the reason.
	writeFileSync(path.join(directory, '.env'), `ENTSOE_API_KEY=${dotEnvKey}\nPORT=8000\nGCP_REGION=${region}\n`);
	const keys = path.join(temporaryDirectory('mldw-cloud-run-home-'), 'keys');
	const world = createCloudWorld({serviceUrl: url, ...options});
	restorers.push(prependPath(world.bin));
	takeWaits();
	const answers: Answers = {
		appPort: '8080',
		healthPath: '/health',
		gcloudAccount: 'me@example.com',
		gcpProject: project,
		gcpRegion: region,
		cloudRunService: 'forecast-api',
		cron: '15 * * * * /update-forecast',
		// env.values, with a comma and an = inside a value.
		[plainSettingsAnswer]: JSON.stringify({LOG_LEVEL: 'info', LABELS: 'team=ml,env=prod'}),
	};
	// env.secrets, as the deploy command reads them from its environment: never saved.
	const secretAnswers: Answers = {[secretAnswerName('API_TOKEN')]: token};
	return {directory, keys, world, answers, secretAnswers, keyPath: path.join(keys, 'deployer.json')};
}

const grant = (resource: string[], member: string, role: string) => [...resource, `--member=${member}`, `--role=${role}`];

/**
 * Every gcloud call of a deployment with impersonation, in order. On a fresh account (first)
 * each thing is created, and a call right after a new account or grant is refused once and
 * made again; on a re-run nothing is created and nothing waits.
 */
function deployCalls(first: boolean): string[][] {
	const times = (count: number, call: string[]) => Array.from({length: first ? count : 1}, () => call);
	const created = (call: string[]) => (first ? [call] : []);
	const job = [
		'forecast-api-job-1',
		`--location=${region}`,
		'--schedule=15 * * * *',
		'--time-zone=Etc/UTC',
		`--uri=${url}/update-forecast`,
		'--http-method=GET',
		`--oidc-service-account-email=${invoker}`,
		`--oidc-token-audience=${url}`,
		...asDeployer,
	];
	return [
		['--version'],
		['auth', 'list', '--filter=status:ACTIVE', '--format=value(account)'],
		['projects', 'describe', project, '--format=value(projectId)'],
		...created(['projects', 'create', project]),
		['billing', 'projects', 'describe', project, '--format=value(billingEnabled)'],
		['services', 'enable', 'run.googleapis.com', 'artifactregistry.googleapis.com', 'cloudscheduler.googleapis.com', 'iam.googleapis.com', 'iamcredentials.googleapis.com', 'secretmanager.googleapis.com', ...own],
		['artifacts', 'repositories', 'describe', 'ml-images', `--location=${region}`, ...own],
		...created(['artifacts', 'repositories', 'create', 'ml-images', '--repository-format=docker', `--location=${region}`, ...own]),
		['iam', 'service-accounts', 'describe', deployer, ...own],
		...created(['iam', 'service-accounts', 'create', 'ml-deployer', '--display-name=ml-deploy-wizard deployer', ...own]),
		['iam', 'service-accounts', 'describe', runtime, ...own],
		...created(['iam', 'service-accounts', 'create', 'forecast-api-runtime', '--display-name=forecast-api runtime (ml-deploy-wizard)', ...own]),
		// The deployer was just made: IAM says it "does not exist" once.
		...times(2, [...grant(['projects', 'add-iam-policy-binding', project], `serviceAccount:${deployer}`, 'roles/run.admin'), '--condition=None', '--format=none']),
		[...grant(['projects', 'add-iam-policy-binding', project], `serviceAccount:${deployer}`, 'roles/cloudscheduler.admin'), '--condition=None', '--format=none'],
		[...grant(['artifacts', 'repositories', 'add-iam-policy-binding', 'ml-images', `--location=${region}`], `serviceAccount:${deployer}`, 'roles/artifactregistry.writer'), '--format=none', ...own],
		...times(2, [...grant(['iam', 'service-accounts', 'add-iam-policy-binding', runtime], `serviceAccount:${deployer}`, 'roles/iam.serviceAccountUser'), '--format=none', ...own]),
		[...grant(['iam', 'service-accounts', 'add-iam-policy-binding', deployer], 'user:me@example.com', 'roles/iam.serviceAccountTokenCreator'), '--format=none', ...own],
		// The first call as the deployer waits for Token Creator, then for run.admin.
		...times(3, ['run', 'services', 'list', `--region=${region}`, ...asDeployer]),
		['auth', 'configure-docker', `${region}-docker.pkg.dev`, '--quiet'],
		// With your own login; each value goes on standard input, never in an argument.
		...secretIds.flatMap(id => [
			['secrets', 'describe', id, '--format=value(name)', ...own],
			...created(['secrets', 'create', id, '--replication-policy=automatic', ...own]),
			['secrets', 'versions', 'add', id, '--data-file=-', ...own],
			[...grant(['secrets', 'add-iam-policy-binding', id], `serviceAccount:${runtime}`, 'roles/secretmanager.secretAccessor'), '--condition=None', '--format=none', ...own],
		]),
		// Refused while acting as the runtime account, then while it may not yet read each secret.
		...times(4, [
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
			`--service-account=${runtime}`,
			'--no-allow-unauthenticated',
			// A value holds a comma: gcloud's ^@^ form, with a delimiter found in no value.
			'--update-env-vars=^@^LOG_LEVEL=info@LABELS=team=ml,env=prod',
			'--update-secrets=ENTSOE_API_KEY=forecast-api-ENTSOE_API_KEY:latest,API_TOKEN=forecast-api-API_TOKEN:latest',
			'--quiet',
			...asDeployer,
		]),
		['run', 'services', 'describe', 'forecast-api', `--region=${region}`, '--format=value(status.url)', ...asDeployer],
		['run', 'services', 'describe', 'forecast-api', `--region=${region}`, ...asDeployer],
		['run', 'services', 'list', `--region=${region}`, ...asDeployer],
		['iam', 'service-accounts', 'describe', invoker, ...own],
		...created(['iam', 'service-accounts', 'create', 'forecast-api-invoker', '--display-name=forecast-api scheduler invoker (ml-deploy-wizard)', ...own]),
		...times(2, [...grant(['iam', 'service-accounts', 'add-iam-policy-binding', invoker], `serviceAccount:${deployer}`, 'roles/iam.serviceAccountUser'), '--format=none', ...own]),
		[...grant(['run', 'services', 'add-iam-policy-binding', 'forecast-api', `--region=${region}`], `serviceAccount:${invoker}`, 'roles/run.invoker'), '--format=none', ...asDeployer],
		['scheduler', 'jobs', 'describe', 'forecast-api-job-1', `--location=${region}`, ...asDeployer],
		// On a fresh account the look is refused (cloudscheduler.admin not applied yet): create, made again once.
		...(first ? times(2, ['scheduler', 'jobs', 'create', 'http', ...job]) : [['scheduler', 'jobs', 'update', 'http', ...job]]),
	];
}

// The argv itself is asserted in test/commands/docker-local.test.ts; here: who runs it.
const buildAndPush = [`CLOUDSDK_AUTH_IMPERSONATE_SERVICE_ACCOUNT=${deployer}`, ...buildAndPushImage(image).slice(1)];

const dockerCalls = (pushes: number) => [['--version'], ['info', '--format={{.ServerVersion}}'], ['buildx', 'version'], ...Array.from({length: pushes}, () => buildAndPush)];

/** Every grant in the project, as "resource member role": exactly what least privilege allows. */
function grants(world: CloudWorld): string[] {
	return world.state().gcloud.projects[project]!.bindings.map(binding => `${binding.resource} ${binding.member} ${binding.role}`).sort();
}

function assertNoSecret(texts: readonly string[], where: string) {
	for (const text of texts) {
		for (const value of [...secretValues, 's3cr3t', 'd0tenv']) {
			assert.ok(!text.includes(value), `${where} holds a secret value:\n${text}`);
		}
	}
}

test('first run on a fresh account: every command in order, waiting for IAM where it must; no key file; a re-run creates nothing twice', async () => {
	const setup = setUp();
	const first = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: setup.answers});
	assert.equal(first.exitCode, 0, first.errors.join('\n'));
	assert.deepEqual(setup.world.calls('gcloud'), deployCalls(true));
	assert.deepEqual(setup.world.calls('docker'), dockerCalls(2), 'the push waits once for the repository grant');
	// Each wait said why, and how long at most; the pauses grow.
	assert.deepEqual(takeWaits(), [5, 5, 5, 10, 5, 5, 10, 20, 5, 5]);
	const shown = first.lines.join('\n');
	assert.ok(shown.includes('A new service account takes a minute or more to be known everywhere in Google Cloud: trying again in 5 s (waiting 6 minutes at most).'), shown);
	assert.ok(shown.includes('A role just granted takes up to a few minutes to apply: trying again in 10 s (waiting 6 minutes at most).'), shown);
	assert.ok(shown.includes(`  run: CLOUDSDK_AUTH_IMPERSONATE_SERVICE_ACCOUNT=${deployer} docker buildx build --platform=linux/amd64`), 'the push runs as the deployer');
	// Each role said in one line what it is for.
	assert.ok(first.lines.includes(`  run: gcloud projects add-iam-policy-binding ${project} --member=serviceAccount:${deployer} --role=roles/run.admin --condition=None --format=none`));
	assert.equal(existsSync(path.join(homedir(), '.config/ml-deploy-wizard/keys', `${project}-ml-deployer.json`)), false, 'no key file by default');
	assert.equal(first.progress.answers.gcpAuth, 'impersonation');
	assert.equal(first.progress.steps['gcloud-check']?.facts.account, 'me@example.com');

	// Least privilege: the deployer on the project only where nothing narrower exists, each
	// other role on its one resource, the service as its own runtime account, the jobs as the invoker.
	assert.deepEqual(grants(setup.world), [
		`account:${deployer} user:me@example.com roles/iam.serviceAccountTokenCreator`,
		`account:${invoker} serviceAccount:${deployer} roles/iam.serviceAccountUser`,
		`account:${runtime} serviceAccount:${deployer} roles/iam.serviceAccountUser`,
		`project serviceAccount:${deployer} roles/cloudscheduler.admin`,
		`project serviceAccount:${deployer} roles/run.admin`,
		`repository:ml-images@${region} serviceAccount:${deployer} roles/artifactregistry.writer`,
		...secretIds.map(id => `secret:${id} serviceAccount:${runtime} roles/secretmanager.secretAccessor`).sort(),
		`service:forecast-api serviceAccount:${invoker} roles/run.invoker`,
	].sort());
	const state = setup.world.state().gcloud.projects[project]!;
	assert.equal(state.runServices['forecast-api']?.runtime, runtime);
	assert.equal(state.jobs['forecast-api-job-1']?.identity, invoker);

	// The live check ran for real against the loopback endpoint and its report is saved.
	const verification = first.progress.steps.verify?.facts.verification as {ok: boolean; url: string; layers: Array<{layer: string; ok: boolean}>};
	assert.equal(verification.ok, true);
	assert.deepEqual(verification.layers.map(layer => [layer.layer, layer.ok]), [['dns', true], ['tcp', true], ['tls', true], ['health', true]]);
	assert.equal(first.progress.steps['cloud-run-deploy']?.facts.publicUrl, url);
	assert.equal(first.progress.steps['cloud-run-deploy']?.facts.logsCommand, `gcloud run services logs read forecast-api --region=${region} --project=${project} --limit=50`);

	// Settings and secrets: each value reached Secret Manager on standard input, and no secret
	// value is in any argv, in the printed output or in any saved snapshot.
	assert.deepEqual(secretIds.map(id => state.secrets[id]?.versions), [[dotEnvKey], [token]]);
	assertNoSecret([...setup.world.calls('gcloud'), ...setup.world.calls('docker')].map(call => JSON.stringify(call)), 'an argv');
	assertNoSecret([...first.lines, ...first.errors], 'the printed output');
	assertNoSecret(first.saved, 'a saved progress snapshot');
	assert.ok(shown.includes('you do: Left out: PORT (Cloud Run sets it), GCP_REGION (a deploy setting, not the app\'s).'), shown);
	assert.equal(first.progress.steps['cloud-run-deploy']?.facts.deliveredSettings, 'LOG_LEVEL LABELS ENTSOE_API_KEY API_TOKEN', 'names only');
	assert.equal(first.progress.steps['secret-manager']?.facts.secretIds, secretIds.join(', '));

	const before = setup.world.calls('gcloud').length;
	const second = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: setup.answers, progress: first.progress});
	assert.equal(second.exitCode, 0, second.errors.join('\n'));
	assert.deepEqual(setup.world.calls('gcloud').slice(before), deployCalls(false), 'everything is reused, nothing waits; the job is updated');
	assert.deepEqual(takeWaits(), []);
	assert.match(second.lines.join('\n'), /project forecast-api-4821 already exists: reused\./);
	assert.deepEqual(secretIds.map(id => setup.world.state().gcloud.projects[project]!.secrets[id]?.versions), [[dotEnvKey, dotEnvKey], [token, token]], 'each run adds the value as the latest version');
});

test('IAM that does not catch up within the bound: the wizard stops waiting after 6 minutes and says so', async () => {
	const setup = setUp({settle: 1000});
	const failed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: setup.answers});
	assert.equal(failed.exitCode, 1);
	assert.deepEqual(takeWaits(), [5, 10, 20, 40, 60, 60, 60, 60], 'the next pause would pass 360 s');
	const errors = failed.errors.join('\n');
	assert.match(errors, /x Let the deployer deploy the service and say who may call it \(roles\/run\.admin on the project\) failed: gcloud exited with code 1\. It still failed after 315 s of waiting\./);
	assert.match(errors, /INVALID_ARGUMENT: Service account ml-deployer@forecast-api-4821\.iam\.gserviceaccount\.com does not exist\./);
	assert.equal(callsStartingWith(setup.world.calls('gcloud'), 'projects', 'add-iam-policy-binding').length, 9);
	assert.equal(callsStartingWith(setup.world.calls('gcloud'), 'run', 'deploy').length, 0, 'nothing after it ran');
});

test('the key fallback, chosen: a key kept private and out of git, a gcloud configuration of its own, the same grants', async () => {
	const setup = setUp();
	const answers = {...setup.answers, gcpAuth: 'key', gcpKeyPath: setup.keyPath};
	const deployed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers});
	assert.equal(deployed.exitCode, 0, deployed.errors.join('\n'));
	const calls = setup.world.calls('gcloud');
	const start = calls.findIndex(call => call.includes('--role=roles/iam.serviceAccountUser'));
	assert.deepEqual(calls.slice(start + 2, start + 11), [
		['iam', 'service-accounts', 'keys', 'create', setup.keyPath, `--iam-account=${deployer}`, ...own],
		['config', 'configurations', 'describe', configuration],
		['config', 'configurations', 'create', configuration, '--no-activate'],
		['auth', 'activate-service-account', deployer, `--key-file=${setup.keyPath}`, `--configuration=${configuration}`],
		['config', 'set', 'project', project, `--configuration=${configuration}`],
		['config', 'set', 'run/region', region, `--configuration=${configuration}`],
		['config', 'get-value', 'account', `--configuration=${configuration}`],
		// Only run.admin is still settling here: no Token Creator is needed with a key.
		['run', 'services', 'list', `--region=${region}`, ...own, `--configuration=${configuration}`],
		['run', 'services', 'list', `--region=${region}`, ...own, `--configuration=${configuration}`],
	]);
	assert.ok(!calls.some(call => call.includes('roles/iam.serviceAccountTokenCreator') || call.some(argument => argument.startsWith('--impersonate'))));
	assert.ok(callsStartingWith(calls, 'run', 'deploy').every(call => call.at(-1) === `--configuration=${configuration}`));
	assert.equal(setup.world.calls('docker').at(-1)?.[0], `CLOUDSDK_ACTIVE_CONFIG_NAME=${configuration}`, 'the push runs with the key\'s configuration');
	// The key: written by gcloud, made 0600; a folder of the person's choosing is made (700) when
	// missing and otherwise left as it is, with no .gitignore of ours; only the key's path is saved.
	assert.match(readFileSync(setup.keyPath, 'utf8'), /STAND-IN-KEY-MATERIAL/);
	assert.equal(statSync(setup.keyPath).mode & 0o777, 0o600);
	assert.equal(statSync(setup.keys).mode & 0o777, 0o700);
	assert.equal(existsSync(path.join(setup.keys, '.gitignore')), false);
	assert.ok(deployed.saved.every(snapshot => !snapshot.includes('STAND-IN-KEY-MATERIAL')));

	const before = setup.world.calls('gcloud').length;
	const removed = await runHeadless(cloudRunTeardownSteps('forecast-api'), {directory: setup.directory, answers: {teardownConfirm: 'forecast-api'}, progress: deployed.progress});
	assert.equal(removed.exitCode, 0, removed.errors.join('\n'));
	assert.ok(setup.world.calls('gcloud').slice(before).some(call => call.join(' ') === `config configurations delete ${configuration} --quiet`));
	assert.equal(existsSync(setup.keyPath), false, 'the key file is gone');
});

test('an organisation that forbids keys: gcloud\'s refusal with the way that needs none; choosing it carries on', async () => {
	const setup = setUp({orgPolicyBlocksKeys: true});
	const answers = {...setup.answers, gcpAuth: 'key', gcpKeyPath: setup.keyPath};
	const failed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers});
	assert.equal(failed.exitCode, 1);
	const errors = failed.errors.join('\n');
	assert.match(errors, /x Create the key \(once\) failed: Could not ensure key file .*deployer\.json: `gcloud iam service-accounts keys create/);
	assert.match(errors, /FAILED_PRECONDITION: Key creation is not allowed on this service account\.[\s\S]*type: constraints\/iam\.disableServiceAccountKeyCreation/);
	assert.match(errors, /Next: If gcloud says "Key creation is not allowed on this service account" \(constraints\/iam\.disableServiceAccountKeyCreation\), your organisation forbids key files, as Google advises: choose "act as the deployer with your own login"/);
	assert.equal(readFileSync(setup.keyPath, 'utf8'), '', 'gcloud left an empty file behind, which never counts as a key');

	const resumed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: {...answers, gcpAuth: 'impersonation'}, progress: failed.progress});
	assert.equal(resumed.exitCode, 0, resumed.errors.join('\n'));
	assert.equal(callsStartingWith(setup.world.calls('gcloud'), 'iam', 'service-accounts', 'keys').length, 1, 'no second key attempt');
	assert.equal(resumed.progress.steps.verify?.status, 'done');
});

test('a new account without billing: the billing check stops the run with how to make a billing account, before any API is enabled', async () => {
	const setup = setUp({billing: false});
	const failed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: setup.answers});
	assert.equal(failed.exitCode, 1);
	const errors = failed.errors.join('\n');
	assert.match(errors, /Billing is not enabled for project forecast-api-4821\./);
	assert.ok(errors.includes('create one at https://console.cloud.google.com/billing/create'), errors);
	assert.ok(errors.includes(`gcloud billing projects link ${project} --billing-account=ACCOUNT_ID`), errors);
	assert.deepEqual(callsStartingWith(setup.world.calls('gcloud'), 'services'), []);
});

test('a failure halfway shows the command, its exit code and last lines; the re-run plans the step afresh and creates nothing twice', async () => {
	const setup = setUp({failOnce: [{program: 'docker', argsStartWith: ['buildx', 'build'], stderr: 'ERROR: failed to solve: write /var/lib/docker/tmp: no space left on device\n'}]});
	const failed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: setup.answers});
	assert.equal(failed.exitCode, 1);
	assert.match(failed.errors.join('\n'), /x Build the image and push it failed: docker exited with code 1\.\n {4}ERROR: failed to solve: write \/var\/lib\/docker\/tmp: no space left on device/);
	assert.equal(failed.progress.steps.image?.status, 'failed');
	assert.equal(failed.progress.steps.image?.completedActions, 1);
	assert.deepEqual(takeWaits().slice(-1), [10], 'a full disk is not IAM: no wait for it');
	assert.equal(callsStartingWith(setup.world.calls('gcloud'), 'run', 'deploy').length, 0, 'nothing after the failure ran');

	const resumed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: setup.answers, progress: failed.progress});
	assert.equal(resumed.exitCode, 0, resumed.errors.join('\n'));
	const creates = setup.world.calls('gcloud').filter(call => call.includes('create') && !call.includes('describe'));
	assert.deepEqual(
		[...new Set(creates.map(call => call.slice(0, 4).join(' ')))],
		[
			`projects create ${project}`,
			'artifacts repositories create ml-images',
			'iam service-accounts create ml-deployer',
			'iam service-accounts create forecast-api-runtime',
			...secretIds.map(id => `secrets create ${id} --replication-policy=automatic`),
			'iam service-accounts create forecast-api-invoker',
			'scheduler jobs create http',
		],
		'across the failed run and the resume, each thing is created once',
	);
});

test('not logged in: the step fails with the login command, and the re-run after logging in carries on', async () => {
	const setup = setUp({account: ''});
	const failed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: setup.answers});
	assert.equal(failed.exitCode, 1);
	assert.match(failed.errors.join('\n'), /gcloud is not logged in as me@example\.com\.[\s\S]*Next: Run `gcloud auth login me@example\.com`/);
	assert.deepEqual(setup.world.calls('gcloud'), [['--version'], ['auth', 'list', '--filter=status:ACTIVE', '--format=value(account)']]);

	setup.world.change(state => {
		state.gcloud.account = 'me@example.com';
	});
	const resumed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: setup.answers, progress: failed.progress});
	assert.equal(resumed.exitCode, 0, resumed.errors.join('\n'));
	assert.deepEqual(setup.world.calls('gcloud').slice(2, 5), [['--version'], ['auth', 'list', '--filter=status:ACTIVE', '--format=value(account)'], ['projects', 'describe', project, '--format=value(projectId)']]);
});

test('--dry-run prints every command, runs none and saves nothing', async () => {
	const setup = setUp();
	const dry = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: {...setup.answers, cloudRunPublic: 'yes'}, dryRun: true});
	assert.equal(dry.exitCode, 0, dry.errors.join('\n'));
	assert.deepEqual(setup.world.calls('gcloud'), []);
	assert.deepEqual(setup.world.calls('docker'), []);
	assert.equal(dry.saved.length, 0);
	const text = dry.lines.join('\n');
	for (const line of [
		`  ensure project ${project}:`,
		`    if missing: gcloud projects create ${project}`,
		`  run: gcloud iam service-accounts add-iam-policy-binding ${deployer} --member=user:YOU@example.com --role=roles/iam.serviceAccountTokenCreator --format=none --project=${project}`,
		`  check: gcloud run services list --region=${region} --project=${project} --impersonate-service-account=${deployer}`,
		`  run: CLOUDSDK_AUTH_IMPERSONATE_SERVICE_ACCOUNT=${deployer} docker buildx build --platform=linux/amd64 --provenance=false --sbom=false --output=type=image,name=${image},oci-mediatypes=false,push=true .`,
		'  run: gcloud run deploy forecast-api',
		'  you do: This service is PUBLIC',
		`    if missing: gcloud scheduler jobs create http forecast-api-job-1 --location=${region} '--schedule=15 * * * *' --time-zone=Etc/UTC --uri=https://forecast-api-URL.run.app/update-forecast --http-method=GET --project=${project} --impersonate-service-account=${deployer}`,
	]) {
		assert.ok(text.includes(line), `dry run shows: ${line}\n---\n${text}`);
	}

	assert.match(text, new RegExp(`--service-account=${runtime} --allow-unauthenticated '--update-env-vars=\\^@\\^LOG_LEVEL=info@LABELS=team=ml,env=prod' --update-secrets=ENTSOE_API_KEY=forecast-api-ENTSOE_API_KEY:latest,API_TOKEN=forecast-api-API_TOKEN:latest --quiet`));
	assert.ok(text.includes(`  run: gcloud secrets add-iam-policy-binding forecast-api-API_TOKEN --member=serviceAccount:${runtime} --role=roles/secretmanager.secretAccessor --condition=None --format=none --project=${project}`), text);
	assert.ok(text.includes(`  run: gcloud secrets versions add forecast-api-API_TOKEN --data-file=- --project=${project}`), 'the value is not shown: it goes on standard input');
	assertNoSecret([text], 'the dry run');
	assert.doesNotMatch(text, /oidc|invoker/, 'a public service needs no token and no invoker account');
});

test('bad answers name the field and nothing runs', async () => {
	const setup = setUp();
	const result = await runHeadless(cloudRunProvider.steps, {
		directory: setup.directory,
		secretAnswers: setup.secretAnswers,
		answers: {...setup.answers, gcpProject: 'Bad_Project', cloudRunMemory: '3 GB', gcpAuth: 'password'},
		fieldName: name => cloudRunFieldNames[name] ?? name,
	});
	assert.equal(result.exitCode, 2);
	assert.match(result.errors[0]!, /^cloudRun\.project: Project id: 6 to 30 characters/);
	assert.match(result.errors[1]!, /^cloudRun\.auth: Authentication: impersonation/);
	assert.match(result.errors[2]!, /^cloudRun\.memory: Memory: a size from 128Mi to 32Gi/);
	assert.deepEqual(setup.world.calls('gcloud'), []);
});

test('teardown asks for the service name, removes what the wizard made, the three accounts too, and a second teardown finds it gone', async () => {
	const setup = setUp();
	const deployed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: setup.answers});
	assert.equal(deployed.exitCode, 0, deployed.errors.join('\n'));

	const wrong = await runHeadless(cloudRunTeardownSteps('forecast-api'), {directory: setup.directory, answers: {teardownConfirm: 'forecast'}, progress: deployed.progress});
	assert.equal(wrong.exitCode, 2);
	assert.match(wrong.errors[0]!, /^teardownConfirm: Confirm: type forecast-api exactly/);

	const before = setup.world.calls('gcloud').length;
	const removed = await runHeadless(cloudRunTeardownSteps('forecast-api'), {directory: setup.directory, answers: {teardownConfirm: 'forecast-api'}, progress: deployed.progress});
	assert.equal(removed.exitCode, 0, removed.errors.join('\n'));
	assert.deepEqual(setup.world.calls('gcloud').slice(before), [
		['scheduler', 'jobs', 'describe', 'forecast-api-job-1', `--location=${region}`, ...own],
		['scheduler', 'jobs', 'delete', 'forecast-api-job-1', `--location=${region}`, '--quiet', ...own],
		['run', 'services', 'describe', 'forecast-api', `--region=${region}`, ...own],
		['run', 'services', 'delete', 'forecast-api', `--region=${region}`, '--quiet', ...own],
		...secretIds.flatMap(id => [['secrets', 'describe', id, '--format=value(name)', ...own], ['secrets', 'delete', id, '--quiet', ...own]]),
		['artifacts', 'docker', 'images', 'describe', image, ...own],
		['artifacts', 'docker', 'images', 'delete', image, '--delete-tags', '--quiet', ...own],
		...[invoker, runtime, deployer].flatMap(email => [['iam', 'service-accounts', 'describe', email, ...own], ['iam', 'service-accounts', 'delete', email, ...own, '--quiet']]),
	]);
	const state = setup.world.state().gcloud.projects[project]!;
	assert.deepEqual([Object.keys(state.accounts), Object.keys(state.secrets), Object.keys(state.runServices), Object.keys(state.jobs), state.images], [[], [], [], [], []]);

	const again = await runHeadless(cloudRunTeardownSteps('forecast-api'), {directory: setup.directory, answers: {teardownConfirm: 'forecast-api'}, progress: removed.progress});
	assert.equal(again.exitCode, 0, again.errors.join('\n'));
	assert.equal(setup.world.calls('gcloud').filter(call => call.includes('delete')).length, 8, 'nothing deleted twice');
	assert.match(again.lines.join('\n'), /Cloud Run service forecast-api is already gone\./);
});

test('two scheduled calls make two Cloud Scheduler jobs, each with its own method, both as the invoker; teardown removes both', async () => {
	const setup = setUp({settle: 0});
	const answers = {...setup.answers, cron: '15 * * * * /update-forecast; 0 3 * * * POST /retrain'};
	const deployed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers});
	assert.equal(deployed.exitCode, 0, deployed.errors.join('\n'));
	const token = [`--oidc-service-account-email=${invoker}`, `--oidc-token-audience=${url}`];
	assert.deepEqual(callsStartingWith(setup.world.calls('gcloud'), 'scheduler'), [
		['scheduler', 'jobs', 'describe', 'forecast-api-job-1', `--location=${region}`, ...asDeployer],
		['scheduler', 'jobs', 'create', 'http', 'forecast-api-job-1', `--location=${region}`, '--schedule=15 * * * *', '--time-zone=Etc/UTC', `--uri=${url}/update-forecast`, '--http-method=GET', ...token, ...asDeployer],
		['scheduler', 'jobs', 'describe', 'forecast-api-job-2', `--location=${region}`, ...asDeployer],
		['scheduler', 'jobs', 'create', 'http', 'forecast-api-job-2', `--location=${region}`, '--schedule=0 3 * * *', '--time-zone=Etc/UTC', `--uri=${url}/retrain`, '--http-method=POST', ...token, ...asDeployer],
	]);
	assert.equal(callsStartingWith(setup.world.calls('gcloud'), 'run', 'services', 'add-iam-policy-binding').length, 1, 'the invoker role is granted once for all jobs');

	const before = setup.world.calls('gcloud').length;
	const removed = await runHeadless(cloudRunTeardownSteps('forecast-api'), {directory: setup.directory, answers: {teardownConfirm: 'forecast-api'}, progress: deployed.progress});
	assert.equal(removed.exitCode, 0, removed.errors.join('\n'));
	assert.deepEqual(callsStartingWith(setup.world.calls('gcloud').slice(before), 'scheduler').filter(call => call[2] === 'delete').map(call => call[3]), ['forecast-api-job-1', 'forecast-api-job-2']);
});

test('no scheduled calls: no Cloud Scheduler job and no invoker account, and the wizard says so', async () => {
	const setup = setUp({settle: 0});
	const deployed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: {...setup.answers, cron: ''}});
	assert.equal(deployed.exitCode, 0, deployed.errors.join('\n'));
	assert.deepEqual(callsStartingWith(setup.world.calls('gcloud'), 'scheduler'), []);
	assert.ok(!setup.world.calls('gcloud').some(call => call.includes(invoker)), 'no invoker without a job');
	assert.match(deployed.lines.join('\n'), /you do: No scheduled calls were given, so no Cloud Scheduler job is made\./);
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
	assert.doesNotMatch(text, /keys create/, 'impersonation by default: no key');
	assert.ok(text.includes(`--memory=512Mi --cpu=1 --min-instances=0 --max-instances=3 --port=8000 --service-account=${runtime} --no-allow-unauthenticated`));
	assert.ok(text.includes(`--oidc-service-account-email=${invoker}`));
	// A config written for the key way (keyPath alone) keeps it.
	assert.equal(cloudRunConfigToAnswers(cloudRunConfigSchema.parse({project, region, service: 'x', keyPath: '~/k.json'})).gcpAuth, 'key');
	assert.deepEqual(setup.world.calls('gcloud'), []);
});

test('a broken app (500 on /health) fails the live check at the health layer, with the logs command as the next step', async t => {
	const setup = setUp({settle: 0});
	endpoint!.setHealthy(false);
	t.after(() => endpoint!.setHealthy(true));
	const failed = await runHeadless(cloudRunProvider.steps, {directory: setup.directory, secretAnswers: setup.secretAnswers, answers: setup.answers});
	assert.equal(failed.exitCode, 1);
	assert.equal(failed.progress.steps.verify?.status, 'failed');
	assert.equal(failed.progress.steps['cloud-run-deploy']?.status, 'done');
	const errors = failed.errors.join('\n');
	assert.match(errors, /x Check https:\/\/forecast-api\.test:\d+ layer by layer failed: HEALTH failed/);
	assert.ok(errors.includes(`gcloud run services logs read forecast-api --region=${region} --project=${project} --limit=50`), errors);
});
