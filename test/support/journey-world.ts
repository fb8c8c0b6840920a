// The world a VPS journey walks through, for the tests and the benchmark that run inside a
// private network namespace (test/support/network-namespace.ts): a person's laptop with a
// fresh FastAPI project whose code (not its deployment files) is pushed to a git host, and a
// server with nothing of the app on it yet.
// Real: sshd, sudo, git (a bare repository is the git host), crontab, dnsmasq on :53
// answering the domain, pebble (Let's Encrypt's ACME test server) issuing the certificate
// after validating against the server's real Caddy on :80/:443, Debian's python running the app.
// STAND-INS (no Docker engine and no systemd here): docker (docker-stand-in.ts: refuses a
// missing compose file, env_file or Dockerfile, builds through .dockerignore, runs the
// Dockerfile's own command with the env_file's values) and systemctl (systemctl-caddy.ts:
// starts and reloads the real Caddy).
import {execFileSync} from 'node:child_process';
import {Resolver} from 'node:dns/promises';
import {chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type {LookupFunction} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {createDockerStandIn, type DockerStandIn} from './docker-stand-in.js';
import {startDnsmasq} from './dnsmasq.js';
import {assertInsideNamespace, bindOver, insideNamespace, runFileInNamespace} from './network-namespace.js';
import {type Pebble, startPebble} from './pebble.js';
import {startTestSshServer, type TestSshServer} from './sshd.js';
import {createSystemctlCaddy, type SystemctlCaddy} from './systemctl-caddy.js';

export const journeyDomain = 'api.example.test';
/** A fresh server's Caddyfile: the welcome site on :80 that Debian's caddy package installs. */
export const packagedCaddyfile = '# The Caddyfile is an easy way to configure your Caddy web server.\n\n:80 {\n\troot * /usr/share/caddy\n\tfile_server\n}\n';
/** The key in the project's .env, and a second secret given another way (env.secrets, or typed). */
export const apiKey = 'entsoe-key-4a1f0c9e77';
export const modelToken = 'model-token-b7d21';

export function mainPy(version: number): string {
	return [
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
}

export type JourneyWorld = {
	work: string;
	/** The laptop's HOME: keys, ~/.ssh/config, .gitconfig. */
	laptop: string;
	project: string;
	gitHost: string;
	/** The server's Caddyfile: /etc/caddy/Caddyfile, a test folder mounted over the real one. */
	caddyfile: string;
	/** Pebble's issuing root: what the verifier trusts (MLDW_CA_FILE). */
	caFile: string;
	server: TestSshServer;
	pebble: Pebble;
	docker: DockerStandIn;
	systemctl: SystemctlCaddy;
	/** git in the project, as the person (HOME is the laptop). */
	git(...args: string[]): string;
	/** GET through the test DNS server, trusting pebble's root. */
	get(url: string): Promise<{status: number; location?: string; body: string}>;
	/** Everything the wizard saved, as text. */
	savedState(): string;
	/** What the verifier and the CLI need in their environment here. */
	environment: Record<string, string>;
	stop(): Promise<void>;
};

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

/** Starts every part; call inside a private network namespace (ports 53, 80 and 443). */
export async function createJourneyWorld(): Promise<JourneyWorld> {
	const work = mkdtempSync(path.join(tmpdir(), 'mldw-journey-'));
	chmodSync(work, 0o755);
	const laptop = path.join(work, 'laptop');
	mkdirSync(laptop);
	writeFileSync(path.join(laptop, '.gitconfig'), '[user]\n\tname = Ada Laptop\n\temail = ada@example.test\n');
	const stops: Array<() => unknown> = [() => rmSync(work, {recursive: true, force: true})];
	const stop = async () => {
		for (const step of stops.reverse()) {
			await step();
		}
	};

	try {
		const dns = await startDnsmasq({port: 53, records: [{name: journeyDomain, a: ['127.0.0.1']}], localDomains: [journeyDomain]});
		stops.push(() => dns.stop());
		const pebble = await startPebble();
		stops.push(() => pebble.stop());
		const caFile = path.join(work, 'pebble-root.pem');
		await pebble.writeIssuingRoot(caFile);

		const server = await startTestSshServer();
		stops.push(() => server.stop());
		const docker = createDockerStandIn(server.binDirectory);
		stops.push(() => docker.stopAll());
		// The server's /etc/caddy is a folder of this test's (in its own mount namespace), so the
		// wizard installs its Caddyfile where it does on any server, without a config field.
		const etcCaddy = path.join(work, 'server-etc-caddy');
		mkdirSync(etcCaddy);
		writeFileSync(path.join(etcCaddy, 'Caddyfile'), packagedCaddyfile);
		bindOver(etcCaddy, '/etc/caddy');
		stops.push(() => execFileSync('umount', ['/etc/caddy']));
		const caddyfile = '/etc/caddy/Caddyfile';
		const systemctl = createSystemctlCaddy({binDirectory: server.binDirectory, caddyfile, trustFile: pebble.endpointCaFile});
		stops.push(() => systemctl.stop());
		execFileSync(path.join(server.binDirectory, 'systemctl'), ['start', 'caddy']);

		// The git host: a bare repository that the server user may read.
		const gitHost = path.join(work, 'git-host', 'forecast-api.git');
		execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', gitHost]);
		server.runAsUser('git config --global --add safe.directory "*"');

		// The person's project: code and model pushed, a .env with the key, nothing for the deployment.
		const project = path.join(laptop, 'forecast-api');
		const git = (...args: string[]) => execFileSync('git', ['-C', project, ...args], {env: {...process.env, HOME: laptop}}).toString().trim();
		execFileSync('git', ['clone', '--quiet', gitHost, project], {stdio: 'ignore', env: {...process.env, HOME: laptop}});
		mkdirSync(path.join(project, 'models'));
		mkdirSync(path.join(project, 'samples'));
		writeFileSync(path.join(project, 'main.py'), mainPy(1));
		writeFileSync(path.join(project, 'requirements.txt'), 'fastapi==0.92.0\nuvicorn==0.17.6\nscikit-learn\njoblib\n');
		writeFileSync(path.join(project, 'samples', 'predict.json'), '{"values": [3]}\n');
		writeFileSync(path.join(project, '.gitignore'), '.env\n__pycache__/\n');
		writeFileSync(path.join(project, '.env'), `ENTSOE_API_KEY=${apiKey}\n`);
		execFileSync('/usr/bin/python3', ['-c', 'import joblib, sys; from sklearn.linear_model import LinearRegression; joblib.dump(LinearRegression().fit([[0], [1]], [0, 2]), sys.argv[1])', path.join(project, 'models', 'model.joblib')]);
		git('add', '.');
		git('commit', '--quiet', '-m', 'Forecast API');
		git('push', '--quiet', 'origin', 'main');

		const stateDirectory = path.join(work, 'state');
		return {
			work,
			laptop,
			project,
			gitHost,
			caddyfile,
			caFile,
			server,
			pebble,
			docker,
			systemctl,
			git,
			get(url) {
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
			},
			savedState() {
				return readdirSync(stateDirectory).map(name => readFileSync(path.join(stateDirectory, name), 'utf8')).join('\n');
			},
			// The verifier asks the test's DNS server and trusts pebble's issuing root.
			environment: {MLDW_DNS_SERVERS: '127.0.0.1:53', MLDW_CA_FILE: caFile, MLDW_STATE_DIR: stateDirectory},
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/**
 * A journey test: `body` walks a fresh world inside private network and mount namespaces.
 * Run normally, the test file runs itself again in them (as root) and this test waits for it.
 */
export function journeyTest(file: string, name: string, body: (world: JourneyWorld) => Promise<void>): void {
	if (!insideNamespace()) {
		test(`${name} (inside a private network namespace)`, {timeout: 300_000}, async () => {
			await runFileInNamespace(file, {timeoutMs: 290_000});
		});
		return;
	}

	let world: JourneyWorld | undefined;
	before(async () => {
		assertInsideNamespace();
		world = await createJourneyWorld();
	});
	after(async () => {
		await world?.stop();
	});
	test(name, {timeout: 240_000}, async () => body(world!));
}
