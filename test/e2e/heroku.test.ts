// Heroku end to end, headless, through the real local handlers. heroku and docker are
// STAND-INS (test/e2e/cloud-stand-ins/) that answer like a new Heroku account on a new Mac:
// an unverified account cannot create apps, retired Postgres plans are refused, and Heroku's
// registry refuses the OCI index and attestations Docker Desktop's containerd store makes by
// default. The web URL is served on loopback (real dnsmasq + Caddy, see
// test/support/loopback-endpoint.ts), so the final live check runs for real, locally.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {cpSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {after, before, test} from 'node:test';
import {buildAndPushImage} from '../../source/commands/docker-local.js';
import type {Answers} from '../../source/core/step.js';
import {runDeployCommand} from '../../source/headless/deploy-command.js';
import {answersForProvider, parseDeployConfig} from '../../source/headless/deploy-config.js';
import {herokuProvider} from '../../source/providers/heroku/heroku-provider.js';
import {herokuTeardownSteps} from '../../source/providers/heroku/heroku-teardown.js';
import {type LoopbackEndpoint, startLoopbackEndpoint} from '../support/loopback-endpoint.js';
import {callsStartingWith, prependPath, runHeadless, temporaryDirectory, useLiveChecks} from './cloud-run-support.js';
import {createCloudWorld, type WorldOptions} from './cloud-world.js';

const app = 'forecast-api-42';
const image = `registry.heroku.com/${app}/web`;
/** What the stand-in heroku reports as the web URL: https://forecast-api-42.test:PORT, on loopback. */
let webUrl = '';
let endpoint: LoopbackEndpoint | undefined;
// Three secrets from the three places they come from: heroku.secrets, env.secrets (both read
// from the environment) and the project's own .env.
const secret = 's3cr3t value $HOME';
const dsn = 'https://k3y@sentry.example/1,2';
const dotEnvKey = 'entsoe-d0tenv-0123';
const secretValues = [secret, dsn, dotEnvKey];
const secretEnvironment = {API_TOKEN: secret, SENTRY_DSN: dsn};
const note = "two words; $(touch /tmp/pwned) `x` 'q'";
// A laptop's .env: its HOST, PORT and local DATABASE_URL are not for Heroku.
const dotEnv = `ENTSOE_API_KEY=${dotEnvKey}\nHOST=127.0.0.1\nPORT=8000\nDATABASE_URL=postgres://localhost/dev\n`;

const restorers: Array<() => void> = [];
before(async () => {
	endpoint = await startLoopbackEndpoint([`${app}.test`]);
	webUrl = endpoint.url(`${app}.test`);
	useLiveChecks(endpoint.checks);
});

after(async () => {
	for (const restore of restorers) {
		restore();
	}

	useLiveChecks(undefined);
	await endpoint?.stop();
});

function setUp(options: WorldOptions = {}, cron = '10 * * * * /update-forecast') {
	const directory = temporaryDirectory('mldw-heroku-project-');
	writeFileSync(path.join(directory, '.env'), dotEnv);
	const world = createCloudWorld({webUrl, ...options});
	restorers.push(prependPath(world.bin));
	return {directory, world, ...answersFor(cron)};
}

/** The deploy config: settings and secrets both the old way (heroku.config/secrets) and the one way (env). */
function configFor(cron: string) {
	return {
		provider: 'heroku',
		// The fixture app has no route detection would call a health route: name the one it has.
		app: {port: 5000, healthPath: '/health'},
		cron: cron === '' ? [] : cron.split('; ').map(entry => {
			const fields = entry.split(' ');
			return {schedule: fields.slice(0, 5).join(' '), ...(fields.length === 7 ? {method: fields[5]} : {}), path: fields.at(-1)};
		}),
		env: {values: {LOG_LEVEL: 'info'}, secrets: ['SENTRY_DSN']},
		heroku: {app, postgres: true, account: 'me@example.com', config: {MODEL_PATH: 'models/my model.onnx', NOTE: note}, secrets: ['API_TOKEN']},
	};
}

