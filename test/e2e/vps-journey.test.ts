// The whole VPS journey, headless, as a person walks it: a fresh FastAPI project whose code is
// pushed to its git host (no Dockerfile, no compose file, a .env with the key the app reads at
// start-up), a server with nothing of the app on it, and at the end a trusted HTTPS endpoint.
// It runs inside a private network namespace (test/support/network-namespace.ts: run normally,
// this file re-runs itself there), so the standard ports are free and nothing leaves the machine.
// The parts, real and STAND-INS (docker, systemctl), are described in test/support/journey-world.ts.
import assert from 'node:assert/strict';
import {execFileSync, execSync} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {type CliRun, runDeployCli} from '../support/deploy-cli.js';
import {apiKey, journeyDomain as domain, journeyTest, type JourneyWorld, mainPy, modelToken, packagedCaddyfile} from '../support/journey-world.js';

let world: JourneyWorld;

function deploy(config: Record<string, unknown>): Promise<CliRun> {
	// The secret the config names in env.secrets comes from the environment, as in a CI job.
	return runDeployCli({config, work: world.work, home: world.laptop, project: world.project, flags: ['--yes'], env: {...world.environment, MODEL_TOKEN: modelToken}});
}

/** Every regular file below `directory` (the server's side excepted: its folders are elsewhere). */
function filesUnder(directory: string): string[] {
	return readdirSync(directory, {withFileTypes: true, recursive: true})
		.filter(entry => entry.isFile())
		.map(entry => path.join(entry.parentPath, entry.name));
}

/** The commands a stopped run told the person to run, as it printed them. */
function commandsToRun(stderr: string): string[] {
	const block = /Run in your project:\n((?: {2}.*\n)+)/.exec(stderr)?.[1] ?? '';
	return block.split('\n').filter(Boolean).map(line => line.trim());
}

