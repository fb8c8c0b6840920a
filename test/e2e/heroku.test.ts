// Heroku end to end, headless, through the real local handlers. heroku and docker are
// STAND-INS (test/support/stand-in.ts) that record argv and answer like the real CLIs. The
// web URL the stand-in reports is served on loopback (real dnsmasq + Caddy, see
// test/support/loopback-endpoint.ts), so the final live check runs for real, locally.
import assert from 'node:assert/strict';
import path from 'node:path';
import process from 'node:process';
import {after, before, test} from 'node:test';
import {platformArguments} from '../../source/commands/docker-local.js';
import type {Answers} from '../../source/core/step.js';
import {herokuConfigToAnswers, herokuFieldNames} from '../../source/providers/heroku/heroku-config.js';
import {herokuProvider} from '../../source/providers/heroku/heroku-provider.js';
import {herokuTeardownSteps} from '../../source/providers/heroku/heroku-teardown.js';
import {type LoopbackEndpoint, startLoopbackEndpoint} from '../support/loopback-endpoint.js';
import {createStandIn, type StandInReply} from '../support/stand-in.js';
import {prependPath, runHeadless, temporaryDirectory, useLiveChecks} from './cloud-run-support.js';

const app = 'forecast-api-42';
const image = `registry.heroku.com/${app}/web`;
/** What the stand-in heroku reports as the web URL: https://forecast-api-42.test:PORT, on loopback. */
let webUrl = '';
let endpoint: LoopbackEndpoint | undefined;
const secret = 's3cr3t value $HOME';
const note = "two words; $(touch /tmp/pwned) `x` 'q'";

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

function setUp(extraHeroku: StandInReply[] = [], cron = '10 * * * * /update-forecast') {
	const directory = temporaryDirectory('mldw-heroku-project-');
	const bin = temporaryDirectory('mldw-heroku-bin-');
	const notFound = (words: string[]): StandInReply => ({whenArgsStartWith: words, stderr: ' ▸    Couldn\'t find that app.\n', exitCode: 1, times: 1});
	const heroku = createStandIn(bin, 'heroku', [
		...extraHeroku,
		{whenArgsStartWith: ['auth:whoami'], stdout: 'me@example.com\n'},
		notFound(['apps:info', `--app=${app}`]),
		notFound(['addons:info', 'DATABASE']),
		notFound(['addons:info', 'SCHEDULER']),
		{whenArgsStartWith: ['apps:info', '--shell'], stdout: `name=${app}\nweb_url=${webUrl}/\n`},
		// Like the real CLI, config:set prints the values it set: the wizard must mask secrets.
		{whenArgsStartWith: ['config:set', `API_TOKEN=${secret}`], stdout: `Setting API_TOKEN and restarting ⬢ ${app}... done, v5\nAPI_TOKEN: ${secret}\n`},
	]);
	const docker = createStandIn(bin, 'docker', [{whenArgsStartWith: ['info'], stdout: '27.3.1\n'}]);
	restorers.push(prependPath(bin));
	return {directory, heroku, docker, answers: answersFor(cron)};
}

/** What `deploy --config` gives: the heroku section mapped to answers, the secret from the environment. */
function answersFor(cron: string): Answers {
	const mapped = herokuConfigToAnswers(
		{app, postgres: true, account: 'me@example.com', config: {MODEL_PATH: 'models/my model.onnx', NOTE: note}, secrets: ['API_TOKEN']},
		{API_TOKEN: secret},
	);
	assert.deepEqual(mapped.errors, []);
	return {appPort: '5000', healthPath: '/health', cron, ...mapped.answers};
}

