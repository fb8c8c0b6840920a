import assert from 'node:assert/strict';
import {test} from 'node:test';
import {answersForProvider, cronAnswer, parseDeployConfig, vpsAnswers} from '../../source/headless/deploy-config.js';

const example = {
	provider: 'vps',
	domain: 'api.example.com',
	app: {port: 8000, healthPath: '/health'},
	server: {host: '203.0.113.7', port: 22, user: 'deploy', identityFile: '~/.ssh/id_mldw', hostKey: 'SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s'},
	repo: {url: 'git@github.com:me/api.git', branch: 'main', deployKeyFile: '~/.ssh/id_mldw_deploy'},
	cron: [{schedule: '15 * * * *', path: '/update-forecast'}],
};

test('the README example parses and maps to the steps\' answers', () => {
	const parsed = parseDeployConfig(JSON.stringify(example));
	assert.ok('config' in parsed);
	const answers = vpsAnswers(parsed.config, true);
	assert.equal(answers.serverHost, '203.0.113.7');
	assert.equal(answers.hostKeyFingerprint, example.server.hostKey);
	assert.equal(answers.repoPrivate, true);
	assert.equal(answers.cron, '15 * * * * GET /update-forecast', 'the files step\'s and cron step\'s one answer');
	assert.equal(answers.installPackages, true);
});

test('errors name the JSON field', () => {
	const parsed = parseDeployConfig(JSON.stringify({...example, server: {...example.server, port: 0, hostKey: 'MD5:aa'}, cron: [{schedule: 'hourly', path: 'x'}], extra: 1}));
	assert.ok('problems' in parsed);
	const fields = parsed.problems.map(problem => problem.field).sort();
	assert.deepEqual(fields, ['(top level)', 'cron.0.path', 'cron.0.schedule', 'server.hostKey', 'server.port']);
	assert.ok('problems' in parseDeployConfig('{nope'));
	// The wizard's strict schedule check, with its message, and the optional method.
	const strict = parseDeployConfig(JSON.stringify({...example, cron: [{schedule: '15 * * * *', path: '/a', method: 'POST'}, {schedule: '61 * * * *', path: '/b', method: 'PUT'}]}));
	assert.ok('problems' in strict);
	assert.deepEqual(strict.problems.map(problem => `${problem.field}: ${problem.message}`), [
		'cron.1.schedule: Cron schedule: the minute field "61" is out of range; use 0 to 59.',
		'cron.1.method: use "GET" or "POST"',
	]);
	const post = parseDeployConfig(JSON.stringify({...example, cron: [{schedule: '0 3 * * 1', path: '/retrain', method: 'POST'}]}));
	assert.equal('config' in post ? vpsAnswers(post.config, false).cron : '', '0 3 * * 1 POST /retrain');
	const missing = parseDeployConfig('{"provider":"vps"}');
	assert.deepEqual('problems' in missing ? missing.problems.map(problem => problem.field) : [], ['server', 'repo']);
});

test('the cron list maps to the one scheduled-calls answer every provider reads', () => {
	assert.equal(cronAnswer([]), '');
	assert.equal(cronAnswer([{schedule: '15 * * * *', path: '/update-forecast'}, {schedule: '0 3 * * *', method: 'POST', path: '/retrain'}]), '15 * * * * /update-forecast; 0 3 * * * POST /retrain');
});