/** What `deploy --config` gives the steps: the answers (saved) and the secrets from the environment (never saved). */
function answersFor(cron: string): {answers: Answers; secretAnswers: Answers} {
	const parsed = parseDeployConfig(JSON.stringify(configFor(cron)));
	assert.ok('config' in parsed, JSON.stringify(parsed));
	const mapped = answersForProvider('heroku', parsed.config, true, secretEnvironment)!;
	assert.deepEqual(mapped.problems, []);
	return {answers: mapped.answers, secretAnswers: mapped.secretAnswers};
}

const firstRunHerokuCalls = [
	['--version'],
	['auth:whoami'],
	['container:login'],
	['apps:info', `--app=${app}`],
	['apps:create', app, '--stack=container'],
	['addons:info', 'DATABASE', `--app=${app}`],
	['addons:create', 'heroku-postgresql:essential-0', `--app=${app}`, '--wait'],
	// One command, one release: HOST, the plain settings, then the secrets (.env, heroku.secrets, env.secrets).
	['config:set', 'HOST=0.0.0.0', 'MODEL_PATH=models/my model.onnx', `NOTE=${note}`, 'LOG_LEVEL=info', `ENTSOE_API_KEY=${dotEnvKey}`, `API_TOKEN=${secret}`, `SENTRY_DSN=${dsn}`, `--app=${app}`],
	['container:release', 'web', `--app=${app}`],
	['logs', '--num=50', `--app=${app}`],
	['apps:info', '--shell', `--app=${app}`],
	['addons:info', 'SCHEDULER', `--app=${app}`],
	['addons:create', 'scheduler:standard', `--app=${app}`],
];

const dockerCalls = [['--version'], ['info', '--format={{.ServerVersion}}'], ['buildx', 'version'], buildAndPushImage(image).slice(1)];

const isCreate = (call: string[]) => call[0] === 'apps:create' || call[0] === 'addons:create';

const maskedConfigSet = `heroku config:set HOST=0.0.0.0 'MODEL_PATH=models/my model.onnx' 'NOTE=two words; $(touch /tmp/pwned) \`x\` '\\''q'\\''' LOG_LEVEL=info 'ENTSOE_API_KEY=***' 'API_TOKEN=***' 'SENTRY_DSN=***' --app=${app}`;

function assertNoSecret(texts: readonly string[], where: string) {
	for (const text of texts) {
		for (const value of [...secretValues, 's3cr3t', 'k3y@sentry', 'd0tenv']) {
			assert.ok(!text.includes(value), `${where} holds a secret value:\n${text}`);
		}
	}
}

