import assert from 'node:assert/strict';
import path from 'node:path';
import {test} from 'node:test';
import type {Answers, PlanContext} from '../../../source/core/step.js';
import {cloudRunDeployStep} from '../../../source/providers/cloud-run/cloud-run-deploy-step.js';
import {cloudRunProvider} from '../../../source/providers/cloud-run/cloud-run-provider.js';
import {deployerAuth, schedulerJobName, serviceAccountName} from '../../../source/providers/cloud-run/cloud-run-names.js';
import {schedulerStep} from '../../../source/providers/cloud-run/scheduler-step.js';
import {serviceAccountStep} from '../../../source/providers/cloud-run/service-account-step.js';
import {herokuConfigVarsStep} from '../../../source/providers/heroku/heroku-config-vars-step.js';
import {herokuProvider} from '../../../source/providers/heroku/heroku-provider.js';
import {secretManagerStep} from '../../../source/providers/cloud-run/secret-manager-step.js';
import {settingsStep} from '../../../source/providers/settings-step.js';
import {herokuSchedulerStep} from '../../../source/providers/heroku/heroku-scheduler-step.js';

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

test('the settings step comes right after the files step; on Cloud Run the secrets are stored before the deploy', () => {
	for (const provider of [cloudRunProvider, herokuProvider]) {
		assert.equal(provider.steps[2], settingsStep, `${provider.id}: settings third`);
	}

	const ids = cloudRunProvider.steps.map(step => step.id);
	assert.equal(ids.indexOf('secret-manager') + 1, ids.indexOf('cloud-run-deploy'));
	assert.deepEqual(herokuConfigVarsStep.inputs, [], 'the settings step asks; the config vars step only delivers');
});

test('Heroku: one config:set with HOST 0.0.0.0, secrets masked; DATABASE_URL left to the Postgres add-on only when there is one', async () => {
	const settings = {herokuApp: 'my-app', appSettings: '{"DATABASE_URL":"postgres://db.example/app","HOST":"127.0.0.1"}', 'secret:API_TOKEN': 't0k'};
	const [set, skipped, delivered] = await herokuConfigVarsStep.plan(context(settings));
	assert.deepEqual(set, {
		kind: 'run-local',
		label: 'Set HOST, your settings and your secrets',
		argv: ['heroku', 'config:set', 'HOST=0.0.0.0', 'DATABASE_URL=postgres://db.example/app', 'API_TOKEN=t0k', '--app=my-app'],
		secretValues: ['t0k'],
	});
	assert.deepEqual(skipped, {kind: 'instruct', label: 'Settings not delivered', text: 'Left out: HOST (always 0.0.0.0 on Heroku).'});
	assert.deepEqual(delivered, {kind: 'instruct', label: 'Settings your app now has (values never shown)', factName: 'deliveredSettings', text: 'HOST DATABASE_URL API_TOKEN'});
	const [withPostgres] = await herokuConfigVarsStep.plan(context({...settings, herokuPostgres: true}));
	assert.deepEqual(withPostgres?.kind === 'run-local' ? withPostgres.argv : [], ['heroku', 'config:set', 'HOST=0.0.0.0', 'API_TOKEN=t0k', '--app=my-app']);
});

test('Cloud Run: each secret\'s value goes on standard input, never in argv, and only the service\'s runtime account may read it', async () => {
	assert.deepEqual(await secretManagerStep.plan(context()), [{kind: 'instruct', informational: true, label: 'No secrets', text: 'Your app has no secret settings, so nothing is kept in Secret Manager.'}]);
	const withSecret = context({'secret:API_TOKEN': 't0k,en'});
	const actions = await secretManagerStep.plan({...withSecret, dryRun: false});
	assert.deepEqual(actions.map(action => action.kind), ['ensure', 'run-local', 'run-local', 'instruct']);
	const store = actions[1]!;
	assert.ok(store.kind === 'run-local' && store.input === 't0k,en' && store.secretValues?.includes('t0k,en'));
	const argvs = actions.flatMap(action => (action.kind === 'run-local' ? [action.argv] : action.kind === 'ensure' ? [action.check, action.create ?? []] : []));
	assert.ok(argvs.every(argv => !argv.join(' ').includes('t0k')), 'no value in any argv');
	const grant = actions[2]!;
	assert.ok(grant.kind === 'run-local' && grant.argv.includes('--member=serviceAccount:api-runtime@p-123456.iam.gserviceaccount.com') && grant.argv.includes('api-API_TOKEN'));
	assert.equal(grant.label, 'Let the service\'s runtime account read this one secret, no other (roles/secretmanager.secretAccessor on api-API_TOKEN)');
	assert.deepEqual(grant.kind === 'run-local' ? grant.retry?.when : [], ['does not exist', 'or it may not exist'], 'the runtime account may be new');
	const deploy = (await cloudRunDeployStep.plan(withSecret)).find(action => action.label === 'Deploy the service');
	assert.ok(deploy?.kind === 'run-local' && deploy.argv.includes('--update-secrets=API_TOKEN=api-API_TOKEN:latest') && !deploy.argv.join(' ').includes('t0k'));
	assert.ok(deploy.argv.includes('--service-account=api-runtime@p-123456.iam.gserviceaccount.com'), 'the service runs as its own account, not the Compute Engine default');
});

