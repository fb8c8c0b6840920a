// The docker stand-in's readers against what Docker and Compose do with the same files, and
// its executable's refusals that the journey test does not reach.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, test} from 'node:test';
import {createDockerStandIn} from './docker-stand-in.js';
import {loadComposeFile} from './docker-stand-in/compose-file.js';
import {parseDockerfile} from './docker-stand-in/dockerfile.js';
import {isIgnored, parseDockerignore} from './docker-stand-in/dockerignore.js';
import {parseEnvFile} from './docker-stand-in/env-file.js';

const work = mkdtempSync(path.join(tmpdir(), 'mldw-docker-stand-in-'));
after(() => {
	rmSync(work, {recursive: true, force: true});
});

test('.dockerignore: the template\'s patterns, matched from the context\'s root as Docker does', () => {
	const patterns = parseDockerignore(readFileSync(path.resolve(import.meta.dirname, '../../templates/dockerignore'), 'utf8'));
	const ignored = ['.env', '.env.production', 'server.key', 'id_ed25519.pub', 'my-service-account.json', 'secrets/token', '.ssh/id_rsa', '.git/HEAD', '__pycache__/main.cpython-311.pyc', 'main.pyc', 'main.pyo', '.venv/bin/python', 'node_modules/x/index.js', 'train.log'];
	const kept = ['.env.example', 'main.py', 'models/model.joblib', 'Dockerfile', 'requirements.txt', 'pkg/__pycache__/mod.pyc', 'pkg/mod.pyc', 'config/.env'];
	assert.deepEqual(ignored.filter(file => !isIgnored(patterns, file)), [], 'left in the image');
	assert.deepEqual(kept.filter(file => isIgnored(patterns, file)), [], 'left out of the image');
	assert.equal(isIgnored(parseDockerignore('**/*.pyc\n/build/\n!build/keep\n'), 'pkg/deep/mod.pyc'), true);
	assert.equal(isIgnored(parseDockerignore('/build/\n!build/keep\n'), 'build/other'), true);
	assert.equal(isIgnored(parseDockerignore('/build/\n!build/keep\n'), 'build/keep'), false);
});

test('env files: quotes, comments, export, several lines and ${VAR}, as Compose reads them', () => {
	const text = [
		'# a comment',
		'export PLAIN=value with spaces   # trailing comment',
		'HASH=a#b',
		'SINGLE=\'$NOT ${EXPANDED} # kept\'',
		'DOUBLE="line one\\nline two"',
		'MULTI="first',
		'second"',
		'REF=${PLAIN}-and-${FROM_CALLER:-default}',
		'COMMAND=$(touch pwned)',
		'EMPTY=',
		'',
	].join('\n');
	assert.deepEqual(parseEnvFile(text, () => undefined), {
		PLAIN: 'value with spaces',
		HASH: 'a#b',
		SINGLE: '$NOT ${EXPANDED} # kept',
		DOUBLE: 'line one\nline two',
		MULTI: 'first\nsecond',
		REF: 'value with spaces-and-default',
		COMMAND: '$(touch pwned)',
		EMPTY: '',
	});
});

test('Dockerfile: the final stage\'s WORKDIR, ENV and command, combined as Docker does', () => {
	const template = [
		'FROM python:3.12-slim AS base',
		'ENV PYTHONDONTWRITEBYTECODE=1 \\',
		'    # a comment inside a continued line',
		'    PIP_NO_CACHE_DIR=1',
		'WORKDIR /app',
		'CMD ["python", "-m", "http.server"]',
		'FROM base',
		'ENV PORT=8000',
		'ENV LEGACY a value with spaces',
		'ENV URL="http://0.0.0.0:${PORT}/" WORKERS=${WEB_CONCURRENCY:-2}',
		'WORKDIR src',
		'CMD ["sh", "-c", "exec uvicorn main:app --host 0.0.0.0 --port ${PORT}"]',
		'',
	].join('\n');
	assert.deepEqual(parseDockerfile(template), {
		workdir: '/app/src',
		environment: {PYTHONDONTWRITEBYTECODE: '1', PIP_NO_CACHE_DIR: '1', PORT: '8000', LEGACY: 'a value with spaces', URL: 'http://0.0.0.0:8000/', WORKERS: '2'},
		command: ['sh', '-c', 'exec uvicorn main:app --host 0.0.0.0 --port ${PORT}'],
	});
	assert.deepEqual(parseDockerfile('FROM x\nCMD uvicorn main:app\n').command, ['/bin/sh', '-c', 'uvicorn main:app']);
	assert.deepEqual(parseDockerfile('FROM x\nENTRYPOINT ["gunicorn"]\nCMD ["app:app"]\n').command, ['gunicorn', 'app:app']);
	assert.deepEqual(parseDockerfile('FROM x\nCMD ["ignored"]\nENTRYPOINT gunicorn app:app\n').command, ['/bin/sh', '-c', 'gunicorn app:app']);
});