test('first run: exact commands, values with spaces and shell characters as single arguments, secrets never shown or saved; a re-run creates nothing twice', async () => {
	const setup = setUp();
	const first = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: setup.answers, secretAnswers: setup.secretAnswers});
	assert.equal(first.exitCode, 0, first.errors.join('\n'));
	assert.deepEqual(setup.world.calls('heroku'), firstRunHerokuCalls);
	assert.deepEqual(setup.world.calls('docker'), dockerCalls);

	const shown = first.lines.join('\n');
	assertNoSecret([...first.lines, ...first.errors], 'the printed output');
	assert.ok(shown.includes(`  run: ${maskedConfigSet}`), shown);
	assert.ok(shown.includes('API_TOKEN: ***\n'), 'what heroku printed is masked too');
	assert.ok(shown.includes('you do: Left out: HOST (always 0.0.0.0 on Heroku), PORT (Heroku sets it), DATABASE_URL (the Postgres add-on sets it).'), shown);
	assertNoSecret(first.saved, 'a saved progress snapshot');
	assert.equal(JSON.parse(String(first.progress.answers.appSettings)).NOTE, note, 'plain settings are saved, as given');
	assert.equal(first.progress.steps['heroku-config']?.facts.deliveredSettings, 'HOST MODEL_PATH NOTE LOG_LEVEL ENTSOE_API_KEY API_TOKEN SENTRY_DSN', 'names only');
	assert.equal(first.progress.steps['heroku-release']?.facts.publicUrl, webUrl);
	assert.ok(shown.includes(`pick "Every hour at :10", enter this command and save:\npython -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=300)" '${webUrl}/update-forecast'`), shown);
	assert.equal(first.progress.steps['heroku-release']?.facts.logsCommand, `heroku logs --num=50 --app=${app}`);
	// The live check ran for real against the loopback endpoint and its report is saved.
	const verification = first.progress.steps.verify?.facts.verification as {ok: boolean; layers: Array<{layer: string; ok: boolean}>};
	assert.equal(first.progress.steps.verify?.status, 'done');
	assert.deepEqual(verification.layers.map(layer => [layer.layer, layer.ok]), [['dns', true], ['tcp', true], ['tls', true], ['health', true]]);

	const before = setup.world.calls('heroku').length;
	const second = await runHeadless(herokuProvider.steps, {directory: setup.directory, ...answersFor('10 * * * * /update-forecast'), progress: first.progress});
	assert.equal(second.exitCode, 0, second.errors.join('\n'));
	assert.deepEqual(setup.world.calls('heroku').slice(before), firstRunHerokuCalls.filter(call => !isCreate(call)), 'app, Postgres and Scheduler are reused');
	assert.match(second.lines.join('\n'), /Heroku app forecast-api-42 already exists: reused\./);
});

test('a failed release shows the command, exit code and last lines; the re-run plans the step afresh (a fix is built in) and creates nothing twice', async () => {
	const setup = setUp({failOnce: [{program: 'heroku', argsStartWith: ['container:release'], stderr: ' ▸    Expected response to be successful, got 404\n'}]});
	const failed = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: setup.answers, secretAnswers: setup.secretAnswers});
	assert.equal(failed.exitCode, 1);
	assert.ok(failed.lines.includes(`  run: heroku container:release web --app=${app}`));
	assert.match(failed.errors.join('\n'), /x Release it as the web process failed: heroku exited with code 1\.\n {4} ▸ {4}Expected response to be successful, got 404/);
	assert.equal(failed.progress.steps['heroku-release']?.completedActions, 1);

	const dockerBefore = setup.world.calls('docker').length;
	const resumed = await runHeadless(herokuProvider.steps, {directory: setup.directory, ...answersFor('10 * * * * /update-forecast'), progress: failed.progress});
	assert.equal(resumed.exitCode, 0, resumed.errors.join('\n'));
	assert.deepEqual(
		setup.world.calls('docker').slice(dockerBefore).map(call => call[0]),
		['--version', 'info', 'buildx', 'buildx'],
		'the release step runs from its start: whatever changed since is built and pushed',
	);
	assert.deepEqual(
		setup.world.calls('heroku').filter(call => isCreate(call)).map(call => call.slice(0, 2)),
		[['apps:create', app], ['addons:create', 'heroku-postgresql:essential-0'], ['addons:create', 'scheduler:standard']],
		'each thing created exactly once across both runs',
	);
	assert.equal(setup.world.calls('heroku').filter(call => call[0] === 'container:release').length, 2);
});

test('not logged in: the step fails with `heroku login` as the next step', async () => {
	const setup = setUp({herokuAccount: ''});
	const failed = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: setup.answers, secretAnswers: setup.secretAnswers});
	assert.equal(failed.exitCode, 1);
	assert.match(failed.errors.join('\n'), /The Heroku CLI is not logged in as me@example\.com\.[\s\S]*Invalid credentials provided\.[\s\S]*Next: Run `heroku login`/);
	assert.deepEqual(setup.world.calls('heroku'), [['--version'], ['auth:whoami']]);
	setup.world.change(state => {
		state.heroku.account = 'me@example.com';
	});

	const resumed = await runHeadless(herokuProvider.steps, {directory: setup.directory, ...answersFor('10 * * * * /update-forecast'), progress: failed.progress});
	assert.equal(resumed.exitCode, 0, resumed.errors.join('\n'));
	assert.deepEqual(setup.world.calls('heroku').slice(2, 5), [['--version'], ['auth:whoami'], ['container:login']], 'the check runs again from its start');
});

