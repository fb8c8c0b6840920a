// Defect 2 of issue 10: Python fell back to 3.12 while stronger evidence was there. Each
// source is read now, strongest first, and reported with where it came from.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {detectProject} from '../../source/detect/detect-project.js';
import {lowestAllowed} from '../../source/detect/python-version.js';
import {projectFolder} from './project-folder.js';

const python = (files: Record<string, string>) => {
	const found = detectProject(projectFolder(files)).pythonVersion;
	return found && `${found.value} from ${found.source}`;
};

test('every file that names a Python is read, and says so', () => {
	assert.equal(python({Dockerfile: 'FROM python:3.8.10-slim-buster AS build\nFROM python:3.8-slim\nCMD ["python", "app.py"]\n'}), '3.8 from Dockerfile (FROM python:3.8-slim)');
	assert.equal(python({dockerfile: 'FROM tiangolo/uvicorn-gunicorn-fastapi:python3.9\n'}), '3.9 from dockerfile (FROM tiangolo/uvicorn-gunicorn-fastapi:python3.9)');
	assert.equal(python({'.tool-versions': 'nodejs 20.1.0\npython 3.11.4\n'}), '3.11 from .tool-versions');
	assert.equal(python({'runtime.txt': 'python-3.10.12\n'}), '3.10 from runtime.txt');
	assert.equal(python({Pipfile: '[requires]\npython_full_version = "3.9.18"\n'}), '3.9 from Pipfile [requires]');
	assert.equal(python({'environment.yml': 'name: x\ndependencies:\n  - numpy\n  - python=3.10\n  - pip:\n    - flask\n'}), '3.10 from environment.yml (python=3.10)');
	assert.equal(python({'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\nfastapi = "^0.110"\n'}), '3.11 from pyproject.toml [tool.poetry.dependencies] python = "^3.11"');
	assert.equal(python({'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.10,<3.13"\n'}), '3.10 from pyproject.toml requires-python = ">=3.10,<3.13"');
	assert.equal(python({'main.py': 'print(1)\n'}), undefined);
});

test('the strongest evidence wins: the image the project builds, then the version pinned for the laptop', () => {
	assert.equal(python({Dockerfile: 'FROM python:3.8\n', '.python-version': '3.11.9\n', 'runtime.txt': 'python-3.10.1\n'}), '3.8 from Dockerfile (FROM python:3.8)');
	assert.equal(python({'.python-version': '3.11.9\n', 'runtime.txt': 'python-3.10.1\n', 'pyproject.toml': '[project]\nrequires-python = ">=3.9"\n'}), '3.11 from .python-version');
});

test('a monorepo service inherits the .python-version of its repository root', () => {
	const root = projectFolder({'.python-version': '3.10.4\n', 'services/api/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n'});
	execFileSync('git', ['init', '-q', root]);
	const found = detectProject(path.join(root, 'services', 'api')).pythonVersion;
	assert.deepEqual(found, {value: '3.10', source: '../../.python-version'});
});

test('constraints give their lowest Python: ^, ~, ranges, wildcards and alternatives', () => {
	for (const [specifier, expected] of [['^3.11', '3.11'], ['~3.10', '3.10'], ['>=3.9,<3.13', '3.9'], ['3.10.*', '3.10'], ['==3.8.5', '3.8'], ['>3.9', '3.10'], ['>3.9.1', '3.9'], ['>=3.11 || ^3.8', '3.8'], ['~=3.12', '3.12']] as const) {
		assert.equal(lowestAllowed(specifier), expected, specifier);
	}
});

test('with nothing naming a Python, old pins choose one they install on; a Python too new for the pins is a warning', () => {
	assert.equal(python({'requirements.txt': 'numpy==1.17.4\nscikit-learn==0.22.1\nflask\n'}), '3.8 from numpy==1.17.4 in requirements.txt, which installs on Python 3.8 at the newest');
	assert.equal(python({'requirements.txt': 'numpy==1.26.4\n'}), undefined, 'a pin that installs on 3.12 leaves the default');
	const pinned = detectProject(projectFolder({'.python-version': '3.12\n', 'requirements.txt': 'onnxruntime==0.4.0\nnumpy==1.26.0\n'}));
	assert.match(pinned.warnings.find(warning => warning.code === 'python-too-new-for-pins')!.message, /^onnxruntime==0\.4\.0 in requirements\.txt cannot be installed on Python 3\.12/);
});

test('a Python past its end of life is a warning that names the file to change', () => {
	const directory = projectFolder({'runtime.txt': 'python-3.8.18\n'});
	const warnings = detectProject(directory, new Date('2026-01-01')).warnings;
	assert.match(warnings.find(warning => warning.code === 'python-end-of-life')!.message, /^Python 3\.8 reached its end of life on 2024-10-07.*then change runtime\.txt/);
	assert.ok(!detectProject(directory, new Date('2024-01-01')).warnings.some(warning => warning.code === 'python-end-of-life'), 'not before its date');
	writeFileSync(path.join(directory, 'runtime.txt'), 'python-3.12.1\n');
	assert.ok(!detectProject(directory, new Date('2026-01-01')).warnings.some(warning => warning.code === 'python-end-of-life'));
});
