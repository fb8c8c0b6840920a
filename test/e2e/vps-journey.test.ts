// The whole VPS journey, headless, as a person walks it: a fresh FastAPI project whose code is
// pushed to its git host (no Dockerfile, no compose file, a .env with the key the app reads at
// start-up), a server with nothing of the app on it, and at the end a trusted HTTPS endpoint.
// It runs inside a private network namespace (test/support/network-namespace.ts: run normally,
// this file re-runs itself there), so the standard ports are free and nothing leaves the machine.
// Real: sshd, git (a bare repository is the git host), sudo, crontab, dnsmasq on :53 answering
// the domain, pebble (Let's Encrypt's ACME test server) issuing the certificate after
// validating against the server's real Caddy on :80/:443, Debian's python running the app.
// STAND-INS (no Docker engine and no systemd here): docker (test/support/docker-stand-in.ts:
// refuses a missing compose file, env_file or Dockerfile, builds through .dockerignore, runs
// the Dockerfile's own command with the env_file's values) and systemctl
// (test/support/systemctl-caddy.ts: starts and reloads the real Caddy).
import assert from 'node:assert/strict';
import {execFileSync, execSync} from 'node:child_process';
import {Resolver} from 'node:dns/promises';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type {LookupFunction} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {type CliRun, runDeployCli} from '../support/deploy-cli.js';
import {createDockerStandIn, type DockerStandIn} from '../support/docker-stand-in.js';
import {type DnsmasqServer, startDnsmasq} from '../support/dnsmasq.js';
import {assertInsideNamespace, insideNamespace, runFileInNamespace} from '../support/network-namespace.js';
import {type Pebble, startPebble} from '../support/pebble.js';
import {startTestSshServer, type TestSshServer} from '../support/sshd.js';
import {createSystemctlCaddy, type SystemctlCaddy} from '../support/systemctl-caddy.js';

const domain = 'api.example.test';
const apiKey = 'entsoe-key-4a1f0c9e77';
const modelToken = 'model-token-b7d21';

const mainPy = (version: number) => [
	'import os',
	'',
	'import joblib',
	'from fastapi import FastAPI',
	'from pydantic import BaseModel',
	'',
	'# Read at start-up: without them the app does not start.',
	'API_KEY = os.environ["ENTSOE_API_KEY"]',
	'MODEL_TOKEN = os.environ["MODEL_TOKEN"]',
	'model = joblib.load("models/model.joblib")',
	'app = FastAPI()',
	'',
	'',
	'class Features(BaseModel):',
	'    values: list[float]',
	'',
	'',
	'@app.get("/health")',
	'def health():',
	`    return {"status": "ok", "version": ${version}, "keyLength": len(API_KEY), "tokenLength": len(MODEL_TOKEN)}`,
	'',
	'',
	'@app.post("/predict")',
	'def predict(features: Features):',
	'    return {"prediction": float(model.predict([features.values])[0])}',
	'',
	'',
	'@app.get("/update-forecast")',
	'def update_forecast():',
	'    return {"updated": True}',
	'',
].join('\n');

let work: string;
let laptop: string;
let project: string;
let gitHost: string;
let caddyfile: string;
let caFile: string;
let server: TestSshServer | undefined;
let dns: DnsmasqServer | undefined;
let pebble: Pebble | undefined;
let docker: DockerStandIn | undefined;
let systemctl: SystemctlCaddy | undefined;

/** Resolves through dnsmasq on 127.0.0.1:53, as the verifier does. */
const lookup: LookupFunction = (hostname, options, callback) => {
	const resolver = new Resolver({timeout: 1000, tries: 1});
	resolver.setServers(['127.0.0.1:53']);
	resolver.resolve4(hostname).then(addresses => {
		if (options.all) {
			(callback as (error: null, addresses: Array<{address: string; family: number}>) => void)(null, [{address: addresses[0]!, family: 4}]);
		} else {
			callback(null, addresses[0]!, 4);
		}
	}, (error: NodeJS.ErrnoException) => callback(error, '', 4));
};

function get(url: string): Promise<{status: number; location?: string; body: string}> {
	return new Promise((resolve, reject) => {
		const request = (url.startsWith('https:') ? https : http).get(url, {lookup, timeout: 5000, ca: readFileSync(caFile, 'utf8')}, response => {
			let body = '';
			response.on('data', (chunk: Buffer) => {
				body += chunk.toString();
			});
			response.on('end', () => resolve({status: response.statusCode ?? 0, location: response.headers.location, body}));
		});
		request.once('timeout', () => request.destroy(new Error(`${url} timed out`)));
		request.once('error', reject);
	});
}

const laptopGit = (...args: string[]) => execFileSync('git', ['-C', project, ...args], {env: {...process.env, HOME: laptop}}).toString().trim();

