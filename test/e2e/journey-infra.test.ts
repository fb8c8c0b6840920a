// The parts a deploy journey runs on, proven on their own, inside a private network namespace
// (test/support/network-namespace.ts: run normally, this file re-runs itself there), so the
// standard ports are free and nothing leaves the machine.
// Real: dnsmasq on 127.0.0.1:53 answering example.test, pebble (Let's Encrypt's test CA) on
// :14000, Caddy on :80 and :443 obtaining its certificate from pebble over ACME, Debian's
// python running a FastAPI app with uvicorn, node's TLS verification against pebble's root.
// STAND-INS: docker (test/support/docker-stand-in.ts: refuses what docker refuses, "builds"
// by copying the context through .dockerignore, "runs" the Dockerfile's own command) and
// systemctl (test/support/systemctl-caddy.ts: starts and reloads the real Caddy), because no
// Docker engine and no systemd run here.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {Resolver} from 'node:dns/promises';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type {LookupFunction} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import type {TLSSocket} from 'node:tls';
import {createDockerStandIn, type DockerStandIn} from '../support/docker-stand-in.js';
import {type DnsmasqServer, startDnsmasq} from '../support/dnsmasq.js';
import {assertInsideNamespace, insideNamespace, runFileInNamespace} from '../support/network-namespace.js';
import {type Pebble, startPebble} from '../support/pebble.js';
import {createSystemctlCaddy, runSystemctl, type SystemctlCaddy} from '../support/systemctl-caddy.js';

const domain = 'example.test';
const apiKey = 'entsoe-test-key-0123456789';

const appFiles: Record<string, string> = {
	'main.py': [
		'import os',
		'from fastapi import FastAPI',
		'',
		'# Read at import, as a real app reads its settings: a missing secret stops it from starting.',
		'API_KEY = os.environ["ENTSOE_API_KEY"]',
		'app = FastAPI()',
		'',
		'@app.get("/health")',
		'def health():',
		'    return {"status": "ok", "keyLength": len(API_KEY), "greeting": os.environ.get("GREETING")}',
		'',
	].join('\n'),
	Dockerfile: [
		'FROM python:3.11-slim',
		'ENV PYTHONDONTWRITEBYTECODE=1 \\',
		'    PYTHONUNBUFFERED=1',
		'ENV GREETING="hello from the Dockerfile"',
		'WORKDIR /app',
		'COPY . .',
		'CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]',
		'',
	].join('\n'),
	'compose.yaml': 'services:\n  app:\n    build: .\n    env_file: .env\n    ports:\n      - "127.0.0.1:8000:8000"\n',
	'.env': `ENTSOE_API_KEY=${apiKey}\n`,
	'.env.example': 'ENTSOE_API_KEY=\n',
	'.dockerignore': '.env\n.env.*\n!.env.example\n__pycache__/\n*.py[cod]\n',
};

type Reply = {status: number; headers: http.IncomingHttpHeaders; body: string; issuer?: string};

let work: string;
let bin: string;
let project: string;
let rootFile: string;
let dns: DnsmasqServer | undefined;
let pebble: Pebble | undefined;
let docker: DockerStandIn | undefined;
let systemctl: SystemctlCaddy | undefined;

/** Resolves through dnsmasq on 127.0.0.1:53, as the server and the verifier would. */
const lookup: LookupFunction = (hostname, options, callback) => {
	const resolver = new Resolver({timeout: 1000, tries: 1});
	resolver.setServers(['127.0.0.1:53']);
	resolver.resolve4(hostname).then(addresses => {
		const address = addresses[0]!;
		if (options.all) {
			(callback as (error: null, addresses: Array<{address: string; family: number}>) => void)(null, [{address, family: 4}]);
		} else {
			callback(null, address, 4);
		}
	}, (error: NodeJS.ErrnoException) => {
		callback(error, '', 4);
	});
};

function get(url: string, ca?: string): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const options = {lookup, timeout: 5000, ...ca ? {ca} : {}};
		const request = (url.startsWith('https:') ? https : http).get(url, options, response => {
			// Read now: the socket is gone once the body has ended.
			const socket = response.socket as TLSSocket;
			const issuer = typeof socket.getPeerCertificate === 'function' ? String(socket.getPeerCertificate().issuer?.CN) : undefined;
			let body = '';
			response.on('data', (chunk: Buffer) => {
				body += chunk.toString();
			});
			response.on('end', () => {
				resolve({status: response.statusCode ?? 0, headers: response.headers, body, issuer});
			});
		});
		request.once('timeout', () => request.destroy(new Error(`${url} timed out`)));
		request.once('error', reject);
	});
}

async function eventually<T>(what: string, attempt: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	while (Date.now() < deadline) {
		try {
			return await attempt();
		} catch (error) {
			last = error;
			await new Promise(resolve => setTimeout(resolve, 100));
		}
	}

	throw new Error(`${what} did not happen within ${timeoutMs} ms; last error: ${String(last)}`);
}