test('a key path inside the project is refused, naming the field; without a key there is no key path to check', async () => {
	await assert.rejects(
		async () => serviceAccountStep.plan(context({gcpAuth: 'key', gcpKeyPath: '/home/me/project/secrets/key.json'})),
		/Key file: \/home\/me\/project\/secrets\/key\.json is inside your project/,
	);
	const actions = await serviceAccountStep.plan(context({gcpAuth: 'key', gcpKeyPath: '/home/me/.keys/key.json'}));
	assert.ok(actions.some(action => action.kind === 'run-local' && action.argv.join(' ') === 'chmod 600 /home/me/.keys/key.json'));
	assert.ok(!actions.some(action => action.kind === 'write-file' && action.path === path.join('/home/me/.keys', '.gitignore')), 'a folder of the person\'s own is left as it is');
	const impersonated = await serviceAccountStep.plan(context({gcpKeyPath: '/home/me/project/secrets/key.json', gcpAuth: 'impersonation'}));
	assert.ok(!impersonated.some(action => action.kind === 'write-file' || (action.kind === 'ensure' && action.what.startsWith('key file'))));
});

test('an earlier version\'s saved answers (a key path, no choice) keep the key; new ones act as the deployer', () => {
	assert.equal(deployerAuth({gcpKeyPath: '/home/me/.keys/key.json'}), 'key');
	assert.equal(deployerAuth({}), 'impersonation');
	assert.equal(deployerAuth({gcpKeyPath: '/k.json', gcpAuth: 'impersonation'}), 'impersonation');
	const field = serviceAccountStep.inputs.find(input => input.name === 'gcpKeyPath')!;
	assert.equal(field.when?.(context({gcpAuth: 'impersonation'})), false, 'no key path asked without a key');
	assert.equal(field.when?.(context({gcpAuth: 'key'})), true);
});

test('account names: the runtime and invoker accounts are named after the service, cut to 30 characters', () => {
	assert.equal(serviceAccountName('forecast-api', '-runtime'), 'forecast-api-runtime');
	assert.equal(serviceAccountName('a', '-invoker'), 'a-invoker', 'long enough: at least 6 characters');
	assert.equal(serviceAccountName('a-very-long-service-name-for-models', '-runtime'), 'a-very-long-service-na-runtime');
	assert.equal(serviceAccountName('a-very-long-service-n-for-models', '-invoker'), 'a-very-long-service-n-invoker', 'never a double hyphen');
	assert.ok(serviceAccountName('a-very-long-service-name-for-models', '-runtime').length <= 30);
});

test('minimum instances above maximum is refused before anything runs', async () => {
	await assert.rejects(async () => cloudRunDeployStep.plan(context({cloudRunMinInstances: 5, cloudRunMaxInstances: 2})), /Minimum instances \(5\) is above maximum instances \(2\)/);
});

test('each role is granted on the one thing it concerns, said in one line, and waits for IAM to know the new accounts', async () => {
	const actions = await serviceAccountStep.plan(context({}));
	const grants = actions.flatMap(action => (action.kind === 'run-local' && action.argv.some(argument => argument.startsWith('--role=')) ? [action] : []));
	assert.deepEqual(grants.map(action => action.label), [
		'Let the deployer deploy the service and say who may call it (roles/run.admin on the project)',
		'Let the deployer create and update the scheduler jobs (roles/cloudscheduler.admin on the project)',
		'Let the deployer push images to this one repository, no other (roles/artifactregistry.writer on ml-images)',
		'Let the deployer give this one account to the service or the jobs, no other account (roles/iam.serviceAccountUser on api-runtime)',
		'Let you act as the deployer with your own login: tokens that expire within the hour, no key file (roles/iam.serviceAccountTokenCreator on ml-deployer)',
	]);
	assert.ok(grants.every(action => action.retry?.seconds === 360));
	assert.ok(!grants.some(action => action.argv[1] === 'projects' && action.argv.includes('--role=roles/iam.serviceAccountUser')), 'never "act as any account" on the project');
	const check = actions.at(-1);
	assert.ok(check?.kind === 'check-local' && check.argv.includes('--impersonate-service-account=ml-deployer@p-123456.iam.gserviceaccount.com') && check.retry?.when.includes('Failed to impersonate'));
});

