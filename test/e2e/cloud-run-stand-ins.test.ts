// The STAND-IN gcloud and docker (test/e2e/cloud-stand-ins/) are only worth their tests if
// they refuse what Google refuses. Each refusal the Cloud Run tests rely on, shown directly:
// called the way the wizard calls them, answered with Google's words.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {after, before, test} from 'node:test';
import {cloudRunProvider} from '../../source/providers/cloud-run/cloud-run-provider.js';
import {type LoopbackEndpoint, startLoopbackEndpoint} from '../support/loopback-endpoint.js';
import {callsStartingWith, prependPath, runHeadless, temporaryDirectory, useLiveChecks} from './cloud-run-support.js';
import {type CloudWorld, createCloudWorld} from './cloud-world.js';

const project = 'forecast-api-4821';
const own = `--project=${project}`;
const deployer = `ml-deployer@${project}.iam.gserviceaccount.com`;
const runtime = `api-runtime@${project}.iam.gserviceaccount.com`;

function caller(world: CloudWorld, directory = temporaryDirectory('mldw-stand-in-')) {
	return (program: 'gcloud' | 'docker', arguments_: string[], options: {input?: string; env?: Record<string, string>} = {}) =>
		spawnSync(path.join(world.bin, program), arguments_, {cwd: directory, encoding: 'utf8', input: options.input ?? '', env: {...process.env, ...options.env}});
}

/** A project with its APIs on and the two accounts made, as the wizard leaves it before granting. */
function withProject(world: CloudWorld) {
	const run = caller(world);
	assert.equal(run('gcloud', ['projects', 'create', project]).status, 0);
	const early = run('gcloud', ['secrets', 'create', 'x', '--replication-policy=automatic', own]);
	assert.equal(early.status, 1, 'an API is refused before it is enabled');
	assert.match(early.stderr, /API \[secretmanager\.googleapis\.com\] not enabled on project \[123456789012\]\. Would you like to enable and retry/);
	assert.equal(run('gcloud', ['services', 'enable', 'run.googleapis.com', 'artifactregistry.googleapis.com', 'iam.googleapis.com', 'iamcredentials.googleapis.com', 'secretmanager.googleapis.com', own]).status, 0);
	for (const name of ['ml-deployer', 'api-runtime']) {
		assert.equal(run('gcloud', ['iam', 'service-accounts', 'create', name, `--display-name=${name}`, own]).status, 0);
	}

	return run;
}