test('--dry-run prints every command with secrets masked and runs none; an odd schedule explains a clock process', async () => {
	const setup = setUp({}, '7 * * * * /update-forecast');
	const dry = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: setup.answers, secretAnswers: setup.secretAnswers, dryRun: true});
	assert.equal(dry.exitCode, 0, dry.errors.join('\n'));
	assert.deepEqual(setup.world.calls('heroku'), []);
	assert.deepEqual(setup.world.calls('docker'), []);
	const text = dry.lines.join('\n');
	for (const line of [
		`  ensure Heroku app ${app}:`,
		`    if missing: heroku apps:create ${app} --stack=container`,
		`  run: ${maskedConfigSet}`,
		`  run: heroku container:release web --app=${app}`,
		'  you do: Heroku Scheduler cannot run "7 * * * *"',
	]) {
		assert.ok(text.includes(line), `dry run shows: ${line}\n---\n${text}`);
	}

	assertNoSecret([text], 'the dry run');
	assert.doesNotMatch(text, /scheduler:standard/, 'no Scheduler add-on when a clock process is needed');
});

test('each scheduled call gets its own answer: the exact job to enter when Scheduler can run it, a clock process when not', async () => {
	const setup = setUp({}, '0 3 * * * POST /retrain; 7 * * * * /update-forecast; */10 * * * * /ping');
	const dry = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: setup.answers, secretAnswers: setup.secretAnswers, dryRun: true});
	assert.equal(dry.exitCode, 0, dry.errors.join('\n'));
	const text = dry.lines.join('\n');
	assert.equal(text.match(/ensure Scheduler add-on of forecast-api-42:/g)?.length, 1, 'the add-on is added once for all jobs');
	assert.ok(text.includes(`pick "Every day at 03:00 UTC", enter this command and save:\npython -c "import sys, urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=b'', method='POST'), timeout=300)" 'https://${app}-URL.herokuapp.com/retrain'`));
	assert.ok(text.includes('  you do: Heroku Scheduler cannot run "7 * * * *"'));
	assert.ok(text.includes(`pick "Every 10 minutes", enter this command and save:\npython -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=300)" 'https://${app}-URL.herokuapp.com/ping'`));
	assert.deepEqual(setup.world.calls('heroku'), []);
});

test('no scheduled calls: no Scheduler add-on, and the wizard says so', async () => {
	const setup = setUp({}, '');
	const deployed = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: setup.answers, secretAnswers: setup.secretAnswers});
	assert.equal(deployed.exitCode, 0, deployed.errors.join('\n'));
	assert.deepEqual(setup.world.calls('heroku'), firstRunHerokuCalls.filter(call => !call.includes('SCHEDULER') && !call.includes('scheduler:standard')));
	assert.match(deployed.lines.join('\n'), /you do: No scheduled calls were given, so no Scheduler job is needed\./);
});

test('a missing secret or a bad app name is reported under the config field name, and nothing runs', async () => {
	const parsed = parseDeployConfig(JSON.stringify({provider: 'heroku', heroku: {app, secrets: ['API_TOKEN']}}));
	assert.ok('config' in parsed);
	assert.deepEqual(answersForProvider('heroku', parsed.config, true, {})?.problems, ['heroku.secrets: API_TOKEN is not set in the environment. Run it as API_TOKEN=... ml-deploy-wizard deploy ..., or export it first.']);

	const setup = setUp();
	const result = await runHeadless(herokuProvider.steps, {
		directory: setup.directory,
		answers: {...setup.answers, herokuApp: 'My_App'},
		secretAnswers: setup.secretAnswers,
		fieldName: name => answersForProvider('heroku', parsed.config, true, secretEnvironment)?.fieldNames[name] ?? name,
	});
	assert.equal(result.exitCode, 2);
	assert.match(result.errors[0]!, /^heroku\.app: App name: 3 to 30 lower-case letters/);
	assert.deepEqual(setup.world.calls('heroku'), []);
});

