// The Dockerfile's less common paths, each run for real where it can be: the server line for
// factories and app folders, the port-only health check, each tool's install step, the model
// guard (run by sh against real files), the folders an app writes to, and compose when the
// image is the project's own.
import assert from 'node:assert/strict';
import {execFile, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {before, test} from 'node:test';
import {promisify} from 'node:util';
import type {Answers} from '../../source/core/step.js';
import {detectProject} from '../../source/detect/detect-project.js';
import {settingsFromAnswers} from '../../source/render/file-settings.js';
import {renderFiles} from '../../source/render/render-files.js';
import {loadTemplates, type Templates} from '../../source/render/templates-directory.js';
import {createStandIn} from '../support/stand-in.js';
import {projectFolder} from '../detect/project-folder.js';

const run = promisify(execFile);
let templates: Templates;
before(async () => {
	templates = await loadTemplates();
});

function files(project: Record<string, string>, answers: Answers = {}, provider: 'vps' | 'heroku' = 'vps') {
	const directory = projectFolder(project);
	const settings = settingsFromAnswers(provider, answers, detectProject(directory), directory);
	assert.ok(settings.ok, JSON.stringify(settings));
	return new Map(renderFiles(settings.settings, templates).files.map(file => [file.path, file.content]));
}

const instruction = (dockerfile: string, name: 'CMD' | 'HEALTHCHECK') => JSON.parse((name === 'CMD' ? /^CMD (\[.*\])$/m : /^ {4}CMD (\[.*\])$/m).exec(dockerfile)![1]!) as string[];

test('factories and app folders reach the servers as they expect them', async () => {
	const bin = mkdtempSync(path.join(tmpdir(), 'mldw-bin-'));
	const gunicorn = createStandIn(bin, 'gunicorn');
	const uvicorn = createStandIn(bin, 'uvicorn');
	const environment = {PATH: `${bin}:${process.env.PATH}`, PORT: '4321'};
	const flask = instruction(files({'app/__init__.py': 'from flask import Flask\ndef create_app():\n    app = Flask(__name__)\n    return app\n'}).get('Dockerfile')!, 'CMD');
	await run(flask[0]!, flask.slice(1), {env: environment});
	assert.deepEqual(gunicorn.calls().at(-1), ['--bind', '0.0.0.0:4321', '--workers', '2', '--timeout', '120', '--access-logfile', '-', 'app:create_app()']);
	const src = files({'src/shop/__init__.py': '', 'src/shop/api.py': 'from fastapi import FastAPI\nfrom shop.db import x\napp = FastAPI()\n', 'src/shop/db.py': 'x = 1\n'});
	const fastapi = instruction(src.get('Dockerfile')!, 'CMD');
	await run(fastapi[0]!, fastapi.slice(1), {env: environment});
	assert.deepEqual(uvicorn.calls().at(-1), ['shop.api:app', '--app-dir', 'src', '--host', '0.0.0.0', '--port', '4321', '--workers', '2', '--proxy-headers', '--forwarded-allow-ips', '*']);
	const factory = instruction(files({'main.py': 'from fastapi import FastAPI\ndef build():\n    app = FastAPI()\n    return app\n'}).get('Dockerfile')!, 'CMD');
	await run(factory[0]!, factory.slice(1), {env: environment});
	assert.deepEqual(uvicorn.calls().at(-1)!.slice(0, 2), ['--factory', 'main:build']);
	const flatFlask = files({'web/app.py': 'from flask import Flask\nfrom views import x\napp = Flask(__name__)\n', 'web/views.py': 'x = 1\n'}).get('Dockerfile')!;
	assert.match(flatFlask, /^COPY \. \.\n(?:#.*\n)+WORKDIR \/app\/web\n/m, 'flat imports: it starts in its folder, after the code is there');
});

test('with no route to check, the health check only connects to the port, and fails when nothing listens', async () => {
	const dockerfile = files({'app.py': 'from flask import Flask\napp = Flask(__name__)\n@app.post("/predict")\ndef predict():\n    return {}\n'}).get('Dockerfile')!;
	assert.match(dockerfile, /^# Docker marks the container unhealthy when the port stops answering\.$/m);
	const [, ...check] = instruction(dockerfile, 'HEALTHCHECK');
	const server = createServer().listen(0, '127.0.0.1');
	await new Promise(resolve => server.once('listening', resolve));
	const {port} = server.address() as AddressInfo;
	const result = (listening: boolean) => run('python3', check, {env: {...process.env, PORT: String(listening ? port : 1)}}).then(() => true, () => false);
	assert.equal(await result(true), true);
	assert.equal(await result(false), false);
	server.close();
});

test('each dependency tool is installed its own way, the server added when the project lacks it', () => {
	const poetry = files({'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\nfastapi = "^0.110"\n', 'poetry.lock': '#\n', 'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n'}).get('Dockerfile')!;
	assert.match(poetry, /^COPY pyproject\.toml poetry\.lock \.\/\n(?:#.*\n)*RUN pip install poetry uvicorn \\\n {4}&& POETRY_VIRTUALENVS_CREATE=false poetry install --only main --no-root --no-interaction$/m);
	const uv = files({'pyproject.toml': '[project]\ndependencies = ["fastapi", "uvicorn"]\n', 'uv.lock': 'version = 1\n'}).get('Dockerfile')!;
	assert.match(uv, /^COPY pyproject\.toml uv\.lock \.\/\n(?:#.*\n)*RUN pip install uv \\\n {4}&& UV_PROJECT_ENVIRONMENT=\/usr\/local uv sync --frozen --inexact --no-dev --no-install-project$/m);
	const pdm = files({'pyproject.toml': '[project]\ndependencies = ["flask"]\n', 'pdm.lock': '#\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n'}).get('Dockerfile')!;
	assert.match(pdm, /pdm export --prod --without-hashes -o \/tmp\/requirements\.txt \\\n {4}&& pip install -r \/tmp\/requirements\.txt gunicorn$/m);
	const pipenv = files({Pipfile: '[packages]\nflask = "*"\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n'}).get('Dockerfile')!;
	assert.match(pipenv, /^COPY Pipfile \.\/\nRUN pip install pipenv gunicorn \\\n {4}&& pipenv install --system $/m);
	const production = files({'requirements_prod.txt': 'flask\ngunicorn\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n'}).get('Dockerfile')!;
	assert.match(production, /^COPY requirements_prod\.txt \.\/\nRUN pip install -r requirements_prod\.txt$/m);
});

test('the model guard stops the build with what to run when a DVC model is missing or a Git LFS pointer, and lets a real model through', () => {
	const dockerfile = files({'models/model.pkl.dvc': 'outs:\n- path: model.pkl\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n'}).get('Dockerfile')!;
	const guard = /^RUN (for model in[\s\S]*?done)$/m.exec(dockerfile)![1]!.replaceAll('\\\n', '\n');
	const image = mkdtempSync(path.join(tmpdir(), 'mldw-image-'));
	const build = () => spawnSync('sh', ['-c', guard], {cwd: image, encoding: 'utf8'});
	assert.equal(build().status, 1);
	assert.match(build().stderr, /models\/model\.pkl is missing or only a Git LFS pointer: run 'dvc pull'/);
	mkdirSync(path.join(image, 'models'));
	writeFileSync(path.join(image, 'models', 'model.pkl'), 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 9\n');
	assert.equal(build().status, 1);
	writeFileSync(path.join(image, 'models', 'model.pkl'), 'a real model');
	assert.equal(build().status, 0);
});

test('folders the app writes to are made writable after the code is copied, and its files kept out of the image', () => {
	const generated = files({'app.py': 'import sqlite3\nfrom flask import Flask\napp = Flask(__name__)\ndb = sqlite3.connect("state/cache.db")\n'});
	assert.match(generated.get('Dockerfile')!, /^COPY \. \.\n(?:#.*\n)+RUN mkdir -p \/app\/state \\\n {4}&& chown app:app \/app\/state\nUSER app$/m);
	assert.match(generated.get('.dockerignore')!, /# Files the app writes itself[^\n]*\nstate\/cache\.db\n$/);
});

test('with the project\'s own Dockerfile: no Dockerfile written, its HEALTHCHECK trusted by compose', () => {
	const own = files({Dockerfile: 'FROM python:3.12\nEXPOSE 9000\nHEALTHCHECK CMD curl -f localhost:9000/ok\nCMD ["gunicorn", "-b", "0.0.0.0:9000", "app:app"]\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n'});
	assert.equal(own.has('Dockerfile'), false);
	const compose = own.get('compose.yaml')!;
	assert.doesNotMatch(compose, /healthcheck:/);
	assert.match(compose, /# The image's own HEALTHCHECK \(in your Dockerfile\) tells healthy from not\./);
	assert.match(compose, /- "127\.0\.0\.1:9000:9000"/);
});
