// `ml-deploy-wizard deploy --config` and `teardown --config` for Cloud Run and Heroku through
// the real built CLI (dist/cli.js, made by `npm run build`, which `npm test` runs first).
// gcloud, heroku and docker are STAND-INS (test/e2e/cloud-world.ts) first on the child's
// PATH, answering like a fresh account whose IAM changes apply at once (the real CLI would
// really wait otherwise; cloud-run.test.ts covers the waiting). The URL they report is served on loopback by a real dnsmasq and
// Caddy (test/support/loopback-endpoint.ts), and the CLI is pointed at them with
// MLDW_DNS_SERVERS and MLDW_CA_FILE, so the final live check never leaves 127.0.0.0/8.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {type LoopbackEndpoint, startLoopbackEndpoint} from '../support/loopback-endpoint.js';
import {callsStartingWith, temporaryDirectory} from './cloud-run-support.js';
import {type CloudWorld, createCloudWorld} from './cloud-world.js';

const root = path.resolve(import.meta.dirname, '../..');
const cliPath = path.join(root, 'dist/cli.js');
const project = 'forecast-api-4821';
const region = 'europe-west1';
const app = 'forecast-api-42';

let endpoint: LoopbackEndpoint | undefined;
before(async () => {
	if (!existsSync(cliPath)) {
		throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
	}

	endpoint = await startLoopbackEndpoint(['forecast-api.test', `${app}.test`]);
});

after(async () => {
	await endpoint?.stop();
});

type Run = {code: number; stdout: string; stderr: string};

type SavedProgress = {provider: string; steps: Record<string, {status: string; facts: Record<string, unknown>}>};

type Setup = {
	work: string;
	projectDirectory: string;
	world: CloudWorld;
	cli(command: 'deploy' | 'teardown', config: unknown, flags: string[], environment?: Record<string, string>): Promise<Run>;
	/** The progress the CLI saved for the project, if any. */
	savedProgress(): SavedProgress | undefined;
	progress(): SavedProgress;
	/** Every file in the state directory, as text. */
	stateFiles(): string[];
};