const firstRunHerokuCalls = [
	['--version'],
	['auth:whoami'],
	['container:login'],
	['apps:info', `--app=${app}`],
	['apps:create', app, '--stack=container'],
	['addons:info', 'DATABASE', `--app=${app}`],
	['addons:create', 'heroku-postgresql:essential-0', `--app=${app}`, '--wait'],
	['config:set', 'HOST=0.0.0.0', 'MODEL_PATH=models/my model.onnx', `NOTE=${note}`, `--app=${app}`],
	['config:set', `API_TOKEN=${secret}`, `--app=${app}`],
	['container:release', 'web', `--app=${app}`],
	['logs', '--num=50', `--app=${app}`],
	['apps:info', '--shell', `--app=${app}`],
	['addons:info', 'SCHEDULER', `--app=${app}`],
	['addons:create', 'scheduler:standard', `--app=${app}`],
];

const dockerCalls = [['--version'], ['info', '--format={{.ServerVersion}}'], ['build', ...platformArguments(process.arch), '--tag', image, '.'], ['push', image]];

const isCreate = (call: string[]) => call[0] === 'apps:create' || call[0] === 'addons:create';

test('first run: exact commands, values with spaces and shell characters as single arguments, secrets never shown or saved; a re-run creates nothing twice', async () => {
	const setup = setUp();
	const first = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: setup.answers});
	assert.equal(first.exitCode, 0, first.errors.join('\n'));
	assert.deepEqual(setup.heroku.calls(), firstRunHerokuCalls);
	assert.deepEqual(setup.docker.calls(), dockerCalls);

	const shown = first.lines.join('\n');
	assert.ok(!shown.includes('s3cr3t'), 'the secret is masked in the preview and in the streamed output');
	assert.ok(shown.includes(`  run: heroku config:set 'API_TOKEN=***' --app=${app}`));
	assert.ok(shown.includes('API_TOKEN: ***'));
	assert.ok(first.saved.every(snapshot => !snapshot.includes('s3cr3t')), 'the secret is never saved');
	assert.equal('herokuSecretVars' in first.progress.answers, false);
	assert.equal(first.progress.steps['heroku-release']?.facts.publicUrl, webUrl);
	assert.ok(shown.includes(`pick "Every hour at :10", enter this command and save:\npython -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=300)" '${webUrl}/update-forecast'`), shown);
	assert.equal(first.progress.steps['heroku-release']?.facts.logsCommand, `heroku logs --num=50 --app=${app}`);
	// The live check ran for real against the loopback endpoint and its report is saved.
	const verification = first.progress.steps.verify?.facts.verification as {ok: boolean; layers: Array<{layer: string; ok: boolean}>};
	assert.equal(first.progress.steps.verify?.status, 'done');
	assert.deepEqual(verification.layers.map(layer => [layer.layer, layer.ok]), [['dns', true], ['tcp', true], ['tls', true], ['health', true]]);

	const before = setup.heroku.calls().length;
	const second = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: answersFor('10 * * * * /update-forecast'), progress: first.progress});
	assert.equal(second.exitCode, 0, second.errors.join('\n'));
	assert.deepEqual(setup.heroku.calls().slice(before), firstRunHerokuCalls.filter(call => !isCreate(call)), 'app, Postgres and Scheduler are reused');
	assert.match(second.lines.join('\n'), /Heroku app forecast-api-42 already exists: reused\./);
});

test('a failed release shows the command, exit code and last lines; the re-run plans the step afresh (a fix is built in) and creates nothing twice', async () => {
	const setup = setUp([{whenArgsStartWith: ['container:release'], stderr: ' ▸    Expected response to be successful, got 404\n', exitCode: 1, times: 1}]);
	const failed = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: setup.answers});
	assert.equal(failed.exitCode, 1);
	assert.ok(failed.lines.includes(`  run: heroku container:release web --app=${app}`));
	assert.match(failed.errors.join('\n'), /x Release it as the web process failed: heroku exited with code 1\.\n {4} ▸ {4}Expected response to be successful, got 404/);
	assert.equal(failed.progress.steps['heroku-release']?.completedActions, 2);

	const dockerBefore = setup.docker.calls().length;
	const resumed = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: answersFor('10 * * * * /update-forecast'), progress: failed.progress});
	assert.equal(resumed.exitCode, 0, resumed.errors.join('\n'));
	assert.deepEqual(
		setup.docker.calls().slice(dockerBefore).map(call => call[0]),
		['--version', 'info', 'build', 'push'],
		'the release step runs from its start: whatever changed since is built and pushed',
	);
	assert.deepEqual(
		setup.heroku.calls().filter(call => isCreate(call)).map(call => call.slice(0, 2)),
		[['apps:create', app], ['addons:create', 'heroku-postgresql:essential-0'], ['addons:create', 'scheduler:standard']],
		'each thing created exactly once across both runs',
	);
	assert.equal(setup.heroku.calls().filter(call => call[0] === 'container:release').length, 2);
});