test('Cloud Run and Heroku configs map to their steps\' answers, with the shared app and cron fields', () => {
	const cloudRun = parseDeployConfig(JSON.stringify({
		provider: 'cloud-run',
		app: {port: 8080},
		cron: [{schedule: '15 * * * *', path: '/update-forecast'}],
		cloudRun: {project: 'forecast-api-4821', region: 'europe-west1', service: 'forecast-api', memory: '1Gi', maxInstances: 2},
	}));
	assert.ok('config' in cloudRun);
	const mapped = answersForProvider('cloud-run', cloudRun.config, true);
	assert.deepEqual(mapped?.answers, {
		appPort: '8080',
		samplePayload: '',
		cron: '15 * * * * GET /update-forecast',
		appSettings: '{}',
		gcpProject: 'forecast-api-4821',
		gcpRegion: 'europe-west1',
		cloudRunService: 'forecast-api',
		cloudRunPublic: 'no',
		cloudRunMemory: '1Gi',
		cloudRunMaxInstances: '2',
	});
	assert.equal(mapped?.fieldNames.gcpProject, 'cloudRun.project');
	assert.equal(mapped?.fieldNames.appPort, 'app.port');
	assert.equal(mapped?.fieldNames.cron, 'cron');

	const heroku = parseDeployConfig(JSON.stringify({provider: 'heroku', heroku: {app: 'forecast-api-42', secrets: ['API_TOKEN']}}));
	assert.ok('config' in heroku);
	const withSecret = answersForProvider('heroku', heroku.config, false, {API_TOKEN: 't'});
	assert.equal(withSecret?.answers.herokuApp, 'forecast-api-42');
	// The secret is given to the steps, never with the answers that are saved.
	assert.deepEqual(withSecret?.secretAnswers, {'secret:API_TOKEN': 't'});
	assert.ok(!JSON.stringify(withSecret?.answers).includes('"t"'));
	assert.equal(withSecret?.answers.cron, '');
	assert.deepEqual(withSecret?.problems, []);
	assert.match(answersForProvider('heroku', heroku.config, false, {})?.problems?.[0] ?? '', /^heroku\.secrets: API_TOKEN is not set/);
});

test('heroku.config and heroku.secrets join env: env.values wins on a name in both, and secrets stay out of the answers', () => {
	const parsed = parseDeployConfig(JSON.stringify({
		provider: 'heroku',
		env: {values: {LOG_LEVEL: 'debug'}, secrets: ['SENTRY_DSN']},
		heroku: {app: 'forecast-api-42', config: {LOG_LEVEL: 'info', MODEL_PATH: 'models/m.onnx'}, secrets: ['API_TOKEN', 'SENTRY_DSN']},
	}));
	assert.ok('config' in parsed);
	const mapped = answersForProvider('heroku', parsed.config, false, {API_TOKEN: 'tok', SENTRY_DSN: 'dsn'});
	assert.deepEqual(JSON.parse(String(mapped?.answers.appSettings)), {LOG_LEVEL: 'debug', MODEL_PATH: 'models/m.onnx'});
	assert.deepEqual(mapped?.secretAnswers, {'secret:API_TOKEN': 'tok', 'secret:SENTRY_DSN': 'dsn'});
	assert.equal('herokuConfigVars' in (mapped?.answers ?? {}), false);
	assert.equal('herokuSecretVars' in (mapped?.answers ?? {}), false);
	// Named as fields, so a progress file saved by an earlier version loses its herokuSecretVars.
	assert.equal(mapped?.fieldNames.herokuSecretVars, 'heroku.secrets');
	assert.deepEqual(answersForProvider('heroku', parsed.config, false, {})?.problems, [
		'env.secrets: SENTRY_DSN is not set in the environment. Run it as SENTRY_DSN=... ml-deploy-wizard deploy ..., or export it first.',
		'heroku.secrets: API_TOKEN is not set in the environment. Run it as API_TOKEN=... ml-deploy-wizard deploy ..., or export it first.',
	]);
	const badName = parseDeployConfig(JSON.stringify({provider: 'heroku', heroku: {app: 'forecast-api-42', config: {'MY-VAR': 'x'}}}));
	assert.deepEqual('problems' in badName ? badName.problems.map(problem => problem.field) : [], ['heroku.config.MY-VAR']);
});

test('a Cloud Run or Heroku config without its section says which section is missing', () => {
	for (const [provider, field] of [['cloud-run', 'cloudRun'], ['heroku', 'heroku']]) {
		const parsed = parseDeployConfig(JSON.stringify({provider}));
		assert.deepEqual('problems' in parsed ? parsed.problems.map(problem => problem.field) : [], [field]);
	}

	const unknown = parseDeployConfig(JSON.stringify({provider: 'heroku', heroku: {app: 'forecast-api-42', region: 'eu'}}));
	assert.deepEqual('problems' in unknown ? unknown.problems.map(problem => problem.field) : [], ['heroku']);
});

