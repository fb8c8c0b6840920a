import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdirSync, openSync, closeSync, ftruncateSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {describeDetection} from '../../source/detect/describe-detection.js';
import {detectProject} from '../../source/detect/detect-project.js';
import {isGitIgnored, parseGitIgnore} from '../../source/detect/git-ignore.js';
import {fixturePath} from '../support/generated-project.js';
import {projectFolder} from './project-folder.js';

const codes = (directory: string) => detectProject(directory).warnings.map(warning => warning.code).sort();

const project = projectFolder;

test('a Flask + joblib project: app object, port, health route, Python version, model and its traps', () => {
	const detection = detectProject(fixturePath('flask-joblib'));
	assert.deepEqual(detection.dependencies, {
		file: 'requirements.txt',
		tool: 'pip',
		packages: ['flask', 'joblib', 'scikit-learn'],
		pins: [{name: 'flask', version: '3.0.3'}, {name: 'joblib', version: '1.4.2'}, {name: 'scikit-learn', version: '1.5.1'}],
		includes: [],
		localInstall: false,
	});
	assert.deepEqual(detection.framework, {value: 'flask', source: 'app.py'});
	assert.deepEqual(detection.appModule, {value: 'app:app', source: 'app.py'});
	assert.deepEqual(detection.port, {value: 5000, source: 'app.py'});
	assert.deepEqual(detection.healthPath, {value: '/health', source: 'app.py'});
	assert.deepEqual(detection.routes, [{path: '/health', methods: ['GET'], source: 'app.py'}, {path: '/predict', methods: ['POST'], source: 'app.py'}, {path: '/update-forecast', methods: ['GET'], source: 'app.py'}]);
	assert.deepEqual(detection.pythonVersion, {value: '3.11', source: '.python-version'});
	assert.deepEqual(detection.models, [{path: 'model.joblib', bytes: 2048, storage: 'git'}]);
	assert.deepEqual(detection.environmentVariables, [{name: 'MODEL_PATH', optional: true, source: 'app.py'}]);
	assert.deepEqual(codes(fixturePath('flask-joblib')), ['bound-to-localhost', 'debug-mode']);
});

test('a FastAPI + ONNX project with pyproject.toml and a package layout', () => {
	const detection = detectProject(fixturePath('fastapi-onnx'));
	assert.equal(detection.dependencies.file, 'pyproject.toml');
	assert.deepEqual(detection.dependencies.packages, ['fastapi', 'numpy', 'onnxruntime', 'uvicorn']);
	assert.equal(detection.appModule?.value, 'app.main:app');
	assert.equal(detection.framework?.value, 'fastapi');
	assert.equal(detection.healthPath?.value, '/healthz');
	assert.deepEqual(detection.pythonVersion, {value: '3.11', source: 'pyproject.toml requires-python = ">=3.11"'});
	assert.equal(detection.port, undefined);
	assert.deepEqual(detection.models.map(model => model.path), ['models/model.onnx']);
	assert.deepEqual(detection.environmentVariables, [{name: 'API_TOKEN', optional: false, source: 'app/main.py'}, {name: 'MODEL_PATH', optional: true, source: 'app/main.py'}]);
	assert.deepEqual(codes(fixturePath('fastapi-onnx')), ['env-not-git-ignored']);
});

test('a project without a requirements file still finds its app, and says what is missing', () => {
	const detection = detectProject(fixturePath('no-requirements'));
	assert.equal(detection.dependencies.file, undefined);
	assert.equal(detection.appModule?.value, 'server:application');
	assert.equal(detection.healthPath?.value, '/ping');
	assert.deepEqual(codes(fixturePath('no-requirements')), ['env-not-git-ignored', 'no-dependency-file']);
	const lines = describeDetection(detection);
	assert.ok(lines.includes('Dependencies: no file found'));
	assert.ok(lines.includes('Python: not pinned, using 3.12 (--python to change)'));
	// In the wizard the answers below the lines are where it changes; a config file has its own keys.
	assert.ok(describeDetection(detection, 'form').includes('Python: not pinned, using 3.12 (change it below)'));
	assert.ok(describeDetection(detection, 'none').includes('Python: not pinned, using 3.12'));
	assert.ok(lines.includes('App object: server:application, from server.py'));
	assert.ok(lines.includes('Health check: GET /ping, from server.py'));
	assert.ok(lines.includes('Settings from the environment: none found'));
});

test('the project\'s own Dockerfile and docker-compose.yml are read, not overruled', () => {
	const detection = detectProject(fixturePath('existing-dockerfile'));
	assert.deepEqual(detection.existing, {dockerfile: true, dockerignore: false, compose: 'docker-compose.yml', caddyfile: false});
	assert.deepEqual(detection.port, {value: 8080, source: 'Dockerfile (EXPOSE 8080)'});
	assert.deepEqual(detection.pythonVersion, {value: '3.12', source: 'Dockerfile (FROM python:3.12)'});
	assert.equal(detection.appModule?.value, 'main:api');
	assert.equal(detection.own.dockerfile?.command?.text, 'python main.py');
	assert.deepEqual(detection.own.compose, {path: 'docker-compose.yml', containerPort: 8080, hostPort: 8080, healthcheck: false, public: true});
	assert.deepEqual(detection.health, {kind: 'route', path: '/', source: 'main.py (GET /, no health route)'});
	assert.deepEqual(codes(fixturePath('existing-dockerfile')), ['compose-public-port', 'old-compose-file']);
	assert.match(describeDetection(detection).join('\n'), /Your own files, kept and read: Dockerfile \(the image is built with it: python main\.py\), docker-compose\.yml \(read for the port\)/);
});