test('not logged in: the step fails with `heroku login` as the next step', async () => {
	const setup = setUp([{whenArgsStartWith: ['auth:whoami'], stderr: ' ▸    Invalid credentials provided.\n', exitCode: 100, times: 1}]);
	const failed = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: setup.answers});
	assert.equal(failed.exitCode, 1);
	assert.match(failed.errors.join('\n'), /The Heroku CLI is not logged in as me@example\.com\.[\s\S]*Invalid credentials provided\.[\s\S]*Next: Run `heroku login`/);
	assert.deepEqual(setup.heroku.calls(), [['--version'], ['auth:whoami']]);

	const resumed = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: answersFor('10 * * * * /update-forecast'), progress: failed.progress});
	assert.equal(resumed.exitCode, 0, resumed.errors.join('\n'));
	assert.deepEqual(setup.heroku.calls().slice(2, 5), [['--version'], ['auth:whoami'], ['container:login']], 'the check runs again from its start');
});

test('--dry-run prints every command with secrets masked and runs none; an odd schedule explains a clock process', async () => {
	const setup = setUp([], '7 * * * * /update-forecast');
	const dry = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: setup.answers, dryRun: true});
	assert.equal(dry.exitCode, 0, dry.errors.join('\n'));
	assert.deepEqual(setup.heroku.calls(), []);
	assert.deepEqual(setup.docker.calls(), []);
	const text = dry.lines.join('\n');
	for (const line of [
		`  ensure Heroku app ${app}:`,
		`    if missing: heroku apps:create ${app} --stack=container`,
		`  run: heroku config:set HOST=0.0.0.0 'MODEL_PATH=models/my model.onnx' 'NOTE=two words; $(touch /tmp/pwned) \`x\` '\\''q'\\''' --app=${app}`,
		`  run: heroku config:set 'API_TOKEN=***' --app=${app}`,
		`  run: heroku container:release web --app=${app}`,
		'  you do: Heroku Scheduler cannot run "7 * * * *"',
	]) {
		assert.ok(text.includes(line), `dry run shows: ${line}\n---\n${text}`);
	}

	assert.ok(!text.includes('s3cr3t'));
	assert.doesNotMatch(text, /scheduler:standard/, 'no Scheduler add-on when a clock process is needed');
});

test('each scheduled call gets its own answer: the exact job to enter when Scheduler can run it, a clock process when not', async () => {
	const setup = setUp([], '0 3 * * * POST /retrain; 7 * * * * /update-forecast; */10 * * * * /ping');
	const dry = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: setup.answers, dryRun: true});
	assert.equal(dry.exitCode, 0, dry.errors.join('\n'));
	const text = dry.lines.join('\n');
	assert.equal(text.match(/ensure Scheduler add-on of forecast-api-42:/g)?.length, 1, 'the add-on is added once for all jobs');
	assert.ok(text.includes(`pick "Every day at 03:00 UTC", enter this command and save:\npython -c "import sys, urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=b'', method='POST'), timeout=300)" 'https://${app}-URL.herokuapp.com/retrain'`));
	assert.ok(text.includes('  you do: Heroku Scheduler cannot run "7 * * * *"'));
	assert.ok(text.includes(`pick "Every 10 minutes", enter this command and save:\npython -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=300)" 'https://${app}-URL.herokuapp.com/ping'`));
	assert.deepEqual(setup.heroku.calls(), []);
});