function dockerCompose(cwd: string, ...arguments_: string[]) {
	const result = spawnSync(path.join(bin, 'docker'), ['compose', ...arguments_], {cwd, encoding: 'utf8', env: {...process.env, PATH: `${bin}:/usr/bin:/bin`}});
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

function writeProject(directory: string, files: Record<string, string>): void {
	mkdirSync(directory, {recursive: true});
	for (const [name, content] of Object.entries(files)) {
		writeFileSync(path.join(directory, name), content);
	}
}

if (insideNamespace()) {
	before(async () => {
		assertInsideNamespace();
		work = mkdtempSync(path.join(tmpdir(), 'mldw-journey-infra-'));
		// The systemctl stand-in is also run as an ordinary user below.
		chmodSync(work, 0o755);
		bin = path.join(work, 'bin');
		mkdirSync(bin, {mode: 0o755});
		project = path.join(work, 'project');
		writeProject(project, appFiles);
		mkdirSync(path.join(project, '__pycache__'));
		writeFileSync(path.join(project, '__pycache__', 'main.cpython-311.pyc'), 'bytecode');
		rootFile = path.join(work, 'pebble-root.pem');
		dns = await startDnsmasq({port: 53, records: [{name: domain, a: ['127.0.0.1']}], localDomains: [domain]});
		pebble = await startPebble();
		docker = createDockerStandIn(bin);
		systemctl = createSystemctlCaddy({binDirectory: bin, caddyfile: path.join(work, 'Caddyfile'), trustFile: pebble.endpointCaFile});
	});

	after(async () => {
		await docker?.stopAll();
		await systemctl?.stop();
		await pebble?.stop();
		await dns?.stop();
		if (work) {
			rmSync(work, {recursive: true, force: true});
		}
	});

	test('dnsmasq answers example.test with 127.0.0.1 on port 53, and no other name', async () => {
		const resolver = new Resolver({timeout: 1000, tries: 1});
		resolver.setServers(['127.0.0.1:53']);
		assert.deepEqual(await resolver.resolve4(domain), ['127.0.0.1']);
		await assert.rejects(resolver.resolve4(`other.${domain}`), {code: 'ENOTFOUND'});
	});

	test('the docker stand-in refuses a missing compose file, env file and Dockerfile with docker\'s words', () => {
		assert.equal(dockerCompose(project, 'version').stdout, 'Docker Compose version v2.29.7\n');

		const missingFile = dockerCompose(project, '-f', 'apps/app/compose.yaml', 'up', '-d', '--build', '--remove-orphans');
		assert.equal(missingFile.status, 1);
		assert.equal(missingFile.stderr, `stat ${project}/apps/app/compose.yaml: no such file or directory\n`);

		const noEnv = path.join(work, 'no-env');
		writeProject(noEnv, {...appFiles, '.env': ''});
		rmSync(path.join(noEnv, '.env'));
		const missingEnv = dockerCompose(work, '-f', 'no-env/compose.yaml', 'up', '-d', '--build');
		assert.equal(missingEnv.status, 1);
		assert.equal(missingEnv.stderr, `env file ${noEnv}/.env not found: stat ${noEnv}/.env: no such file or directory\n`);

		const noDockerfile = path.join(work, 'no-dockerfile');
		writeProject(noDockerfile, {...appFiles, 'compose.yaml': 'services:\n  app:\n    build:\n      context: ./api\n    env_file:\n      - path: .env.local\n        required: false\n'});
		mkdirSync(path.join(noDockerfile, 'api'));
		const missingDockerfile = dockerCompose(noDockerfile, '-f', 'compose.yaml', 'up', '-d', '--build');
		assert.equal(missingDockerfile.status, 1);
		assert.match(missingDockerfile.stderr, /^failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory$/m);

		assert.equal(docker!.containers(path.join(noDockerfile, 'compose.yaml')).length, 0, 'nothing started after a refusal');
		assert.deepEqual(docker!.calls().at(-1), ['compose', '-f', 'compose.yaml', 'up', '-d', '--build']);
	});

	test('the docker stand-in builds through .dockerignore and runs the Dockerfile\'s command with the env file', async () => {
		const composeFile = path.join(project, 'compose.yaml');
		const up = dockerCompose(project, '-f', 'compose.yaml', 'up', '-d', '--build', '--remove-orphans');
		assert.equal(up.status, 0, up.stderr);
		assert.match(up.stderr, /Container project-app-1 {2}Started/);

		const image = docker!.imageDirectory(composeFile);
		assert.deepEqual(readdirSync(image).sort(), ['.dockerignore', '.env.example', 'Dockerfile', 'compose.yaml', 'main.py'], 'no .env, no __pycache__ in the image');
		assert.equal(existsSync(path.join(image, '.env')), false);

		const health = await eventually('the app answering /health', async () => get('http://127.0.0.1:8000/health'));
		assert.equal(health.status, 200);
		assert.deepEqual(JSON.parse(health.body), {status: 'ok', keyLength: apiKey.length, greeting: 'hello from the Dockerfile'});

		const [first] = docker!.containers(composeFile);
		assert.deepEqual(first?.command, ['uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '8000']);
		assert.match(dockerCompose(project, '-f', 'compose.yaml', 'ps').stdout, /project-app-1 .* Up +127\.0\.0\.1:8000->8000\/tcp/);

		// A second up recreates the container: a new process serves.
		const again = dockerCompose(project, '-f', 'compose.yaml', 'up', '-d', '--build', '--remove-orphans');
		assert.equal(again.status, 0, again.stderr);
		const [second] = docker!.containers(composeFile);
		assert.notEqual(second?.pid, first?.pid);
		assert.equal((await eventually('the recreated app answering', async () => get('http://127.0.0.1:8000/health'))).status, 200);
		const logs = dockerCompose(project, '-f', 'compose.yaml', 'logs', '--tail', '40');
		assert.match(logs.stdout, /^app-1 {2}\| INFO: {5}Uvicorn running on http:\/\/0\.0\.0\.0:8000/m);
		assert.match(docker!.containerLog(composeFile), /GET \/health HTTP\/1\.1" 200/);
	});

	test('Caddy, started through the systemctl stand-in, gets its certificate from pebble and serves the app on HTTPS', async () => {
		const caddyfile = path.join(work, 'Caddyfile');
		writeFileSync(caddyfile, `${domain} {\n\tbogus_directive\n}\n`);
		const refused = runSystemctl(bin, ['reload-or-restart', 'caddy']);
		assert.equal(refused.status, 1);
		assert.match(refused.stderr, /unrecognized directive: bogus_directive/);
		assert.match(refused.stderr, /Job for caddy\.service failed/);
		assert.equal(runSystemctl(bin, ['is-active', 'caddy']).stdout, 'inactive\n');

		writeFileSync(caddyfile, `{\n\tacme_ca ${pebble!.directoryUrl}\n\temail t@example.test\n}\n\n${domain} {\n\treverse_proxy 127.0.0.1:8000\n}\n`);
		const started = runSystemctl(bin, ['reload-or-restart', 'caddy']);
		assert.equal(started.status, 0, started.stderr);
		assert.deepEqual(runSystemctl(bin, ['is-active', 'caddy']), {status: 0, stdout: 'active\n', stderr: ''});

		const root = await pebble!.writeIssuingRoot(rootFile);
		const live = await eventually('HTTPS with a certificate from pebble', async () => get(`https://${domain}/health`, root), 30_000);
		assert.equal(live.status, 200);
		assert.equal(JSON.parse(live.body).keyLength, apiKey.length);
		assert.match(live.issuer ?? '', /^Pebble Intermediate CA/);
		await assert.rejects(get(`https://${domain}/health`), /unable to get local issuer certificate|self.signed/, 'not trusted without pebble\'s root');

		const redirect = await get(`http://${domain}/health?x=1`);
		assert.equal(redirect.status, 308);
		assert.equal(redirect.headers.location, `https://${domain}/health?x=1`);

		// A file Caddy refuses leaves the running one in place, as with the real service.
		writeFileSync(caddyfile, `${domain} {\n\tbogus_directive\n}\n`);
		const badReload = runSystemctl(bin, ['reload', 'caddy']);
		assert.equal(badReload.status, 1);
		assert.match(badReload.stderr, /unrecognized directive: bogus_directive/);
		assert.equal((await get(`https://${domain}/health`, root)).status, 200);

		const asNobody = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', path.join(bin, 'systemctl'), 'restart', 'caddy'], {encoding: 'utf8'});
		assert.equal(asNobody.status, 1);
		assert.match(asNobody.stderr, /^Failed to restart caddy\.service: Interactive authentication required\./);
		assert.deepEqual(systemctl!.calls().map(argv => argv.join(' ')), [
			'reload-or-restart caddy', 'is-active caddy', 'reload-or-restart caddy', 'is-active caddy', 'reload caddy', 'restart caddy',
		]);
	});

	test('docker compose down stops the app: Caddy then answers 502', async () => {
		const down = dockerCompose(project, '-f', 'compose.yaml', 'down');
		assert.equal(down.status, 0, down.stderr);
		assert.equal(docker!.containers(path.join(project, 'compose.yaml')).length, 0);
		const reply = await get(`https://${domain}/health`, await pebble!.writeIssuingRoot(rootFile));
		assert.equal(reply.status, 502);
	});
} else {
	test('journey infrastructure, inside a private network namespace', {timeout: 200_000}, async () => {
		await runFileInNamespace(import.meta.filename);
	});
}