test('acme: the certificate authority and e-mail reach the answers; a bad one names acme.ca', () => {
	const staging = parseDeployConfig(JSON.stringify({...example, acme: {email: 'me@example.com', ca: 'staging'}}));
	assert.ok('config' in staging);
	const answers = vpsAnswers(staging.config, false);
	assert.equal(answers.acmeEmail, 'me@example.com');
	assert.equal(answers.acmeCa, 'https://acme-staging-v02.api.letsencrypt.org/directory');
	const local = parseDeployConfig(JSON.stringify({...example, acme: {ca: 'https://127.0.0.1:14000/dir'}}));
	assert.equal('config' in local ? vpsAnswers(local.config, false).acmeCa : '', 'https://127.0.0.1:14000/dir');
	const bad = parseDeployConfig(JSON.stringify({...example, acme: {ca: 'http://plain.example/dir', mail: 'x'}}));
	assert.ok('problems' in bad);
	assert.deepEqual(bad.problems.map(problem => problem.field).sort(), ['acme', 'acme.ca']);
	assert.match(bad.problems.find(problem => problem.field === 'acme.ca')?.message ?? '', /^Certificate authority: type production, staging, or an ACME directory URL/);
});

test('env: one shape for every provider; secret values come from the environment, apart from the answers that are saved', () => {
	const parsed = parseDeployConfig(JSON.stringify({...example, env: {values: {LOG_LEVEL: 'info'}, secrets: ['ENTSOE_API_KEY']}}));
	assert.ok('config' in parsed);
	const mapped = answersForProvider('vps', parsed.config, false, {ENTSOE_API_KEY: 'k-123'});
	assert.equal(mapped?.answers.appSettings, '{"LOG_LEVEL":"info"}');
	assert.deepEqual(mapped?.secretAnswers, {'secret:ENTSOE_API_KEY': 'k-123'});
	assert.ok(!JSON.stringify(mapped?.answers).includes('k-123'), 'the answers are saved with the progress: no secret there');
	assert.deepEqual(mapped?.problems, []);
	assert.match(answersForProvider('vps', parsed.config, false, {})?.problems?.[0] ?? '', /^env\.secrets: ENTSOE_API_KEY is not set in the environment\. Run it as ENTSOE_API_KEY=\.\.\. ml-deploy-wizard deploy/);
	assert.match(answersForProvider('vps', parsed.config, false, {ENTSOE_API_KEY: "it's"})?.problems?.[0] ?? '', /^env\.secrets: the value of ENTSOE_API_KEY must be one line, without '/);
	const bad = parseDeployConfig(JSON.stringify({...example, env: {values: {'LOG LEVEL': 'x', OK: 'a\nb'}, secrets: ['$(id)']}}));
	assert.ok('problems' in bad);
	assert.deepEqual(bad.problems.map(problem => problem.field).sort(), ['env.secrets.0', 'env.values.LOG LEVEL', 'env.values.OK']);
	const push = parseDeployConfig(JSON.stringify({...example, repo: {...example.repo, push: true}}));
	assert.equal('config' in push ? vpsAnswers(push.config, false).publishCode : undefined, true);
});

test('key paths outside the project only, and aliases ssh cannot take for options, are refused by field', () => {
	for (const [server, field, message] of [
		[{identityFile: 'keys/id_mldw'}, 'server.identityFile', /^Key file: give a path outside your project/],
		[{identityFile: '~/.ssh/id "x"'}, 'server.identityFile', /^Key file: a path with a double quote/],
		[{sshAlias: '-oProxyCommand=touch'}, 'server.sshAlias', /^SSH alias: .*not starting with -/],
	] as const) {
		const parsed = parseDeployConfig(JSON.stringify({...example, server: {...example.server, ...server}}));
		assert.ok('problems' in parsed, JSON.stringify(server));
		assert.deepEqual(parsed.problems.map(problem => problem.field), [field]);
		assert.match(parsed.problems[0]!.message, message);
	}

	const deployKey = parseDeployConfig(JSON.stringify({...example, repo: {...example.repo, deployKeyFile: 'deploy_key'}}));
	assert.deepEqual('problems' in deployKey ? deployKey.problems.map(problem => problem.field) : [], ['repo.deployKeyFile']);
});

test('app.port and app.healthPath default to what the wizard detects; "none" says the app has no health route', () => {
	const bare = parseDeployConfig(JSON.stringify({...example, app: undefined}));
	assert.ok('config' in bare);
	const answers = vpsAnswers(bare.config, false);
	assert.equal('appPort' in answers, false, 'left to the app step\'s detected default');
	assert.equal('healthPath' in answers, false);
	const none = parseDeployConfig(JSON.stringify({...example, app: {healthPath: 'none'}}));
	assert.equal('config' in none ? vpsAnswers(none.config, false).healthPath : '', 'none');
});