test('teardown asks for the app name and destroys the app once', async () => {
	const setup = setUp();
	const deployed = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: setup.answers, secretAnswers: setup.secretAnswers});
	assert.equal(deployed.exitCode, 0, deployed.errors.join('\n'));
	const before = setup.world.calls('heroku').length;

	const wrong = await runHeadless(herokuTeardownSteps(app), {directory: setup.directory, answers: {teardownConfirm: 'yes'}, progress: deployed.progress});
	assert.equal(wrong.exitCode, 2);
	assert.equal(setup.world.calls('heroku').length, before);

	const removed = await runHeadless(herokuTeardownSteps(app), {directory: setup.directory, answers: {teardownConfirm: app}, progress: deployed.progress});
	assert.equal(removed.exitCode, 0, removed.errors.join('\n'));
	assert.deepEqual(setup.world.calls('heroku').slice(before), [['apps:info', `--app=${app}`], ['apps:destroy', `--app=${app}`, `--confirm=${app}`]]);

	const again = await runHeadless(herokuTeardownSteps(app), {directory: setup.directory, answers: {teardownConfirm: app}, progress: removed.progress});
	assert.equal(again.exitCode, 0);
	assert.equal(setup.world.calls('heroku').filter(call => call[0] === 'apps:destroy').length, 1);
	assert.ok(path.isAbsolute(setup.directory));
});

test('a broken app (500 on /health) fails the live check at the health layer, with `heroku logs` as the next step', async t => {
	const setup = setUp();
	endpoint!.setHealthy(false);
	t.after(() => endpoint!.setHealthy(true));
	const failed = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: setup.answers, secretAnswers: setup.secretAnswers});
	assert.equal(failed.exitCode, 1);
	assert.equal(failed.progress.steps.verify?.status, 'failed');
	const errors = failed.errors.join('\n');
	assert.match(errors, /layer by layer failed: HEALTH failed/);
	assert.ok(errors.includes(`heroku logs --num=50 --app=${app}`), errors);
	const verification = failed.progress.steps.verify?.facts.verification as {ok: boolean; layers: Array<{layer: string; ok: boolean}>};
	assert.deepEqual(verification.layers.filter(layer => !layer.ok).map(layer => layer.layer), ['health']);
});

