// Defect 5 of issue 10: .bin models were missed, DVC-tracked models not flagged, and nested
// or parent .gitignore files not read. Defect 8 in part: an app writing next to its code.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {test} from 'node:test';
import {detectProject} from '../../source/detect/detect-project.js';
import {gitIgnored} from '../../source/detect/git-ignore.js';
import {projectFolder} from './project-folder.js';

const lfsPointer = 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n';

test('models of every common kind are found; a .json only when it is a saved booster', () => {
	const detection = detectProject(projectFolder({
		'models/a.bin': 'x', 'models/b.safetensors': 'x', 'models/c.keras': 'x', 'models/d.pth': 'x', 'models/e.ubj': 'x', 'models/f.cbm': 'x',
		'models/booster.json': '{"learner": {"attributes": {}}, "version": [2, 0, 3]}',
		'config.json': '{"threshold": 0.5}',
		'package.json': '{"name": "x"}',
	}));
	assert.deepEqual(detection.models.map(model => model.path), ['models/a.bin', 'models/b.safetensors', 'models/booster.json', 'models/c.keras', 'models/d.pth', 'models/e.ubj', 'models/f.cbm']);
});

test('DVC-tracked models are listed though absent, flagged, and not reported as git-ignored', () => {
	const detection = detectProject(projectFolder({
		'.gitignore': '.env\n',
		'models/.gitignore': '/model.pkl\n',
		'models/model.pkl.dvc': 'outs:\n- md5: 5d41402abc4b2a76b9719d911017c592\n  size: 10\n  path: model.pkl\n',
		'dvc.yaml': 'stages:\n  train:\n    cmd: python train.py\n    outs:\n    - models/encoder.onnx:\n        cache: true\n    - reports/metrics.json\n',
		'data/raw.csv.dvc': 'outs:\n- path: raw.csv\n',
	}));
	assert.deepEqual(detection.models, [{path: 'models/encoder.onnx', bytes: 0, storage: 'dvc'}, {path: 'models/model.pkl', bytes: 0, storage: 'dvc'}]);
	assert.deepEqual(detection.warnings.filter(warning => warning.code.startsWith('model-')).map(warning => warning.code), ['model-dvc', 'model-dvc']);
	assert.match(detection.warnings[0]!.message, /dvc pull/);
});

test('Git LFS: a model stored in LFS needs git-lfs on the server; a pointer here is not the model', () => {
	const detection = detectProject(projectFolder({'.gitattributes': '*.onnx filter=lfs diff=lfs merge=lfs -text\nweights/** filter=lfs\n', 'model.onnx': 'real bytes', 'weights/big.pt': lfsPointer, 'other.pt': 'x'}));
	assert.deepEqual(detection.models.map(model => `${model.path}:${model.storage}`), ['model.onnx:git-lfs', 'other.pt:git', 'weights/big.pt:lfs-pointer']);
	assert.deepEqual(detection.warnings.filter(warning => warning.code.startsWith('model-')).map(warning => warning.code), ['model-git-lfs', 'model-lfs-pointer']);
});

test('ignores: nested .gitignore files apply below themselves, a later rule wins, and without git only the project\'s own count', () => {
	const directory = projectFolder({'.gitignore': '*.pkl\n', 'models/.gitignore': '!keep.pkl\n'});
	assert.deepEqual([...gitIgnored(directory, ['a.pkl', 'models/keep.pkl', 'models/other.pkl', '.env'])].sort(), ['a.pkl', 'models/other.pkl']);
});

test('ignores: in a monorepo subfolder, git\'s own answer counts the root\'s .gitignore (no false ".env not ignored")', () => {
	const root = projectFolder({'.gitignore': '.env\n*.joblib\n', 'services/api/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n@app.get("/health")\ndef health():\n    return {}\n', 'services/api/model.joblib': 'x'});
	const service = path.join(root, 'services', 'api');
	const before = detectProject(service).warnings.map(warning => warning.code);
	assert.ok(before.includes('env-not-git-ignored'), 'outside a repository only the project\'s own rules count');
	execFileSync('git', ['init', '-q', root]);
	const after = detectProject(service).warnings.map(warning => warning.code);
	assert.ok(!after.includes('env-not-git-ignored'));
	assert.ok(after.includes('model-git-ignored'), 'the root ignores *.joblib: the server would not get the model');
});

test('an app that writes next to its code is warned about; a training script that writes its model is not the app', () => {
	const detection = detectProject(projectFolder({
		'app.py': 'import sqlite3\nfrom flask import Flask\nfrom store import save\napp = Flask(__name__)\ndb = sqlite3.connect("cache.sqlite")\nopen("data/seen.txt", "a")\n',
		'store.py': 'import logging\nlogging.basicConfig(filename="app.log")\ndef save(frame):\n    frame.to_csv("out/predictions.csv")\n    open("/tmp/x", "w")\n    open("notes.txt")\n',
		'train.py': 'import joblib\njoblib.dump(object(), "model.joblib")\n',
		'.gitignore': '.env\n',
	}));
	assert.deepEqual(detection.writtenFiles, ['app.log', 'cache.sqlite', 'out/predictions.csv']);
	assert.match(detection.warnings.find(warning => warning.code === 'writes-next-to-code')!.message, /app\.log \(store\.py\), cache\.sqlite \(app\.py\), out\/predictions\.csv \(store\.py\)/);
});
