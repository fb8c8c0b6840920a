// Defect 3 of issue 10: a factory got app:app, and code importing its neighbours flat got a
// dotted module that cannot import. The app object is now read the way the server needs it.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {detectProject} from '../../source/detect/detect-project.js';
import {projectFolder} from './project-folder.js';

const target = (files: Record<string, string>) => {
	const detection = detectProject(projectFolder(files));
	return `${detection.appDirectory?.value ? `${detection.appDirectory.value} ` : ''}${detection.appModule?.value}`;
};

test('a Flask factory with no module-level app is called by the server: module:create_app()', () => {
	const files = {'predictor/__init__.py': 'from flask import Flask\n\ndef create_app(config=None):\n    app = Flask(__name__)\n    return app\n'};
	assert.equal(target(files), 'predictor:create_app()');
	assert.equal(detectProject(projectFolder(files)).framework?.value, 'flask');
});

test('an app made by calling a factory at module level is that object, wherever the factory lives', () => {
	assert.equal(target({
		'service/__init__.py': '',
		'service/factory.py': 'from fastapi import FastAPI\n\ndef build() -> FastAPI:\n    api = FastAPI()\n    return api\n',
		'service/main.py': 'from service.factory import build\n\napp = build()\n',
	}), 'service.main:app');
	assert.equal(target({'wsgi.py': 'from app import create_app\napplication = create_app()\n', 'app/__init__.py': 'from flask import Flask\ndef create_app():\n    app = Flask(__name__)\n    return app\n'}), 'wsgi:application');
});

test('a factory whose parameters have no defaults is named, with what to do', () => {
	const detection = detectProject(projectFolder({'app.py': 'from flask import Flask\n\ndef create_app(model_path):\n    app = Flask(__name__)\n    return app\n'}));
	assert.equal(detection.appModule?.value, 'app:create_app()');
	assert.match(detection.warnings.find(warning => warning.code === 'factory-needs-arguments')!.message, /app:create_app\(\) needs arguments/);
});

test('files that import their neighbours flat, in a folder without __init__.py, start from that folder', () => {
	assert.equal(target({
		'api/main.py': 'from fastapi import FastAPI\nfrom routers import predict\napp = FastAPI()\napp.include_router(predict.router)\n',
		'api/routers/predict.py': 'from fastapi import APIRouter\nrouter = APIRouter()\n',
	}), 'api main:app');
	assert.equal(target({'api/main.py': 'from fastapi import FastAPI\nimport os\napp = FastAPI()\n'}), 'api.main:app', 'nothing imported flat: the project folder still works (namespace package)');
	assert.equal(target({'ml-api/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n'}), 'ml-api main:app', 'ml-api is not a Python name: the folder must be the start');
});

test('a src/ layout puts src on the path; relative imports keep the package', () => {
	assert.equal(target({
		'src/churn/__init__.py': '',
		'src/churn/api.py': 'from fastapi import FastAPI\nfrom churn.model import load\napp = FastAPI()\n',
		'src/churn/model.py': 'def load():\n    pass\n',
	}), 'src churn.api:app');
	assert.equal(target({
		'pkg/__init__.py': '',
		'pkg/main.py': 'from fastapi import FastAPI\nfrom .routes import router\napp = FastAPI()\n',
		'pkg/routes.py': 'from fastapi import APIRouter\nrouter = APIRouter()\n',
	}), 'pkg.main:app');
});

test('the project\'s own start command (Procfile, Dockerfile) is the strongest evidence, folder included', () => {
	const files = {
		'backend/wsgi.py': 'from flask import Flask\napp = Flask(__name__)\n',
		Procfile: 'web: gunicorn --chdir backend wsgi:app --log-file -\n',
	};
	const detection = detectProject(projectFolder(files));
	assert.deepEqual(detection.appModule, {value: 'wsgi:app', source: 'Procfile (gunicorn)'});
	assert.deepEqual(detection.appDirectory, {value: 'backend', source: 'Procfile'});
	assert.equal(target({'app/__init__.py': 'from flask import Flask\ndef create_app():\n    app = Flask(__name__)\n    return app\n', Procfile: 'web: gunicorn "app:create_app()"\n'}), 'app:create_app()');
	assert.equal(target({'main.py': 'from fastapi import FastAPI\ndef make():\n    app = FastAPI()\n    return app\n', Procfile: 'web: uvicorn --factory main:make --port $PORT\n'}), 'main:make()');
});
