import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
	addSecretAccessor,
	addSecretVersion,
	createJob,
	createSecret,
	deployService,
	dictArgument,
	enableServices,
	imageName,
	listServices,
	updateJob,
} from '../../source/commands/gcloud.js';
import {addProjectRole, addRepositoryRole, addServiceAccountRole, iamMember, serviceAccountEmail} from '../../source/commands/gcloud-iam.js';

const deploy = {
	service: 'api',
	image: 'europe-west1-docker.pkg.dev/p-123456/repo/api:latest',
	region: 'europe-west1',
	memory: '1Gi',
	cpu: '2',
	minInstances: 1,
	maxInstances: 5,
	port: 8000,
	serviceAccount: 'api-runtime@p-123456.iam.gserviceaccount.com',
};

test('deploy is private unless asked, and runs in the wizard\'s own configuration', () => {
	assert.deepEqual(deployService({...deploy, public: false}, {project: 'p-123456', configuration: 'mldw-p-123456'}), [
		'gcloud',
		'run',
		'deploy',
		'api',
		'--image=europe-west1-docker.pkg.dev/p-123456/repo/api:latest',
		'--region=europe-west1',
		'--memory=1Gi',
		'--cpu=2',
		'--min-instances=1',
		'--max-instances=5',
		'--port=8000',
		'--service-account=api-runtime@p-123456.iam.gserviceaccount.com',
		'--no-allow-unauthenticated',
		'--quiet',
		'--project=p-123456',
		'--configuration=mldw-p-123456',
	]);
	assert.ok(deployService({...deploy, public: true}, {project: 'p-123456'}).includes('--allow-unauthenticated'));
	assert.equal(deployService({...deploy, public: true}, {project: 'p-123456'}).at(-1), '--project=p-123456');
});

test('a scheduler job carries an OIDC token only for a private service; the schedule is one argument', () => {
	const job = {name: 'api-job-1', region: 'europe-west1', schedule: '15 * * * *', uri: 'https://api.run.app/update'};
	const scope = {project: 'p-123456'};
	assert.deepEqual(createJob(job, scope), [
		'gcloud',
		'scheduler',
		'jobs',
		'create',
		'http',
		'api-job-1',
		'--location=europe-west1',
		'--schedule=15 * * * *',
		'--time-zone=Etc/UTC',
		'--uri=https://api.run.app/update',
		'--http-method=GET',
		'--project=p-123456',
	]);
	const privateJob = updateJob({...job, oidcServiceAccount: 'd@p-123456.iam.gserviceaccount.com', audience: 'https://api.run.app'}, scope);
	assert.deepEqual(privateJob.slice(2, 6), ['jobs', 'update', 'http', 'api-job-1']);
	assert.ok(privateJob.includes('--oidc-service-account-email=d@p-123456.iam.gserviceaccount.com'));
	assert.ok(privateJob.includes('--oidc-token-audience=https://api.run.app'));
	assert.ok(createJob({...job, method: 'POST'}, scope).includes('--http-method=POST'), 'a POST entry is sent as POST');
});

test('names derived from the project', () => {
	assert.equal(serviceAccountEmail('ml-deployer', 'p-123456'), 'ml-deployer@p-123456.iam.gserviceaccount.com');
	assert.equal(imageName('us-central1', 'p-123456', 'repo', 'api'), 'us-central1-docker.pkg.dev/p-123456/repo/api');
	assert.deepEqual(enableServices('p-123456', ['run.googleapis.com']), ['gcloud', 'services', 'enable', 'run.googleapis.com', '--project=p-123456']);
});