journeyTest(import.meta.filename, 'headless: from a fresh project to a trusted HTTPS endpoint, with one git step the person performs, then a fix picked up on the re-run', async journeyWorld => {
	world = journeyWorld;
	const config: Record<string, any> = {
		provider: 'vps',
		domain,
		acme: {email: 'ada@example.test', ca: world.pebble.directoryUrl},
		app: {port: 8000, healthPath: '/health', samplePayload: 'samples/predict.json', predictPath: '/predict'},
		server: {host: '127.0.0.1', port: world.server.port, user: world.server.user, hostKey: world.server.fingerprint()},
		repo: {url: world.gitHost, branch: 'main'},
		env: {values: {LOG_LEVEL: 'info'}, secrets: ['MODEL_TOKEN']},
		cron: [{schedule: '15 * * * *', path: '/update-forecast'}],
	};

	// 1. The files are written; the repository lacks them, so the run stops before the server.
	const first = await deploy(config);
	assert.equal(first.code, 1, first.stdout + first.stderr);
	assert.match(first.stderr, /x Check that the repository holds what the server must build failed: The server builds what .*forecast-api\.git holds, and it does not have what you have here: Dockerfile, \.dockerignore, compose\.yaml, \.env\.example, Caddyfile, deploy\/crontab are not committed\. Nothing on the server was changed\./);
	assert.equal(world.server.acceptedLogins(), 0, 'no SSH login before the code is in place');
	const commands = commandsToRun(first.stderr);
	assert.deepEqual(commands.map(command => command.split(' ').slice(0, 2).join(' ')), ['git add', 'git commit', 'git push']);

	// The person adds the printed public key to the server and runs the printed git commands.
	world.server.authorize(readFileSync(path.join(world.laptop, '.ssh', 'id_mldw.pub'), 'utf8'));
	for (const command of commands) {
		execSync(command, {cwd: world.project, env: {...process.env, HOME: world.laptop}, stdio: 'ignore'});
	}

	// 2. The same command again: every layer passes, on a certificate pebble issued.
	const second = await deploy(config);
	assert.equal(second.code, 0, second.stdout + second.stderr);
	const head = world.git('rev-parse', 'HEAD');
	assert.match(second.stdout, new RegExp(`The server will build ${head.slice(0, 12)} "Add the deployment files \\(ml-deploy-wizard\\)" from main\\.`));
	assert.match(second.stdout, /check from here that the firewall lets ports 80, 443 of 127\.0\.0\.1 through\n {4}port 80: open\n {4}port 443: reachable, nothing listens yet \(connection refused\)\n/, 'a fresh server: nothing on 443 before the switch, and that is fine');
	const verify = second.stdout.slice(second.stdout.lastIndexOf('> Check the live endpoint'));
	for (const layer of ['DNS', 'TCP connect', 'TLS certificate', 'HTTP -> HTTPS', 'Health route', 'Sample prediction']) {
		assert.match(verify, new RegExp(`^ *${layer} +ok `, 'm'), `${layer} passes:\n${verify}`);
	}

	assert.match(verify, /issued by Pebble Intermediate CA/);
	assert.match(verify, /-> 301 https:\/\/api\.example\.test\//);

	assert.doesNotMatch(verify, /FAIL/);
	const health = await world.get(`https://${domain}/health`);
	assert.equal(health.status, 200);
	assert.deepEqual(JSON.parse(health.body), {status: 'ok', version: 1, keyLength: apiKey.length, tokenLength: modelToken.length}, 'both secrets arrived: the .env one and the env.secrets one');
	const redirect = await world.get(`http://${domain}/health`);
	assert.equal(redirect.status, 301);
	assert.equal(redirect.location, `https://${domain}/health`);

	// What the server holds: the checked commit, a 600 .env, an image without secrets.
	const appFolder = `${world.server.home}/apps/forecast-api`;
	assert.equal(world.server.runAsUser('git -C ~/apps/forecast-api rev-parse HEAD').trim(), head);
	assert.equal(world.server.runAsUser('stat -c %a ~/apps/forecast-api/.env').trim(), '600');
	assert.match(world.server.runAsUser('cat ~/apps/forecast-api/.env'), new RegExp(`^ENTSOE_API_KEY=${apiKey}\nLOG_LEVEL='info'\nMODEL_TOKEN='${modelToken}'\n$`));
	const image = world.docker.imageDirectory(`${appFolder}/compose.yaml`);
	assert.ok(existsSync(path.join(image, 'main.py')) && existsSync(path.join(image, 'models', 'model.joblib')), 'the image has the code and the model');
	assert.equal(existsSync(path.join(image, '.env')), false, 'no secret in the image');
	assert.match(execFileSync('crontab', ['-l', '-u', world.server.user]).toString(), /^15 \* \* \* \* .*curl .*http:\/\/127\.0\.0\.1:8000\/update-forecast/m);
	// The app's own site file carries the CA; the server's Caddyfile only gained an import.
	assert.match(readFileSync('/etc/caddy/sites/forecast-api.caddy', 'utf8'), new RegExp(`^\\t\\tca ${world.pebble.directoryUrl.replaceAll('.', '\\.')}$`, 'm'));
	assert.match(readFileSync(world.caddyfile, 'utf8'), /^:80 \{\n\troot \* \/usr\/share\/caddy\n\tfile_server\n\}\n[\s\S]*^import \/etc\/caddy\/sites\/\*\.caddy$/m);
	assert.equal(readFileSync(`${world.caddyfile}.mldw-original`, 'utf8'), packagedCaddyfile, 'the server\'s original Caddyfile, kept once');
	for (const secret of [apiKey, modelToken]) {
		assert.ok(!world.savedState().includes(secret), 'no secret in the progress file');
		assert.ok(!(second.stdout + second.stderr).includes(secret), 'no secret printed');
	}

	// Every file on the laptop (its home: keys, ssh config, the project and its git
	// history; the wizard's state): the typed secret nowhere, the .env one only in .env.
	const holders = (secret: string) => filesUnder(world.work).filter(file => readFileSync(file).includes(secret)).map(file => path.relative(world.work, file));
	assert.deepEqual(holders(modelToken), [], 'a secret from env.secrets is written to no local file');
	assert.deepEqual(holders(apiKey), ['laptop/forecast-api/.env'], 'the .env secret stays in .env');

	// 3. A fix: the person changes the app and commits; with repo.push the wizard pushes it.
	writeFileSync(path.join(world.project, 'main.py'), mainPy(2));
	world.git('commit', '--quiet', '-am', 'Version 2');
	const third = await deploy({...config, repo: {...config.repo, push: true}});
	assert.equal(third.code, 0, third.stdout + third.stderr);
	assert.match(third.stdout, /\$ git push origin HEAD:refs\/heads\/main\n/);
	assert.equal(JSON.parse((await world.get(`https://${domain}/health`)).body).version, 2, 'the fix is live');
	assert.equal(world.server.runAsUser('git -C ~/apps/forecast-api rev-parse HEAD').trim(), world.git('rev-parse', 'HEAD'));
});