test('compose files: interpolation from the caller, then the project\'s .env, with Compose\'s error for a required variable', () => {
	const directory = path.join(work, 'My Project');
	mkdirSync(directory);
	writeFileSync(path.join(directory, 'compose.yaml'), [
		'services:',
		'  app:',
		'    build: .',
		'    environment:',
		'      DATABASE_URL: postgresql://${POSTGRES_USER:-app}:${POSTGRES_PASSWORD:?Set POSTGRES_PASSWORD in .env}@db:5432/app',
		'      FROM_SHELL:',
		'  db:',
		'    image: postgres:16-alpine',
		'    healthcheck:',
		'      test: ["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-app}"]',
		'',
	].join('\n'));
	assert.throws(() => loadComposeFile(path.join(directory, 'compose.yaml'), {}), {
		message: 'error while interpolating services.app.environment.DATABASE_URL: required variable POSTGRES_PASSWORD is missing a value: Set POSTGRES_PASSWORD in .env',
	});
	writeFileSync(path.join(directory, '.env'), 'POSTGRES_PASSWORD=from-dot-env\nPOSTGRES_USER=ignored\n');
	const project = loadComposeFile(path.join(directory, 'compose.yaml'), {POSTGRES_USER: 'shell'});
	assert.equal(project.name, 'myproject');
	assert.deepEqual(project.services[0]?.environment, {DATABASE_URL: 'postgresql://shell:from-dot-env@db:5432/app', FROM_SHELL: undefined});
	assert.deepEqual(project.services.map(service => [service.name, service.image, service.build?.context]), [['app', undefined, directory], ['db', 'postgres:16-alpine', undefined]]);
});

test('the executable refuses a taken port, a port it cannot map and an unknown command, and records an image-only service', async () => {
	const bin = path.join(work, 'bin');
	const docker = createDockerStandIn(bin);
	const project = path.join(work, 'ports');
	mkdirSync(project);
	writeFileSync(path.join(project, 'Dockerfile'), 'FROM python:3.11-slim\nCMD ["python3", "-c", "import time; time.sleep(60)"]\n');
	const run = (...arguments_: string[]) => spawnSync(path.join(bin, 'docker'), arguments_, {cwd: project, encoding: 'utf8'});
	const compose = (ports: string) => writeFileSync(path.join(project, 'compose.yaml'), `services:\n  app:\n    build: .\n    ports: ["${ports}"]\n  db:\n    image: postgres:16\n`);
	try {
		const taken = createServer();
		await new Promise<void>(resolve => taken.listen(0, '127.0.0.1', resolve));
		const {port} = taken.address() as {port: number};
		compose(`127.0.0.1:${port}:${port}`);
		const busy = run('compose', 'up', '-d', '--build');
		taken.close();
		assert.equal(busy.status, 1);
		assert.match(busy.stderr, new RegExp(`Bind for 127\\.0\\.0\\.1:${port} failed: port is already allocated\\n$`));

		compose('127.0.0.1:8080:8000');
		const mapped = run('compose', 'up', '-d');
		assert.equal(mapped.status, 1);
		assert.match(mapped.stderr, /^docker STAND-IN: ports "127\.0\.0\.1:8080:8000" of app: .*HOST = CONTAINER/);

		compose(`127.0.0.1:${port}:${port}`);
		const up = run('compose', 'up', '-d');
		assert.equal(up.status, 0, up.stderr);
		assert.match(up.stderr, /Container ports-db-1 {2}Started \(docker STAND-IN: postgres:16 is recorded, not run\)/);
		assert.match(run('compose', 'ps').stdout, /ports-app-1 .* Up .*\nports-db-1 .*not run/);
		assert.equal(run('compose', 'restart').status, 1);
		assert.equal(run('--version').stdout, 'Docker version 27.3.1, build ce12230 (STAND-IN)\n');
		assert.equal(run('compose', '-f', 'compose.yaml', 'down').status, 0);
		assert.deepEqual(docker.containers(path.join(project, 'compose.yaml')), []);
	} finally {
		await docker.stopAll();
	}
});