test('deploy --config with heroku.secrets, in process: the secrets reach heroku, never the progress file on disk or the printed output', async () => {
	const setup = setUp();
	const work = temporaryDirectory('mldw-heroku-config-');
	const configPath = path.join(work, 'deploy.json');
	writeFileSync(configPath, JSON.stringify(configFor('10 * * * * /update-forecast')));
	const stateDirectory = path.join(work, 'state');
	const deploy = async () => {
		const printed: string[] = [];
		const saved = {log: console.log, error: console.error};
		const environment = {...secretEnvironment, ...endpoint!.environment};
		const previous = Object.fromEntries(Object.keys(environment).map(name => [name, process.env[name]]));
		Object.assign(process.env, environment);
		console.log = (line: string) => printed.push(String(line));
		console.error = (line: string) => printed.push(String(line));
		try {
			return {code: await runDeployCommand({values: {config: configPath, yes: true}, projectDirectory: setup.directory, stateDirectory}), printed};
		} finally {
			Object.assign(console, saved);
			for (const [name, value] of Object.entries(previous)) {
				if (value === undefined) {
					delete process.env[name];
				} else {
					process.env[name] = value;
				}
			}
		}
	};

	const filesOnDisk = () => readdirSync(stateDirectory, {recursive: true, encoding: 'utf8'})
		.map(file => path.join(stateDirectory, file))
		.filter(file => statSync(file).isFile());

	const first = await deploy();
	assert.equal(first.code, 0, first.printed.join('\n'));
	assert.deepEqual(callsStartingWith(setup.world.calls('heroku'), 'config:set'), [firstRunHerokuCalls.find(call => call[0] === 'config:set')], 'the secrets did reach heroku');
	assertNoSecret(first.printed, 'the printed output');
	const [progressFile, ...others] = filesOnDisk();
	assert.ok(progressFile, 'progress was saved');
	assert.deepEqual(others, [], 'one file, no copies');
	assertNoSecret([readFileSync(progressFile, 'utf8')], 'the progress file');
	type Saved = {progress: {answers: Answers; steps: Record<string, {facts: Record<string, unknown>}>}};
	const saved = JSON.parse(readFileSync(progressFile, 'utf8')) as Saved;
	assert.equal(saved.progress.steps['heroku-config']?.facts.deliveredSettings, 'HOST MODEL_PATH NOTE LOG_LEVEL ENTSOE_API_KEY API_TOKEN SENTRY_DSN');

	// A progress file from an earlier version held the secret values (herokuSecretVars): the next run drops them.
	saved.progress.answers.herokuSecretVars = JSON.stringify({API_TOKEN: 'old-leaked-value'});
	writeFileSync(progressFile, JSON.stringify(saved));
	const second = await deploy();
	assert.equal(second.code, 0, second.printed.join('\n'));
	const after = readFileSync(progressFile, 'utf8');
	assertNoSecret([after], 'the progress file after a second run');
	assert.ok(!after.includes('old-leaked-value') && !after.includes('herokuSecretVars'), after);
});

test('a secret the app needs is asked for until delivered once; the next run neither asks again nor changes it on Heroku', async () => {
	const setup = setUp({}, '');
	writeFileSync(path.join(setup.directory, 'main.py'), 'import os\nfrom fastapi import FastAPI\n\nWEATHER_KEY = os.environ["WEATHER_KEY"]\napp = FastAPI()\n');
	const missing = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: setup.answers, secretAnswers: setup.secretAnswers});
	assert.equal(missing.exitCode, 2);
	assert.match(missing.errors.join('\n'), /^secret:WEATHER_KEY: missing\. Your app reads WEATHER_KEY/m);
	assert.deepEqual(setup.world.calls('heroku'), []);

	const first = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: setup.answers, secretAnswers: {...setup.secretAnswers, 'secret:WEATHER_KEY': 'w3ather'}});
	assert.equal(first.exitCode, 0, first.errors.join('\n'));
	assert.ok(callsStartingWith(setup.world.calls('heroku'), 'config:set')[0]?.includes('WEATHER_KEY=w3ather'));
	assert.ok(first.saved.every(snapshot => !snapshot.includes('w3ather')));

	const second = await runHeadless(herokuProvider.steps, {directory: setup.directory, ...answersFor(''), progress: first.progress});
	assert.equal(second.exitCode, 0, second.errors.join('\n'));
	const [, again] = callsStartingWith(setup.world.calls('heroku'), 'config:set');
	assert.ok(again && !again.some(argument => argument.startsWith('WEATHER_KEY=')), 'not given this time: Heroku keeps the value it has');
	assert.match(second.progress.steps['heroku-config']?.facts.deliveredSettings as string, /\bWEATHER_KEY\b/, 'still counted as delivered');
});

