// The commands inside the generated Dockerfile, run for real outside a container: the
// HEALTHCHECK against a live HTTP server on loopback, and the server start line through sh
// with a stand-in uvicorn/gunicorn (no Python web stack here) that records its arguments.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {promisify} from 'node:util';
import {loadTemplates, type Templates} from '../../source/render/templates-directory.js';
import {createStandIn} from '../support/stand-in.js';
import {render} from '../support/generated-project.js';

const run = promisify(execFile);
let templates: Templates;
let server: Server;
let port: number;

before(async () => {
	templates = await loadTemplates();
	server = createServer((request, response) => {
		response.writeHead(request.url === '/health' ? 200 : 503).end();
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	port = (server.address() as AddressInfo).port;
});
after(() => {
	server.close();
});

function instruction(dockerfile: string, name: 'HEALTHCHECK' | 'CMD'): string[] {
	const line = name === 'CMD' ? /^CMD (\[.*\])$/m.exec(dockerfile) : /^ {4}CMD (\[.*\])$/m.exec(dockerfile);
	assert.ok(line, `${name} in exec form`);
	return JSON.parse(line[1]!) as string[];
}

test('the HEALTHCHECK passes while the health route answers 200 and fails when it does not', async () => {
	for (const [healthPath, healthy] of [['/health', true], ['/broken', false]] as const) {
		const dockerfile = render('flask-joblib', 'vps', {healthPath}, templates).files[0]!.content;
		const [python, ...arguments_] = instruction(dockerfile, 'HEALTHCHECK');
		assert.equal(python, 'python');
		// The image has "python"; this machine has python3.
		const result = run('python3', arguments_, {env: {...process.env, PORT: String(port)}}).then(() => true, () => false);
		assert.equal(await result, healthy, healthPath);
	}
});

test('the server starts on 0.0.0.0, on $PORT, with a small worker count', async () => {
	const bin = mkdtempSync(path.join(tmpdir(), 'mldw-bin-'));
	const uvicorn = createStandIn(bin, 'uvicorn');
	const gunicorn = createStandIn(bin, 'gunicorn');
	const environment = {PATH: `${bin}:${process.env.PATH}`, PORT: '4321'};
	const fastapi = instruction(render('fastapi-onnx', 'cloud-run', {}, templates).files[0]!.content, 'CMD');
	await run(fastapi[0]!, fastapi.slice(1), {env: environment});
	assert.deepEqual(uvicorn.calls(), [['app.main:app', '--host', '0.0.0.0', '--port', '4321', '--workers', '2', '--proxy-headers', '--forwarded-allow-ips', '*']]);
	const flask = instruction(render('flask-joblib', 'heroku', {}, templates).files[0]!.content, 'CMD');
	await run(flask[0]!, flask.slice(1), {env: {...environment, WEB_CONCURRENCY: '3'}});
	assert.deepEqual(gunicorn.calls(), [['--bind', '0.0.0.0:4321', '--workers', '3', '--timeout', '120', '--access-logfile', '-', 'app:app']]);
});
