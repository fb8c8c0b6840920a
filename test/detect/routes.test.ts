// Defect 1 of issue 10: the health check always targeted /health. Routes are now read with
// their router and blueprint prefixes, and the check picks a route the app really has.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {detectProject} from '../../source/detect/detect-project.js';
import {projectFolder} from './project-folder.js';

const routes = (files: Record<string, string>) => detectProject(projectFolder(files)).routes.map(route => `${route.methods.join('|')} ${route.path}`);
const health = (files: Record<string, string>) => {
	const found = detectProject(projectFolder(files)).health;
	return found.kind === 'port' ? 'port' : found.path;
};

test('FastAPI: include_router prefixes add up through nested routers, constants from a config module included', () => {
	const files = {
		'app/__init__.py': '',
		'app/config.py': 'API_PREFIX = "/api"\n',
		'app/main.py': 'from fastapi import FastAPI\nfrom app.config import API_PREFIX\nfrom app.routes.router import api_router\napp = FastAPI()\napp.include_router(api_router, prefix=API_PREFIX)\n',
		'app/routes/__init__.py': '',
		'app/routes/router.py': 'from fastapi import APIRouter\nfrom app.routes import heartbeat, model\napi_router = APIRouter()\napi_router.include_router(heartbeat.router, prefix="/health")\napi_router.include_router(model.router, prefix="/model")\n',
		'app/routes/heartbeat.py': 'from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.get("/heartbeat")\ndef heartbeat():\n    return {}\n',
		'app/routes/model.py': 'from fastapi import APIRouter\nrouter = APIRouter(prefix="/v2")\n\n@router.post("/predict")\ndef predict():\n    return {}\n',
	};
	assert.deepEqual(routes(files), ['GET /api/health/heartbeat', 'POST /api/model/v2/predict']);
	assert.equal(health(files), '/api/health/heartbeat');
});

test('FastAPI: a prefix read from a settings field (settings.API_V1_STR), an f-string, and a router imported under another name', () => {
	const files = {
		'core.py': 'from pydantic_settings import BaseSettings\nclass Settings(BaseSettings):\n    API_V1_STR: str = "/api/v1"\nsettings = Settings()\n',
		'status.py': 'from fastapi import APIRouter\nrouter = APIRouter()\n@router.get("/status")\ndef status():\n    return {}\n',
		'main.py': 'from fastapi import FastAPI\nfrom core import settings\nfrom status import router as status_router\napp = FastAPI()\napp.include_router(status_router, prefix=f"{settings.API_V1_STR}/ops")\n',
	};
	assert.deepEqual(routes(files), ['GET /api/v1/ops/status']);
});

test('Flask: register_blueprint(url_prefix=) replaces the blueprint\'s own prefix, nested blueprints add up, add_url_rule counts', () => {
	const files = {
		'app.py': [
			'from flask import Flask, Blueprint',
			'app = Flask(__name__)',
			'api = Blueprint("api", __name__, url_prefix="/ignored")',
			'ops = Blueprint("ops", __name__, url_prefix="/ops")',
			'@api.route("/predict", methods=["POST"])',
			'def predict():\n    return {}',
			'@ops.route("/ping")',
			'def ping():\n    return "pong"',
			'def version():\n    return "1"',
			'ops.add_url_rule("/version", view_func=version)',
			'api.register_blueprint(ops)',
			'app.register_blueprint(api, url_prefix="/api")',
			'',
		].join('\n'),
	};
	assert.deepEqual(routes(files), ['GET /api/ops/ping', 'GET /api/ops/version', 'POST /api/predict']);
	assert.equal(health(files), '/api/ops/ping');
});

test('the health route is picked by name, in order, among GET routes without parameters', () => {
	const app = (decorators: string[]) => ({'main.py': `from fastapi import FastAPI\napp = FastAPI()\n${decorators.map((decorator, index) => `${decorator}\ndef route${index}():\n    return {}\n`).join('')}`});
	assert.equal(health(app(['@app.get("/status")', '@app.get("/ping")', '@app.get("/heartbeat")'])), '/heartbeat');
	assert.equal(health(app(['@app.post("/health")', '@app.get("/healthz")'])), '/healthz', 'a POST route cannot be checked');
	assert.equal(health(app(['@app.get("/health/{probe}")', '@app.get("/")'])), '/', 'a route with a parameter cannot be checked; GET / can');
	assert.equal(health(app(['@app.post("/predict")'])), '/openapi.json', 'FastAPI serves its OpenAPI document by itself');
	assert.equal(health({'main.py': 'from fastapi import FastAPI\napp = FastAPI(openapi_url=None)\n@app.post("/predict")\ndef predict():\n    return {}\n'}), 'port', 'switched off: only the port');
	assert.equal(health({'main.py': 'from fastapi import FastAPI\napp = FastAPI(openapi_url="/api/schema.json")\n'}), '/api/schema.json');
	assert.equal(health({'app.py': 'from flask import Flask\napp = Flask(__name__)\n@app.route("/predict", methods=["POST"])\ndef predict():\n    return {}\n'}), 'port', 'Flask has no document of its own');
});

test('no health route: the warning gives the three lines to add, in the app\'s own name, and says what is checked meanwhile', () => {
	const detection = detectProject(projectFolder({'serve.py': 'from flask import Flask\nscorer = Flask(__name__)\n@scorer.post("/score")\ndef score():\n    return {}\n'}));
	const warning = detection.warnings.find(candidate => candidate.code === 'no-health-route')!;
	assert.match(warning.message, /in serve\.py:\n@scorer\.get\("\/health"\)\ndef health\(\):\n {4}return \{"status": "ok"\}\nMeanwhile the checks only see whether the port accepts connections\./);
});