test('the scheduler steps read the one "cron" answer the files step asks for, so it is asked once', () => {
	for (const provider of [cloudRunProvider, herokuProvider]) {
		const files = provider.steps.find(step => step.id === 'files')!;
		const scheduler = provider.steps.find(step => step.id === schedulerStep.id || step.id === herokuSchedulerStep.id)!;
		assert.ok(files.inputs.some(field => field.name === 'cron'), `${provider.id} files step asks for cron`);
		assert.deepEqual(scheduler.inputs.map(field => field.name), ['cron'], `${provider.id} scheduler asks nothing else`);
		assert.equal(scheduler.inputs[0], files.inputs.find(field => field.name === 'cron'), 'the same field, the same validator');
	}
});

test('one scheduler job per cron entry, labelled with the call and its schedule in words', async () => {
	const actions = await schedulerStep.plan(context({cron: '15 * * * * GET /update-forecast; 0 3 * * * POST /retrain'}));
	assert.deepEqual(actions.map(action => action.label), [
		'Use or create the invoker account',
		'Let the deployer give this one account to the service or the jobs, no other account (roles/iam.serviceAccountUser on api-invoker)',
		'Let the invoker account call this one service, nothing else (roles/run.invoker on api)',
		'Create or update the scheduler job: GET /update-forecast at minute 15 of every hour',
		'Create or update the scheduler job: POST /retrain at 03:00 every day',
	]);
	assert.deepEqual(actions.flatMap(action => (action.kind === 'ensure' ? [action.what] : [])), ['service account api-invoker@p-123456.iam.gserviceaccount.com', 'Cloud Scheduler job api-job-1', 'Cloud Scheduler job api-job-2']);
});

test('no cron entries: no job and a sentence saying so; a hand-edited bad entry is refused by the same validator', async () => {
	for (const step of [schedulerStep, herokuSchedulerStep]) {
		const actions = await step.plan(context({cron: '', herokuApp: 'forecast-api-42'}));
		assert.equal(actions.length, 1);
		assert.equal(actions[0]!.kind, 'instruct');
		assert.match(actions[0]!.kind === 'instruct' ? actions[0]!.text : '', /^No scheduled calls were given, so no /);
		await assert.rejects(async () => step.plan(context({cron: '15 * * * /a', herokuApp: 'forecast-api-42'})), /^Error: Cron job: write the five schedule fields/);
	}
});

test('scheduler job names are derived from the service name and the entry number, and checked', () => {
	assert.equal(schedulerJobName('forecast-api', 0), 'forecast-api-job-1');
	assert.equal(schedulerJobName('forecast-api', 1), 'forecast-api-job-2');
	assert.throws(() => schedulerJobName('bad name', 0), /^Error: Service name: "bad name" does not make a valid Cloud Scheduler job name/);
});

test('a key file the person places in a shared folder touches only its own file; the wizard\'s own keys folder is made private', async () => {
	const touched = (actions: Awaited<ReturnType<typeof serviceAccountStep.plan>>) => actions.flatMap(action =>
		action.kind === 'write-file' ? [`write ${action.path}`] : action.kind === 'run-local' && action.argv[0] === 'chmod' ? [action.argv.join(' ')] : []);
	const shared = touched(await serviceAccountStep.plan(context({gcpAuth: 'key', gcpKeyPath: '/tmp/deployer.json'})));
	assert.deepEqual(shared, ['chmod 600 /tmp/deployer.json'], 'no chmod of /tmp, no .gitignore there (mkdir -p leaves an existing folder as it is)');
	const own = touched(await serviceAccountStep.plan(context({gcpAuth: 'key'})));
	assert.ok(own.some(line => /^write .*\/\.config\/ml-deploy-wizard\/keys\/\.gitignore$/.test(line)), own.join('\n'));
	assert.ok(own.some(line => /^chmod 700 .*\/\.config\/ml-deploy-wizard\/keys$/.test(line)), own.join('\n'));
});