function deploy(config: Record<string, unknown>): Promise<CliRun> {
	return runDeployCli({
		config,
		work,
		home: laptop,
		project,
		flags: ['--yes'],
		// The verifier asks the test's DNS server and trusts pebble's issuing root; the secret
		// the config names in env.secrets comes from the environment, as in a CI job.
		env: {MLDW_DNS_SERVERS: '127.0.0.1:53', MLDW_CA_FILE: caFile, MODEL_TOKEN: modelToken},
	});
}

/** The commands a stopped run told the person to run, as it printed them. */
function commandsToRun(stderr: string): string[] {
	const block = /Run in your project:\n((?: {2}.*\n)+)/.exec(stderr)?.[1] ?? '';
	return block.split('\n').filter(Boolean).map(line => line.trim());
}

function savedState(): string {
	const state = path.join(work, 'state');
	return readdirSync(state).map(name => readFileSync(path.join(state, name), 'utf8')).join('\n');
}

if (insideNamespace()) {
	before(async () => {
		assertInsideNamespace();
		work = mkdtempSync(path.join(tmpdir(), 'mldw-journey-'));
		chmodSync(work, 0o755);
		laptop = path.join(work, 'laptop');
		mkdirSync(laptop);
		writeFileSync(path.join(laptop, '.gitconfig'), '[user]\n\tname = Ada Laptop\n\temail = ada@example.test\n');

		dns = await startDnsmasq({port: 53, records: [{name: domain, a: ['127.0.0.1']}], localDomains: [domain]});
		pebble = await startPebble();
		caFile = path.join(work, 'pebble-root.pem');
		await pebble.writeIssuingRoot(caFile);

		server = await startTestSshServer();
		docker = createDockerStandIn(server.binDirectory);
		caddyfile = path.join(work, 'server-etc-caddy', 'Caddyfile');
		mkdirSync(path.dirname(caddyfile), {recursive: true});
		// A fresh server with Caddy's default site on :80, as Debian's caddy package leaves it.
		writeFileSync(caddyfile, ':80 {\n\trespond "Caddy works!"\n}\n');
		systemctl = createSystemctlCaddy({binDirectory: server.binDirectory, caddyfile, trustFile: pebble.endpointCaFile});
		execFileSync(path.join(server.binDirectory, 'systemctl'), ['start', 'caddy']);

		// The git host: a bare repository (root's, as GitHub's is nobody's on the server).
		gitHost = path.join(work, 'git-host', 'forecast-api.git');
		execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', gitHost]);
		server.runAsUser('git config --global --add safe.directory "*"');

		// The person's project: code and model pushed, nothing for the deployment yet.
		project = path.join(laptop, 'forecast-api');
		execFileSync('git', ['clone', '--quiet', gitHost, project], {stdio: 'ignore', env: {...process.env, HOME: laptop}});
		mkdirSync(path.join(project, 'models'));
		mkdirSync(path.join(project, 'samples'));
		writeFileSync(path.join(project, 'main.py'), mainPy(1));
		writeFileSync(path.join(project, 'requirements.txt'), 'fastapi==0.92.0\nuvicorn==0.17.6\nscikit-learn\njoblib\n');
		writeFileSync(path.join(project, 'samples', 'predict.json'), '{"values": [3]}\n');
		writeFileSync(path.join(project, '.gitignore'), '.env\n__pycache__/\n');
		writeFileSync(path.join(project, '.env'), `ENTSOE_API_KEY=${apiKey}\n`);
		execFileSync('/usr/bin/python3', ['-c', 'import joblib, sys; from sklearn.linear_model import LinearRegression; joblib.dump(LinearRegression().fit([[0], [1]], [0, 2]), sys.argv[1])', path.join(project, 'models', 'model.joblib')]);
		laptopGit('add', '.');
		laptopGit('commit', '--quiet', '-m', 'Forecast API');
		laptopGit('push', '--quiet', 'origin', 'main');
	});

	after(async () => {
		await docker?.stopAll();
		await systemctl?.stop();
		server?.stop();
		await pebble?.stop();
		await dns?.stop();
		if (work) {
			rmSync(work, {recursive: true, force: true});
		}
	});

	test('headless: from a fresh project to a trusted HTTPS endpoint, with one git step the person performs, then a fix picked up on the re-run', {timeout: 240_000}, async () => {
		const config: Record<string, any> = {
			provider: 'vps',
			domain,
			acme: {email: 'ada@example.test', ca: pebble!.directoryUrl},
			app: {port: 8000, healthPath: '/health', samplePayload: 'samples/predict.json', predictPath: '/predict'},
			server: {host: '127.0.0.1', port: server!.port, user: server!.user, hostKey: server!.fingerprint(), caddyfile},
			repo: {url: gitHost, branch: 'main'},
			env: {values: {LOG_LEVEL: 'info'}, secrets: ['MODEL_TOKEN']},
			cron: [{schedule: '15 * * * *', path: '/update-forecast'}],
		};

		// 1. The files are written; the repository lacks them, so the run stops before the server.
		const first = await deploy(config);
		assert.equal(first.code, 1, first.stdout + first.stderr);
		assert.match(first.stderr, /x Check that the repository holds what the server must build failed: The server builds what .*forecast-api\.git holds, and it does not have what you have here: Dockerfile, \.dockerignore, compose\.yaml, \.env\.example, Caddyfile, deploy\/crontab are not committed\. Nothing on the server was changed\./);
		assert.equal(server!.acceptedLogins(), 0, 'no SSH login before the code is in place');
		const commands = commandsToRun(first.stderr);
		assert.deepEqual(commands.map(command => command.split(' ').slice(0, 2).join(' ')), ['git add', 'git commit', 'git push']);

		// The person adds the printed public key to the server and runs the printed git commands.
		server!.authorize(readFileSync(path.join(laptop, '.ssh', 'id_mldw.pub'), 'utf8'));
		for (const command of commands) {
			execSync(command, {cwd: project, env: {...process.env, HOME: laptop}, stdio: 'ignore'});
		}

		// 2. The same command again: every layer passes, on a certificate pebble issued.
		const second = await deploy(config);
		assert.equal(second.code, 0, second.stdout + second.stderr);
		const head = laptopGit('rev-parse', 'HEAD');
		assert.match(second.stdout, new RegExp(`The server will build ${head.slice(0, 12)} "Add the deployment files \\(ml-deploy-wizard\\)" from main\\.`));
		assert.match(second.stdout, /check from here that the firewall lets ports 80, 443 of 127\.0\.0\.1 through\n {4}port 80: open\n {4}port 443: reachable, nothing listens yet \(connection refused\)\n/, 'a fresh server: nothing on 443 before the switch, and that is fine');
		const verify = second.stdout.slice(second.stdout.lastIndexOf('> Check the live endpoint'));
		for (const layer of ['DNS', 'TCP connect', 'TLS certificate', 'HTTP -> HTTPS', 'Health route', 'Sample prediction']) {
			assert.match(verify, new RegExp(`^ *${layer} +ok `, 'm'), `${layer} passes:\n${verify}`);
		}

		assert.match(verify, /issued by Pebble Intermediate CA/);
		assert.match(verify, /-> 301 https:\/\/api\.example\.test\//);

		assert.doesNotMatch(verify, /FAIL/);
		const health = await get(`https://${domain}/health`);
		assert.equal(health.status, 200);
		assert.deepEqual(JSON.parse(health.body), {status: 'ok', version: 1, keyLength: apiKey.length, tokenLength: modelToken.length}, 'both secrets arrived: the .env one and the env.secrets one');
		const redirect = await get(`http://${domain}/health`);
		assert.equal(redirect.status, 301);
		assert.equal(redirect.location, `https://${domain}/health`);

		// What the server holds: the checked commit, a 600 .env, an image without secrets.
		const appFolder = `${server!.home}/apps/forecast-api`;
		assert.equal(server!.runAsUser('git -C ~/apps/forecast-api rev-parse HEAD').trim(), head);
		assert.equal(server!.runAsUser('stat -c %a ~/apps/forecast-api/.env').trim(), '600');
		assert.match(server!.runAsUser('cat ~/apps/forecast-api/.env'), new RegExp(`^ENTSOE_API_KEY=${apiKey}\nLOG_LEVEL='info'\nMODEL_TOKEN='${modelToken}'\n$`));
		const image = docker!.imageDirectory(`${appFolder}/compose.yaml`);
		assert.ok(existsSync(path.join(image, 'main.py')) && existsSync(path.join(image, 'models', 'model.joblib')), 'the image has the code and the model');
		assert.equal(existsSync(path.join(image, '.env')), false, 'no secret in the image');
		assert.match(execFileSync('crontab', ['-l', '-u', server!.user]).toString(), /^15 \* \* \* \* .*curl .*http:\/\/127\.0\.0\.1:8000\/update-forecast/m);
		assert.match(readFileSync(caddyfile, 'utf8'), new RegExp(`acme_ca ${pebble!.directoryUrl.replaceAll('.', '\\.')}`));
		for (const secret of [apiKey, modelToken]) {
			assert.ok(!savedState().includes(secret), 'no secret in the progress file');
			assert.ok(!(second.stdout + second.stderr).includes(secret), 'no secret printed');
		}

		// 3. A fix: the person changes the app and commits; with repo.push the wizard pushes it.
		writeFileSync(path.join(project, 'main.py'), mainPy(2));
		laptopGit('commit', '--quiet', '-am', 'Version 2');
		const third = await deploy({...config, repo: {...config.repo, push: true}});
		assert.equal(third.code, 0, third.stdout + third.stderr);
		assert.match(third.stdout, /\$ git push origin HEAD:refs\/heads\/main\n/);
		assert.equal(JSON.parse((await get(`https://${domain}/health`)).body).version, 2, 'the fix is live');
		assert.equal(server!.runAsUser('git -C ~/apps/forecast-api rev-parse HEAD').trim(), laptopGit('rev-parse', 'HEAD'));
	});
} else {
	test('the whole VPS journey, inside a private network namespace', {timeout: 300_000}, async () => {
		await runFileInNamespace(import.meta.filename, {timeoutMs: 290_000});
	});
}