/** Fresh folders and stand-ins, like a backend where nothing exists yet. */
function setUp(): Setup {
	const work = temporaryDirectory('mldw-cloud-cli-');
	const home = path.join(work, 'home');
	const projectDirectory = temporaryDirectory('mldw-cloud-cli-project-');
	const world = createCloudWorld({settle: 0, serviceUrl: endpoint!.url('forecast-api.test'), webUrl: endpoint!.url(`${app}.test`)});
	const stateDirectory = path.join(work, 'state');
	let counter = 0;
	return {
		work,
		projectDirectory,
		world,
		async cli(command, config, flags, environment = {}) {
			const configPath = path.join(work, `config-${++counter}.json`);
			writeFileSync(configPath, JSON.stringify(config));
			const child = spawn(process.execPath, [cliPath, command, '--config', configPath, '--dir', projectDirectory, ...flags], {
				cwd: work,
				env: {
					...process.env,
					PATH: world.path(),
					HOME: home,
					MLDW_STATE_DIR: stateDirectory,
					CI: 'true',
					...endpoint!.environment,
					...environment,
				},
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (chunk: Buffer) => {
				stdout += chunk.toString();
			});
			child.stderr.on('data', (chunk: Buffer) => {
				stderr += chunk.toString();
			});
			return new Promise(resolve => {
				child.on('close', code => resolve({code: code ?? -1, stdout, stderr}));
			});
		},
		savedProgress() {
			const files = existsSync(stateDirectory) ? readdirSync(stateDirectory, {recursive: true, encoding: 'utf8'}).filter(file => file.endsWith('.json')) : [];
			assert.ok(files.length <= 1, `at most one progress file: ${files.join(', ')}`);
			return files[0] ? (JSON.parse(readFileSync(path.join(stateDirectory, files[0]), 'utf8')) as {progress?: SavedProgress}).progress : undefined;
		},
		progress() {
			const saved = this.savedProgress();
			assert.ok(saved, 'progress was saved');
			return saved;
		},
		stateFiles() {
			return existsSync(stateDirectory)
				? readdirSync(stateDirectory, {recursive: true, encoding: 'utf8'}).map(file => path.join(stateDirectory, file)).filter(file => statSync(file).isFile()).map(file => readFileSync(file, 'utf8'))
				: [];
		},
	};
}

const cloudRunConfig = {
	provider: 'cloud-run',
	app: {port: 8080, healthPath: '/health'},
	cron: [{schedule: '15 * * * *', path: '/update-forecast'}],
	cloudRun: {project, region, service: 'forecast-api'},
};

const herokuConfig = {
	provider: 'heroku',
	app: {port: 5000, healthPath: '/health'},
	cron: [{schedule: '10 * * * *', path: '/update-forecast'}],
	heroku: {app, config: {MODEL_PATH: 'models/model.onnx'}, secrets: ['API_TOKEN']},
};

const run = (result: Run) => `exit ${result.code}\n${result.stdout}\n${result.stderr}`;

test('Cloud Run: --dry-run prints every command and runs none', async () => {
	const setup = setUp();
	const result = await setup.cli('deploy', cloudRunConfig, ['--yes', '--dry-run']);
	assert.equal(result.code, 0, run(result));
	for (const line of [
		`    if missing: gcloud projects create ${project}`,
		'  run: gcloud run deploy forecast-api',
		`--port=8080 --service-account=forecast-api-runtime@${project}.iam.gserviceaccount.com --no-allow-unauthenticated`,
		`--impersonate-service-account=ml-deployer@${project}.iam.gserviceaccount.com`,
		`'--schedule=15 * * * *' --time-zone=Etc/UTC --uri=https://forecast-api-URL.run.app/update-forecast --http-method=GET`,
		'  verify https://ADDRESS-FROM-THE-DEPLOY-STEP: DNS, TCP, TLS',
	]) {
		assert.ok(result.stdout.includes(line), `dry run shows: ${line}\n${run(result)}`);
	}

	assert.deepEqual(setup.world.calls('gcloud'), []);
	assert.deepEqual(setup.world.calls('docker'), []);
	assert.equal(setup.savedProgress(), undefined, 'a dry run saves nothing');
});

test('Cloud Run: a real run deploys, schedules and verifies the loopback endpoint; teardown needs the exact name', async () => {
	const setup = setUp();
	const result = await setup.cli('deploy', cloudRunConfig, ['--yes']);
	assert.equal(result.code, 0, run(result));
	assert.equal(callsStartingWith(setup.world.calls('gcloud'), 'run', 'deploy').length, 1);
	assert.deepEqual(callsStartingWith(setup.world.calls('gcloud'), 'scheduler', 'jobs', 'create').map(call => call.find(argument => argument.startsWith('--uri='))), [
		`--uri=${endpoint!.url('forecast-api.test')}/update-forecast`,
	]);
	const progress = setup.progress();
	assert.equal(progress.provider, 'cloud-run');
	assert.equal(progress.steps.verify?.status, 'done');
	assert.equal((progress.steps.verify?.facts.verification as {ok: boolean}).ok, true);
	assert.equal(progress.steps['cloud-run-deploy']?.facts.publicUrl, endpoint!.url('forecast-api.test'));

	const before = setup.world.calls('gcloud').length;
	const missing = await setup.cli('teardown', cloudRunConfig, []);
	assert.equal(missing.code, 2, run(missing));
	assert.match(missing.stderr, /--confirm: missing\. Teardown removes the service forecast-api for good; give --confirm forecast-api to go ahead\./);
	const wrong = await setup.cli('teardown', cloudRunConfig, ['--confirm', 'forecast']);
	assert.equal(wrong.code, 2, run(wrong));
	assert.match(wrong.stderr, /--confirm: "forecast" is not the service name\. Give --confirm forecast-api/);
	const dry = await setup.cli('teardown', cloudRunConfig, ['--confirm', 'forecast-api', '--dry-run']);
	assert.equal(dry.code, 0, run(dry));
	assert.ok(dry.stdout.includes(`    if present: gcloud run services delete forecast-api --region=${region} --quiet --project=${project}`), run(dry));
	assert.equal(setup.world.calls('gcloud').length, before, 'a wrong confirmation or a dry run runs nothing');

	const removed = await setup.cli('teardown', cloudRunConfig, ['--confirm', 'forecast-api']);
	assert.equal(removed.code, 0, run(removed));
	assert.deepEqual(
		setup.world.calls('gcloud').slice(before).filter(call => call.includes('delete')).map(call => call.slice(0, 3).join(' ')),
		['scheduler jobs delete', 'run services delete', 'artifacts docker images', 'iam service-accounts delete', 'iam service-accounts delete', 'iam service-accounts delete'],
	);
});

test('Cloud Run: env.values become environment variables, env.secrets and .env go to Secret Manager on standard input, and no value is saved or shown', async () => {
	const setup = setUp();
	writeFileSync(path.join(setup.projectDirectory, '.env'), 'ENTSOE_API_KEY=d0tenv-key\n');
	const config = {...cloudRunConfig, env: {values: {LOG_LEVEL: 'info'}, secrets: ['API_TOKEN']}};
	const missing = await setup.cli('deploy', config, ['--yes']);
	assert.equal(missing.code, 2, run(missing));
	assert.match(missing.stderr, /^env\.secrets: API_TOKEN is not set in the environment\./m);

	const result = await setup.cli('deploy', config, ['--yes'], {API_TOKEN: 't0ken-cr'});
	assert.equal(result.code, 0, run(result));
	const [deploy] = callsStartingWith(setup.world.calls('gcloud'), 'run', 'deploy');
	assert.ok(deploy?.includes('--update-env-vars=LOG_LEVEL=info'), JSON.stringify(deploy));
	assert.ok(deploy?.includes('--update-secrets=ENTSOE_API_KEY=forecast-api-ENTSOE_API_KEY:latest,API_TOKEN=forecast-api-API_TOKEN:latest'), JSON.stringify(deploy));
	const secrets = setup.world.state().gcloud.projects[project]!.secrets;
	assert.deepEqual(secrets['forecast-api-API_TOKEN']?.versions, ['t0ken-cr']);
	assert.deepEqual(secrets['forecast-api-ENTSOE_API_KEY']?.versions, ['d0tenv-key']);
	for (const value of ['t0ken-cr', 'd0tenv-key']) {
		assert.ok(!JSON.stringify(setup.world.calls('gcloud')).includes(value), 'never in an argv');
		assert.ok(!result.stdout.includes(value) && !result.stderr.includes(value), 'never shown');
		assert.ok(setup.stateFiles().every(text => !text.includes(value)), 'never saved');
	}

	assert.equal(setup.progress().steps['cloud-run-deploy']?.facts.deliveredSettings, 'LOG_LEVEL ENTSOE_API_KEY API_TOKEN');
});

test('Cloud Run: a bad config names the field and nothing runs', async () => {
	const setup = setUp();
	const badValue = await setup.cli('deploy', {...cloudRunConfig, cloudRun: {...cloudRunConfig.cloudRun, project: 'Bad_Project', memory: '3 GB'}}, ['--yes']);
	assert.equal(badValue.code, 2, run(badValue));
	assert.match(badValue.stderr, /^cloudRun\.project: Project id: /m);
	assert.match(badValue.stderr, /^cloudRun\.memory: Memory: /m);

	const badShape = await setup.cli('deploy', {...cloudRunConfig, app: {port: 'eighty'}, cron: [{schedule: 'hourly', path: '/x'}], cloudRun: {...cloudRunConfig.cloudRun, zone: 'b'}}, ['--yes']);
	assert.equal(badShape.code, 2, run(badShape));
	assert.match(badShape.stderr, /^app\.port: /m);
	assert.match(badShape.stderr, /^cron\.0\.schedule: Cron schedule: give exactly five fields/m);
	assert.match(badShape.stderr, /^cloudRun: Unrecognized key: "zone"/m);

	const noSection = await setup.cli('deploy', {provider: 'cloud-run'}, ['--yes']);
	assert.equal(noSection.code, 2, run(noSection));
	assert.match(noSection.stderr, /^cloudRun: required for provider "cloud-run"/m);

	const badName = await setup.cli('teardown', {...cloudRunConfig, cloudRun: {...cloudRunConfig.cloudRun, service: 'Forecast API'}}, ['--confirm', 'Forecast API']);
	assert.equal(badName.code, 2, run(badName));
	assert.match(badName.stderr, /^cloudRun\.service: /m);
	assert.deepEqual(setup.world.calls('gcloud'), []);
	assert.deepEqual(setup.world.calls('docker'), []);
});

test('Heroku: the secret comes from the environment, the run verifies the loopback endpoint, and teardown destroys the app', async () => {
	const setup = setUp();
	const noSecret = await setup.cli('deploy', herokuConfig, ['--yes']);
	assert.equal(noSecret.code, 2, run(noSecret));
	assert.match(noSecret.stderr, /^heroku\.secrets: API_TOKEN is not set in the environment\./m);
	const badApp = await setup.cli('deploy', {...herokuConfig, heroku: {...herokuConfig.heroku, app: 'My_App'}}, ['--yes'], {API_TOKEN: 't0ken'});
	assert.equal(badApp.code, 2, run(badApp));
	assert.match(badApp.stderr, /^heroku\.app: App name: /m);
	assert.deepEqual(setup.world.calls('heroku'), []);

	const dry = await setup.cli('deploy', herokuConfig, ['--yes', '--dry-run'], {API_TOKEN: 't0ken'});
	assert.equal(dry.code, 0, run(dry));
	assert.ok(dry.stdout.includes(`  run: heroku config:set HOST=0.0.0.0 MODEL_PATH=models/model.onnx 'API_TOKEN=***' --app=${app}`), run(dry));
	assert.ok(!dry.stdout.includes('t0ken'));
	assert.deepEqual(setup.world.calls('heroku'), []);

	const deployed = await setup.cli('deploy', herokuConfig, ['--yes'], {API_TOKEN: 't0ken'});
	assert.equal(deployed.code, 0, run(deployed));
	assert.ok(!deployed.stdout.includes('t0ken') && !deployed.stderr.includes('t0ken'));
	assert.deepEqual(callsStartingWith(setup.world.calls('heroku'), 'config:set').at(-1), ['config:set', 'HOST=0.0.0.0', 'MODEL_PATH=models/model.onnx', 'API_TOKEN=t0ken', `--app=${app}`]);
	// heroku.secrets are kept in memory only: not in the progress file (they once were).
	assert.ok(setup.stateFiles().every(text => !text.includes('t0ken')), setup.stateFiles().join('\n'));
	const progress = setup.progress();
	assert.equal(progress.steps.verify?.status, 'done');
	assert.equal(progress.steps['heroku-release']?.facts.logsCommand, `heroku logs --num=50 --app=${app}`);
	assert.equal(progress.steps['heroku-config']?.facts.deliveredSettings, 'HOST MODEL_PATH API_TOKEN');

	const removed = await setup.cli('teardown', herokuConfig, ['--confirm', app]);
	assert.equal(removed.code, 0, run(removed));
	assert.deepEqual(callsStartingWith(setup.world.calls('heroku'), 'apps:destroy'), [['apps:destroy', `--app=${app}`, `--confirm=${app}`]]);
});

test('VPS teardown says what to undo by hand and changes nothing', async () => {
	const setup = setUp();
	const result = await setup.cli('teardown', {provider: 'vps', server: {host: '203.0.113.7', user: 'deploy'}, repo: {url: 'git@github.com:me/forecast-api.git'}}, ['--confirm', 'x']);
	assert.equal(result.code, 2, run(result));
	assert.match(result.stderr, /Teardown for a VPS is not automated/);
	assert.ok(result.stderr.includes('cd ~/apps/forecast-api && docker compose down'), run(result));
	assert.ok(result.stderr.includes('"# BEGIN ml-deploy-wizard cron"'), run(result));
	assert.ok(result.stderr.includes('Caddyfile.mldw-backup'), run(result));
	assert.equal(setup.savedProgress(), undefined);
});