test('an unverified account: apps:create is refused with Heroku\'s own words, the hint says how to verify, and after verifying the run carries on', async () => {
	const setup = setUp({herokuVerified: false});
	const failed = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: setup.answers, secretAnswers: setup.secretAnswers});
	assert.equal(failed.exitCode, 1);
	const errors = failed.errors.join('\n');
	assert.match(errors, /x Use or create the app failed: Could not ensure Heroku app forecast-api-42: `heroku apps:create forecast-api-42 --stack=container` exited with code 1\./);
	assert.match(errors, /To create an app, verify your account by adding payment information\. Verify now at https:\/\/heroku\.com\/verify/);
	assert.match(errors, /Next: If Heroku says to verify your account, add a payment method at https:\/\/heroku\.com\/verify: Heroku asks for one before it creates any app/);

	setup.world.change(state => {
		state.heroku.verified = true;
	});
	const resumed = await runHeadless(herokuProvider.steps, {directory: setup.directory, ...answersFor('10 * * * * /update-forecast'), progress: failed.progress});
	assert.equal(resumed.exitCode, 0, resumed.errors.join('\n'));
	assert.equal(setup.world.calls('heroku').filter(call => call[0] === 'apps:create').length, 2);
});

test('a retired Postgres plan is refused before anything runs; a plan Heroku does not offer gets Heroku\'s answer with the way to list plans', async () => {
	const retired = await runHeadless(herokuProvider.steps, {
		directory: setUp().directory,
		answers: {...answersFor('').answers, herokuPostgresPlan: 'hobby-dev'},
		fieldName: name => ({herokuPostgresPlan: 'heroku.postgresPlan'})[name] ?? name,
	});
	assert.equal(retired.exitCode, 2);
	assert.equal(retired.errors[0], 'heroku.postgresPlan: Postgres plan: Heroku no longer offers hobby-dev; essential-0 replaces it. See the current plans with `heroku addons:plans heroku-postgresql`.');

	const setup = setUp({}, '');
	const failed = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: {...setup.answers, herokuPostgresPlan: 'essential-9'}, secretAnswers: setup.secretAnswers});
	assert.equal(failed.exitCode, 1);
	const errors = failed.errors.join('\n');
	assert.match(errors, /Couldn't find either the add-on service or the add-on plan of "heroku-postgresql:essential-9"\./);
	assert.match(errors, /Next: If Heroku says the plan is not available or has reached end-of-life, see the current plans with `heroku addons:plans heroku-postgresql`/);
});

test('Heroku\'s registry (stand-in) refuses what Docker Desktop\'s containerd store makes by default, and takes the wizard\'s build', () => {
	const setup = setUp();
	setup.world.change(state => {
		state.heroku.registryLogin = true;
		state.heroku.apps[app] = {addons: [], config: {}, releases: 0};
	});
	writeFileSync(path.join(setup.directory, 'Dockerfile'), 'FROM python:3.12-slim\n');
	const docker = (...arguments_: string[]) => spawnSync(path.join(setup.world.bin, 'docker'), arguments_, {cwd: setup.directory, encoding: 'utf8'});
	// What the wizard used to do: a plain build (an OCI index with a provenance attestation) and push.
	assert.equal(docker('build', '--platform', 'linux/amd64', '--tag', image, '.').status, 0);
	const plain = docker('push', image);
	assert.equal(plain.status, 1);
	assert.match(plain.stderr, /^unsupported/);
	// buildx pushing straight from BuildKit, but with its default attestations: Heroku answers 405.
	const attested = docker('buildx', 'build', '--platform=linux/amd64', `--output=type=image,name=${image},push=true`, '.');
	assert.equal(attested.status, 1);
	assert.match(attested.stderr, /unexpected status from PUT request to https:\/\/registry\.heroku\.com\/v2\/forecast-api-42\/web\/manifests\/latest: 405 Method Not Allowed/);
	const noAttestations = docker('buildx', 'build', '--platform=linux/amd64', '--provenance=false', '--sbom=false', `--output=type=image,name=${image},push=true`, '.');
	assert.equal(noAttestations.status, 1, 'OCI media types are still refused');
	assert.deepEqual(setup.world.state().registry.heroku, {});
	// The wizard's: one linux/amd64 image, no attestations, Docker media types.
	const wizard = docker(...buildAndPushImage(image).slice(1));
	assert.equal(wizard.status, 0, wizard.stderr);
	assert.deepEqual(setup.world.state().registry.heroku[`${app}/web`], {platform: 'linux/amd64', attestations: false, oci: false, name: image, push: true});
	const noDockerfile = spawnSync(path.join(setup.world.bin, 'docker'), buildAndPushImage(image).slice(1), {cwd: temporaryDirectory('mldw-empty-'), encoding: 'utf8'});
	assert.match(noDockerfile.stderr, /failed to read dockerfile: open Dockerfile: no such file or directory/);
});