test('no scheduled calls: no Scheduler add-on, and the wizard says so', async () => {
	const setup = setUp([], '');
	const deployed = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: setup.answers});
	assert.equal(deployed.exitCode, 0, deployed.errors.join('\n'));
	assert.deepEqual(setup.heroku.calls(), firstRunHerokuCalls.filter(call => !call.includes('SCHEDULER') && !call.includes('scheduler:standard')));
	assert.match(deployed.lines.join('\n'), /you do: No scheduled calls were given, so no Scheduler job is needed\./);
});

test('a missing secret or a bad app name is reported under the config field name, and nothing runs', async () => {
	const mapped = herokuConfigToAnswers({app, postgres: false, secrets: ['API_TOKEN']}, {});
	assert.deepEqual(mapped.errors, ['heroku.secrets: API_TOKEN is not set in the environment. Run it as API_TOKEN=... ml-deploy-wizard deploy ..., or export it first.']);

	const setup = setUp();
	const result = await runHeadless(herokuProvider.steps, {
		directory: setup.directory,
		answers: {...setup.answers, herokuApp: 'My_App'},
		fieldName: name => herokuFieldNames[name] ?? name,
	});
	assert.equal(result.exitCode, 2);
	assert.match(result.errors[0]!, /^heroku\.app: App name: 3 to 30 lower-case letters/);
	assert.deepEqual(setup.heroku.calls(), []);
});

test('teardown asks for the app name and destroys the app once', async () => {
	const setup = setUp();
	const deployed = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: setup.answers});
	assert.equal(deployed.exitCode, 0, deployed.errors.join('\n'));
	const before = setup.heroku.calls().length;

	const wrong = await runHeadless(herokuTeardownSteps(app), {directory: setup.directory, answers: {teardownConfirm: 'yes'}, progress: deployed.progress});
	assert.equal(wrong.exitCode, 2);
	assert.equal(setup.heroku.calls().length, before);

	const removed = await runHeadless(herokuTeardownSteps(app), {directory: setup.directory, answers: {teardownConfirm: app}, progress: deployed.progress});
	assert.equal(removed.exitCode, 0, removed.errors.join('\n'));
	assert.deepEqual(setup.heroku.calls().slice(before), [['apps:info', `--app=${app}`], ['apps:destroy', `--app=${app}`, `--confirm=${app}`]]);

	setup.heroku.setReplies([{whenArgsStartWith: ['apps:info'], stderr: ' ▸    Couldn\'t find that app.\n', exitCode: 1}]);
	const again = await runHeadless(herokuTeardownSteps(app), {directory: setup.directory, answers: {teardownConfirm: app}, progress: removed.progress});
	assert.equal(again.exitCode, 0);
	assert.equal(setup.heroku.calls().filter(call => call[0] === 'apps:destroy').length, 1);
	assert.ok(path.isAbsolute(setup.directory));
});

test('a broken app (500 on /health) fails the live check at the health layer, with `heroku logs` as the next step', async t => {
	const setup = setUp();
	endpoint!.setHealthy(false);
	t.after(() => endpoint!.setHealthy(true));
	const failed = await runHeadless(herokuProvider.steps, {directory: setup.directory, answers: setup.answers});
	assert.equal(failed.exitCode, 1);
	assert.equal(failed.progress.steps.verify?.status, 'failed');
	const errors = failed.errors.join('\n');
	assert.match(errors, /layer by layer failed: HEALTH failed/);
	assert.ok(errors.includes(`heroku logs --num=50 --app=${app}`), errors);
	const verification = failed.progress.steps.verify?.facts.verification as {ok: boolean; layers: Array<{layer: string; ok: boolean}>};
	assert.deepEqual(verification.layers.filter(layer => !layer.ok).map(layer => layer.layer), ['health']);
});
