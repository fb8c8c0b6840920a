import assert from 'node:assert/strict';
import path from 'node:path';
import {test} from 'node:test';
import type {Answers, PlanContext} from '../../../source/core/step.js';
import {cloudRunDeployStep} from '../../../source/providers/cloud-run/cloud-run-deploy-step.js';
import {cloudRunProvider} from '../../../source/providers/cloud-run/cloud-run-provider.js';
import {serviceAccountStep} from '../../../source/providers/cloud-run/service-account-step.js';
import {herokuProvider} from '../../../source/providers/heroku/heroku-provider.js';

const answers: Answers = {
	appPort: 8080,
	gcpProject: 'p-123456',
	gcpRegion: 'europe-west1',
	cloudRunService: 'api',
	gcpServiceAccount: 'ml-deployer',
	cloudRunMemory: '512Mi',
	cloudRunCpu: '1',
	cloudRunMinInstances: 0,
	cloudRunMaxInstances: 3,
	cloudRunPublic: false,
};

function context(extra: Answers = {}): PlanContext {
	return {answers: {...answers, ...extra}, facts: {}, projectDirectory: '/home/me/project', dryRun: true};
}

test('both providers keep app and files first and the shared verify last', () => {
	for (const provider of [cloudRunProvider, herokuProvider]) {
		const ids = provider.steps.map(step => step.id);
		assert.deepEqual(ids.slice(0, 2), ['app', 'files']);
		assert.equal(ids.at(-1), 'verify');
		assert.ok(provider.steps.slice(2, -1).every(step => step.available), `${provider.id} steps are all available`);
	}
});

test('a key path inside the project is refused, naming the field', async () => {
	await assert.rejects(
		async () => serviceAccountStep.plan(context({gcpKeyPath: '/home/me/project/secrets/key.json'})),
		/Key file: \/home\/me\/project\/secrets\/key\.json is inside your project/,
	);
	const actions = await serviceAccountStep.plan(context({gcpKeyPath: '/home/me/.keys/key.json'}));
	assert.ok(actions.some(action => action.kind === 'run-local' && action.argv.join(' ') === 'chmod 600 /home/me/.keys/key.json'));
	assert.ok(actions.some(action => action.kind === 'write-file' && action.path === path.join('/home/me/.keys', '.gitignore')));
});

test('minimum instances above maximum is refused before anything runs', async () => {
	await assert.rejects(async () => cloudRunDeployStep.plan(context({cloudRunMinInstances: 5, cloudRunMaxInstances: 2})), /Minimum instances \(5\) is above maximum instances \(2\)/);
});

test('the deployment account holds exactly the roles deployment needs', async () => {
	const actions = await serviceAccountStep.plan(context({gcpKeyPath: '/home/me/.keys/key.json'}));
	const roles = actions.flatMap(action => (action.kind === 'run-local' ? action.argv.filter(argument => argument.startsWith('--role=')) : []));
	assert.deepEqual(roles, ['--role=roles/run.admin', '--role=roles/iam.serviceAccountUser', '--role=roles/artifactregistry.writer', '--role=roles/cloudscheduler.admin']);
});