test('deploy/heroku.sh does what the wizard does: the same commands, against the same stand-ins, with .env read as data', async () => {
	// A .env with quotes, a comment, an export, a deploy setting and the names Heroku keeps for itself.
	const dotEnvForScript = [
		'HEROKU_APP=forecast-api-42',
		'ENTSOE_API_KEY="d0tenv \\"quoted\\" key"',
		"NOTE='it is $HOME, literally'",
		'export LOG_LEVEL=info # set by hand',
		'HOST=127.0.0.1',
		'PORT=8000',
		'EMPTY=',
		'DATABASE_URL=postgres://localhost/dev',
		'',
	].join('\n');
	const run = (world: ReturnType<typeof createCloudWorld>) => ({directory: temporaryDirectory('mldw-heroku-script-'), world});
	const wizardSide = run(createCloudWorld({webUrl}));
	writeFileSync(path.join(wizardSide.directory, '.env'), dotEnvForScript);
	writeFileSync(path.join(wizardSide.directory, 'main.py'), 'from flask import Flask\napp = Flask(__name__)\n');
	const restore = prependPath(wizardSide.world.bin);
	const answers: Answers = {serviceName: 'forecast-api-42', appPort: '5000', healthPath: '/health', herokuApp: app, postgres: 'yes', cron: '10 * * * * /update-forecast; 7 * * * * POST /retrain'};
	const wizard = await runHeadless(herokuProvider.steps, {directory: wizardSide.directory, answers});
	restore();
	assert.equal(wizard.exitCode, 0, wizard.errors.join('\n'));
	assert.equal(wizard.progress.answers.herokuPostgres, true, 'the files step\'s Postgres answer is the app step\'s default');

	const scriptSide = run(createCloudWorld({webUrl}));
	cpSync(wizardSide.directory, scriptSide.directory, {recursive: true});
	const script = path.join(scriptSide.directory, 'deploy/heroku.sh');
	const lint = spawnSync('shellcheck', ['--severity=style', script], {encoding: 'utf8'});
	assert.equal(lint.status, 0, lint.stdout);
	const result = spawnSync('bash', [script], {cwd: '/', encoding: 'utf8', env: {...process.env, PATH: scriptSide.world.path(true)}});
	assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);

	assert.deepEqual(scriptSide.world.calls('heroku'), wizardSide.world.calls('heroku'));
	assert.deepEqual(scriptSide.world.calls('docker'), wizardSide.world.calls('docker'));
	const config = wizardSide.world.state().heroku.apps[app]!.config;
	assert.deepEqual(scriptSide.world.state().heroku.apps[app]!.config, config);
	assert.deepEqual(config, {DATABASE_URL: 'postgres://stand-in@db.example/app', HOST: '0.0.0.0', ENTSOE_API_KEY: 'd0tenv "quoted" key', NOTE: 'it is $HOME, literally', LOG_LEVEL: 'info'});
	assert.ok(result.stdout.includes(`pick "Every hour at :10", enter this command and save:\npython -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=300)" '${webUrl}/update-forecast'`), result.stdout);
	assert.ok(result.stdout.includes('Heroku Scheduler cannot run "7 * * * *"'), result.stdout);
});
