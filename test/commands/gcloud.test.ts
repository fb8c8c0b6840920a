import assert from 'node:assert/strict';
import {test} from 'node:test';
import {createJob, deployService, enableServices, imageName, serviceAccountEmail, updateJob} from '../../source/commands/gcloud.js';

const deploy = {
	service: 'api',
	image: 'europe-west1-docker.pkg.dev/p-123456/repo/api:latest',
	region: 'europe-west1',
	memory: '1Gi',
	cpu: '2',
	minInstances: 1,
	maxInstances: 5,
	port: 8000,
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