test('IAM: a new account is unknown once, a grant is refused once, impersonation needs Token Creator on that account', () => {
	const world = createCloudWorld();
	const run = withProject(world);
	const grantToDeployer = ['projects', 'add-iam-policy-binding', project, `--member=serviceAccount:${deployer}`, '--role=roles/run.admin', '--condition=None', '--format=none'];
	const unknown = run('gcloud', grantToDeployer);
	assert.equal(unknown.status, 1);
	assert.equal(unknown.stderr, `ERROR: (gcloud.projects.add-iam-policy-binding) INVALID_ARGUMENT: Service account ${deployer} does not exist.\n`);
	assert.equal(run('gcloud', grantToDeployer).status, 0, 'known on the next call');
	const onRuntime = run('gcloud', ['iam', 'service-accounts', 'add-iam-policy-binding', runtime, `--member=serviceAccount:${deployer}`, '--role=roles/iam.serviceAccountUser', '--format=none', own]);
	assert.match(onRuntime.stderr, /PERMISSION_DENIED: Permission 'iam\.serviceAccounts\.getIamPolicy' denied on resource \(or it may not exist\)\./);

	const asDeployer = ['run', 'services', 'list', '--region=europe-west1', own, `--impersonate-service-account=${deployer}`];
	for (let attempt = 0; attempt < 3; attempt++) {
		const refused = run('gcloud', asDeployer);
		assert.match(refused.stderr, /Failed to impersonate \[ml-deployer@forecast-api-4821\.iam\.gserviceaccount\.com\]\. Make sure the account that's trying to impersonate it has access to the service account itself and the "roles\/iam\.serviceAccountTokenCreator" role\./, 'without the grant: never');
	}

	assert.equal(run('gcloud', ['iam', 'service-accounts', 'add-iam-policy-binding', deployer, '--member=user:me@example.com', '--role=roles/iam.serviceAccountTokenCreator', '--format=none', own]).status, 0);
	assert.match(run('gcloud', asDeployer).stderr, /Failed to impersonate/, 'the grant is refused once while it applies');
	assert.match(run('gcloud', asDeployer).stderr, /PERMISSION_DENIED: Permission 'run\.services\.list' denied/, 'and run.admin once, as the deployer');
	assert.equal(run('gcloud', asDeployer).status, 0);
	const otherProject = run('gcloud', ['run', 'services', 'list', '--region=europe-west1', own, '--impersonate-service-account=ml-deployer@elsewhere-42.iam.gserviceaccount.com']);
	assert.match(otherProject.stderr, /Failed to impersonate/);
});

test('keys: refused under the organisation policy with gcloud\'s own text, leaving an empty file behind', () => {
	const world = createCloudWorld({orgPolicyBlocksKeys: true});
	const run = withProject(world);
	const keyPath = path.join(temporaryDirectory('mldw-keys-'), 'key.json');
	const refused = run('gcloud', ['iam', 'service-accounts', 'keys', 'create', keyPath, `--iam-account=${deployer}`, own]);
	assert.equal(refused.status, 1);
	assert.equal(refused.stderr.split('\n')[0], 'ERROR: (gcloud.iam.service-accounts.keys.create) FAILED_PRECONDITION: Key creation is not allowed on this service account.');
	assert.match(refused.stderr, /type: constraints\/iam\.disableServiceAccountKeyCreation/);
	assert.equal(readFileSync(keyPath, 'utf8'), '');
});

test('Cloud Run: a deploy is refused while the deployer may not act as the runtime account, or the runtime account may not read a secret', () => {
	const world = createCloudWorld({settle: 0});
	const run = withProject(world);
	const image = `europe-west1-docker.pkg.dev/${project}/ml-images/api:latest`;
	world.change(state => {
		state.gcloud.projects[project]!.images.push(image);
	});
	assert.equal(run('gcloud', ['iam', 'service-accounts', 'add-iam-policy-binding', deployer, '--member=user:me@example.com', '--role=roles/iam.serviceAccountTokenCreator', '--format=none', own]).status, 0);
	assert.equal(run('gcloud', ['projects', 'add-iam-policy-binding', project, `--member=serviceAccount:${deployer}`, '--role=roles/run.admin', '--condition=None', '--format=none']).status, 0);
	assert.equal(run('gcloud', ['secrets', 'create', 'api-TOKEN', '--replication-policy=automatic', own]).status, 0);
	assert.equal(run('gcloud', ['secrets', 'versions', 'add', 'api-TOKEN', '--data-file=-', own], {input: 'a, b $c'}).status, 0);
	assert.deepEqual(world.state().gcloud.projects[project]!.secrets['api-TOKEN']?.versions, ['a, b $c'], 'the value from standard input, as it was');
	const deploy = ['run', 'deploy', 'api', `--image=${image}`, '--region=europe-west1', `--service-account=${runtime}`, '--update-secrets=TOKEN=api-TOKEN:latest', '--quiet', own, `--impersonate-service-account=${deployer}`];
	assert.match(run('gcloud', deploy).stderr, /PERMISSION_DENIED: Permission 'iam\.serviceaccounts\.actAs' denied on service account api-runtime@forecast-api-4821\.iam\.gserviceaccount\.com/);
	assert.equal(run('gcloud', ['iam', 'service-accounts', 'add-iam-policy-binding', runtime, `--member=serviceAccount:${deployer}`, '--role=roles/iam.serviceAccountUser', '--format=none', own]).status, 0);
	assert.match(run('gcloud', deploy).stderr, /Permission denied on secret: projects\/123456789012\/secrets\/api-TOKEN\/versions\/latest for Revision service account api-runtime@/);
	assert.equal(run('gcloud', ['secrets', 'add-iam-policy-binding', 'api-TOKEN', `--member=serviceAccount:${runtime}`, '--role=roles/secretmanager.secretAccessor', '--condition=None', '--format=none', own]).status, 0);
	assert.equal(run('gcloud', deploy).status, 0);
	assert.equal(world.state().gcloud.projects[project]!.runServices.api?.runtime, runtime);
	const missing = run('gcloud', ['secrets', 'versions', 'add', 'nope', '--data-file=-', own]);
	assert.match(missing.stderr, /NOT_FOUND: Secret \[projects\/\d+\/secrets\/nope\] not found/);
	assert.match(run('gcloud', ['secrets', 'create', 'api-TOKEN', own]).stderr, /ALREADY_EXISTS: Secret \[projects\/\d+\/secrets\/api-TOKEN\] already exists\./);
});

test('Artifact Registry: a push needs gcloud\'s credential helper and an identity allowed to write to that repository', () => {
	const world = createCloudWorld({settle: 0});
	const directory = temporaryDirectory('mldw-stand-in-build-');
	writeFileSync(path.join(directory, 'Dockerfile'), 'FROM python:3.12-slim\n');
	withProject(world);
	const run = caller(world, directory);
	assert.equal(run('gcloud', ['artifacts', 'repositories', 'create', 'ml-images', '--repository-format=docker', '--location=europe-west1', own]).status, 0);
	const image = `europe-west1-docker.pkg.dev/${project}/ml-images/api:latest`;
	const push = ['buildx', 'build', '--platform=linux/amd64', '--provenance=false', '--sbom=false', `--output=type=image,name=${image},oci-mediatypes=false,push=true`, '.'];
	assert.match(run('docker', push).stderr, /denied: Unauthenticated request/);
	assert.equal(run('gcloud', ['auth', 'configure-docker', 'europe-west1-docker.pkg.dev', '--quiet']).status, 0);
	const asDeployer = {env: {CLOUDSDK_AUTH_IMPERSONATE_SERVICE_ACCOUNT: deployer}};
	assert.match(run('docker', push, asDeployer).stderr, /Failed to impersonate/);
	assert.equal(run('gcloud', ['iam', 'service-accounts', 'add-iam-policy-binding', deployer, '--member=user:me@example.com', '--role=roles/iam.serviceAccountTokenCreator', '--format=none', own]).status, 0);
	assert.match(run('docker', push, asDeployer).stderr, /denied: Permission "artifactregistry\.repositories\.uploadArtifacts" denied on resource "projects\/forecast-api-4821\/locations\/europe-west1\/repositories\/ml-images"/);
	assert.equal(run('gcloud', ['artifacts', 'repositories', 'add-iam-policy-binding', 'ml-images', '--location=europe-west1', `--member=serviceAccount:${deployer}`, '--role=roles/artifactregistry.writer', '--format=none', own]).status, 0);
	assert.equal(run('docker', push, asDeployer).status, 0);
	assert.deepEqual(world.calls('docker').at(-1), [`CLOUDSDK_AUTH_IMPERSONATE_SERVICE_ACCOUNT=${deployer}`, ...push]);
	assert.deepEqual(world.state().gcloud.projects[project]!.images, [image]);
});

let endpoint: LoopbackEndpoint | undefined;
before(async () => {
	endpoint = await startLoopbackEndpoint(['forecast-api.test']);
	useLiveChecks(endpoint.checks);
});

after(async () => {
	useLiveChecks(undefined);
	await endpoint?.stop();
});

test('a secret made by hand is reused, not made again; the new value becomes its latest version', async () => {
	const world = createCloudWorld({settle: 0, serviceUrl: endpoint!.url('forecast-api.test')});
	withProject(world);
	world.change(state => {
		state.gcloud.projects[project]!.secrets['forecast-api-API_TOKEN'] = {versions: ['old value']};
	});
	const directory = temporaryDirectory('mldw-cloud-run-project-');
	const restore = prependPath(world.bin);
	try {
		const deployed = await runHeadless(cloudRunProvider.steps, {
			directory,
			answers: {appPort: '8080', healthPath: '/health', gcpProject: project, gcpRegion: 'europe-west1', cloudRunService: 'forecast-api', cron: ''},
			secretAnswers: {'secret:API_TOKEN': 't0ken'},
		});
		assert.equal(deployed.exitCode, 0, deployed.errors.join('\n'));
		assert.match(deployed.lines.join('\n'), /Secret Manager secret forecast-api-API_TOKEN already exists: reused\./);
	} finally {
		restore();
	}

	assert.deepEqual(world.state().gcloud.projects[project]!.secrets['forecast-api-API_TOKEN']?.versions, ['old value', 't0ken']);
	assert.deepEqual(callsStartingWith(world.calls('gcloud'), 'secrets', 'create').map(call => call[2]), ['x']);
});
