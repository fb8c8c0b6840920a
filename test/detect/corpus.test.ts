// The corpus: projects shaped like public Flask/FastAPI model APIs (factories, router and
// blueprint prefixes, flat imports, src/, Poetry, Pipfile, uv, their own Dockerfile, a
// Procfile, a monorepo service, DVC and Git LFS models, an app writing next to its code, no
// health route), each with a truth file written by hand. For every one: generate for every
// provider, hold the result against the truth, and where Debian's python packages can run
// it, start the generated container command as the image would and call its health check.
import assert from 'node:assert/strict';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {generate} from './corpus/check-generated.js';
import {runImage} from './corpus/run-image.js';
import {scoreFixture} from './corpus/score.js';
import {copyProject, loadTruths} from './corpus/truth.js';

const truths = loadTruths();

test('the corpus has at least twelve projects, most of them runnable here', () => {
	assert.ok(truths.length >= 12, `${truths.length} projects`);
	assert.ok(truths.filter(({truth}) => truth.runnable === true).length >= 12);
});

for (const {name, truth} of truths) {
	test(`${name}: detection and generated files match the truth${truth.runnable === true ? ', and the container command serves its health check' : ''}`, {timeout: 120_000}, async () => {
		const result = await scoreFixture(name, truth, {run: true});
		assert.deepEqual(result.problems, [], `${name}:\n${result.problems.join('\n')}`);
		if (truth.runnable === true) {
			assert.ok(result.run?.served, `${name}: ${result.run?.detail}`);
		}
	});
}

test('the image runner fails where the image would: the wrong app object, code the app may not write to', {timeout: 120_000}, async () => {
	const byName = new Map(truths.map(({name, truth}) => [name, truth]));

	// The defect this corpus started from: a factory given to gunicorn as a module-level app.
	const factory = copyProject(byName.get('flask-factory')!);
	assert.equal((await generate(factory, ['--provider', 'vps', '--app-module', 'predictor:app', '--yes'])).code, 0);
	writeFileSync(path.join(factory, '.env'), 'SECRET_KEY=x\n');
	const wrongObject = await runImage(factory, '/ops/heartbeat', 15_000);
	assert.equal(wrongObject.served, false);
	assert.match(wrongObject.detail, /Failed to find attribute 'app'/);

	// Without the folder made writable, the non-root user cannot create its database.
	const writer = copyProject(byName.get('sqlite-writer')!);
	assert.equal((await generate(writer, ['--provider', 'vps', '--yes'])).code, 0);
	const dockerfile = path.join(writer, 'Dockerfile');
	writeFileSync(dockerfile, readFileSync(dockerfile, 'utf8').replace(/^RUN mkdir -p \/app \/app\/logs \\\n {4}&& chown app:app \/app \/app\/logs\n/m, ''));
	writeFileSync(path.join(writer, '.env'), '');
	const readOnly = await runImage(writer, '/ping', 15_000);
	assert.equal(readOnly.served, false);
	assert.match(readOnly.detail, /Permission denied|unable to open database/);
});