test('a model too large for git, and a model git would leave out, are warned about', () => {
	const directory = project({'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n', '.gitignore': '.env\nweights/\n', 'requirements.txt': 'fastapi\n'});
	mkdirSync(path.join(directory, 'models'));
	// A sparse 150 MB file: its size is real, its disk use is not.
	const handle = openSync(path.join(directory, 'models', 'big.pt'), 'w');
	ftruncateSync(handle, 150 * 1024 * 1024);
	closeSync(handle);
	mkdirSync(path.join(directory, 'weights'));
	writeFileSync(path.join(directory, 'weights', 'small.h5'), 'x');
	const detection = detectProject(directory);
	assert.deepEqual(detection.warnings.map(warning => warning.code).sort(), ['model-git-ignored', 'model-too-large-for-git', 'no-health-route']);
	assert.equal(detection.healthPath?.value, '/openapi.json', 'no route of its own: FastAPI\'s document is checked');
	assert.match(detection.warnings.find(warning => warning.code === 'model-too-large-for-git')!.message, /models\/big\.pt is 150\.0 MB/);
	assert.match(detection.warnings.find(warning => warning.code === 'model-git-ignored')!.message, /weights\/small\.h5/);
});

test('Python version comes from runtime.txt or Pipfile, dependencies from a Pipfile and its lock', () => {
	assert.deepEqual(detectProject(project({'runtime.txt': 'python-3.10.12\n'})).pythonVersion, {value: '3.10', source: 'runtime.txt'});
	const pipfile = detectProject(project({Pipfile: '[packages]\nflask = "*"\n"scikit-learn" = "==1.5"\n\n[requires]\npython_version = "3.9"\n', 'Pipfile.lock': '{}'}));
	assert.deepEqual(pipfile.dependencies, {file: 'Pipfile', tool: 'pipenv', lockFile: 'Pipfile.lock', packages: ['flask', 'scikit-learn'], pins: [{name: 'scikit-learn', version: '1.5'}], includes: [], localInstall: false});
	assert.deepEqual(pipfile.pythonVersion, {value: '3.9', source: 'Pipfile [requires]'});
});

test('debug mode set on the app object and uvicorn bound to localhost are traps too', () => {
	const directory = project({
		'api.py': 'import uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\napp.debug = True\nuvicorn.run(app, host="localhost", port=9000)\n',
		'.gitignore': '.env*\n',
	});
	const detection = detectProject(directory);
	assert.deepEqual(detection.port, {value: 9000, source: 'api.py'});
	assert.deepEqual(detection.warnings.map(warning => warning.code).sort(), ['bound-to-localhost', 'debug-mode', 'no-dependency-file', 'no-health-route']);
	assert.deepEqual(detection.health, {kind: 'route', path: '/openapi.json', source: 'FastAPI\'s own OpenAPI document (the app has no GET route to check)'});
});

test('the .gitignore reader handles names, globs, folders, anchors and negation', () => {
	const rules = parseGitIgnore('# comment\n*.pkl\n!keep.pkl\n/build\ndata/\nsecret?.txt\n**/cache/**\n');
	assert.equal(isGitIgnored(rules, 'model.pkl'), true);
	assert.equal(isGitIgnored(rules, 'deep/model.pkl'), true);
	assert.equal(isGitIgnored(rules, 'keep.pkl'), false);
	assert.equal(isGitIgnored(rules, 'build'), true);
	assert.equal(isGitIgnored(rules, 'src/build'), false);
	assert.equal(isGitIgnored(rules, 'data/x.joblib'), true);
	assert.equal(isGitIgnored(rules, 'data'), false, 'data/ matches folders only');
	assert.equal(isGitIgnored(rules, 'secret1.txt'), true);
	assert.equal(isGitIgnored(rules, 'a/cache/b.onnx'), true);
	assert.equal(isGitIgnored(rules, '.env'), false);
});

test('requirement files pulled in with -r are found, and installing the project itself is a trap', () => {
	const directory = project({
		'requirements.txt': '-r requirements/base.txt\n-e .\nflask  # web\n',
		'requirements/base.txt': '-c constraints.txt\nnumpy==2.0\n',
		'requirements/constraints.txt': 'numpy<3\n',
		'.gitignore': '.env\n',
	});
	const {dependencies, warnings} = detectProject(directory);
	assert.deepEqual(dependencies.includes, ['requirements/base.txt', 'requirements/constraints.txt']);
	assert.deepEqual(dependencies.packages, ['flask', 'numpy']);
	assert.equal(dependencies.localInstall, true);
	assert.ok(warnings.some(warning => warning.code === 'local-install-in-requirements'));
	assert.deepEqual(detectProject(project({'requirements.txt': '-r ../../etc/passwd\n-r has space.txt\n'})).dependencies.includes, [], 'only safe paths inside the project');
});

test('a private key inside the project is named, whatever its file is called; a public key or a certificate is not', () => {
	const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
	const directory = project({
		'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
		'.gitignore': '.env\nkeys/\n',
		// What an unanswered key path once produced: a key called "undefined" in the project.
		undefined: key,
		'keys/server.pem': '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n',
		'undefined.pub': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA mldw@laptop\n',
		'certs/ca.pem': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
		'models/model.key.txt': key,
	});
	execFileSync('git', ['init', '--quiet'], {cwd: directory});
	const warnings = detectProject(directory).warnings.filter(warning => warning.code === 'private-key-in-project');
	assert.deepEqual(warnings.map(warning => warning.message.split(' ')[0]), ['keys/server.pem', 'undefined']);
	assert.match(warnings[1]!.message, /git does not ignore it, so a commit of everything would put it on your git host/);
	assert.doesNotMatch(warnings[0]!.message, /git does not ignore it/, 'an ignored key still goes into an image');
});