test('settings reach the deploy as one --update-env-vars argument; a value with a comma switches to a delimiter found in no value', () => {
	assert.equal(dictArgument([['A', '1'], ['B', 'x y']]), 'A=1,B=x y');
	assert.equal(dictArgument([['A', '1,2'], ['B', '=b']]), '^@^A=1,2@B==b');
	assert.equal(dictArgument([['MAIL', 'me@x.org,you@y.org'], ['B', '2']]), '^|^MAIL=me@x.org,you@y.org|B=2');
	assert.equal(dictArgument([['A', ',@|~#+;:']]), '^@@^A=,@|~#+;:');
	const argv = deployService({...deploy, public: false, environment: [['LOG_LEVEL', 'info'], ['LABELS', 'a,b']], secrets: [['API_TOKEN', 'api-API_TOKEN']]}, {project: 'p-123456'});
	assert.deepEqual(argv.slice(13, 16), ['--update-env-vars=^@^LOG_LEVEL=info@LABELS=a,b', '--update-secrets=API_TOKEN=api-API_TOKEN:latest', '--quiet']);
	assert.ok(!deployService({...deploy, public: false, environment: [], secrets: []}, {project: 'p-123456'}).some(argument => argument.startsWith('--update-')), 'no empty flags');
});

test('secrets: created empty, each value added on standard input, readable by one account', () => {
	const scope = {project: 'p-123456'};
	assert.deepEqual(createSecret('api-API_TOKEN', scope), ['gcloud', 'secrets', 'create', 'api-API_TOKEN', '--replication-policy=automatic', '--project=p-123456']);
	assert.deepEqual(addSecretVersion('api-API_TOKEN', scope), ['gcloud', 'secrets', 'versions', 'add', 'api-API_TOKEN', '--data-file=-', '--project=p-123456']);
	assert.deepEqual(addSecretAccessor('api-API_TOKEN', 'serviceAccount:123-compute@developer.gserviceaccount.com', scope), [
		'gcloud',
		'secrets',
		'add-iam-policy-binding',
		'api-API_TOKEN',
		'--member=serviceAccount:123-compute@developer.gserviceaccount.com',
		'--role=roles/secretmanager.secretAccessor',
		'--condition=None',
		'--format=none',
		'--project=p-123456',
	]);
});

test('the deployer\'s commands run through impersonation, with the person\'s own login and no key', () => {
	const scope = {project: 'p-123456', impersonate: 'ml-deployer@p-123456.iam.gserviceaccount.com'};
	assert.deepEqual(listServices('europe-west1', scope), [
		'gcloud',
		'run',
		'services',
		'list',
		'--region=europe-west1',
		'--project=p-123456',
		'--impersonate-service-account=ml-deployer@p-123456.iam.gserviceaccount.com',
	]);
	assert.equal(deployService({...deploy, public: false}, scope).at(-1), '--impersonate-service-account=ml-deployer@p-123456.iam.gserviceaccount.com');
	assert.ok(!deployService({...deploy, public: false}, scope).some(argument => argument.startsWith('--configuration')));
});

test('grants name one resource each: the project only for deploying and scheduling', () => {
	const deployer = 'ml-deployer@p-123456.iam.gserviceaccount.com';
	assert.deepEqual(addProjectRole('p-123456', deployer, 'roles/run.admin'), [
		'gcloud',
		'projects',
		'add-iam-policy-binding',
		'p-123456',
		`--member=serviceAccount:${deployer}`,
		'--role=roles/run.admin',
		'--condition=None',
		'--format=none',
	]);
	assert.deepEqual(addRepositoryRole('ml-images', 'europe-west1', deployer, 'roles/artifactregistry.writer', 'p-123456'), [
		'gcloud',
		'artifacts',
		'repositories',
		'add-iam-policy-binding',
		'ml-images',
		'--location=europe-west1',
		`--member=serviceAccount:${deployer}`,
		'--role=roles/artifactregistry.writer',
		'--format=none',
		'--project=p-123456',
	]);
	assert.deepEqual(addServiceAccountRole('api-runtime@p-123456.iam.gserviceaccount.com', iamMember('me@example.com'), 'roles/iam.serviceAccountUser', 'p-123456'), [
		'gcloud',
		'iam',
		'service-accounts',
		'add-iam-policy-binding',
		'api-runtime@p-123456.iam.gserviceaccount.com',
		'--member=user:me@example.com',
		'--role=roles/iam.serviceAccountUser',
		'--format=none',
		'--project=p-123456',
	]);
	assert.equal(iamMember('ci@other-project.iam.gserviceaccount.com'), 'serviceAccount:ci@other-project.iam.gserviceaccount.com', 'a CI login is a service account');
});
