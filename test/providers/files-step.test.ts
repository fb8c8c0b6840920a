import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import type {ReplaceFileAction} from '../../source/core/action.js';
import {activeInputs, type PlanContext} from '../../source/core/step.js';
import {appStep, createFilesStep} from '../../source/providers/shared-steps.js';
import {providers} from '../../source/providers/registry.js';
import {describeAction} from '../../source/run/describe-action.js';
import {createLocalHandlers} from '../../source/run/local-handlers.js';
import {createReplaceFileHandler} from '../../source/run/project-handlers.js';
import {runStep} from '../../source/run/run-step.js';
import {copyFixture} from '../support/generated-project.js';

function context(projectDirectory: string, answers: PlanContext['answers'] = {}): PlanContext {
	return {answers, facts: {}, projectDirectory, dryRun: false};
}

test('every provider starts with the app step, then the files step', () => {
	for (const provider of providers) {
		assert.deepEqual(provider.steps.slice(0, 2).map(step => step.id), ['app', 'files'], provider.id);
		assert.equal(provider.steps[1]!.available, true);
	}
});

test('the app step offers what it detected as defaults, and asks the framework only when unknown', () => {
	const directory = copyFixture('flask-joblib');
	const planContext = context(directory);
	const defaults = Object.fromEntries(activeInputs(appStep, planContext).map(field => [field.name, field.defaultValue?.(planContext)]));
	assert.deepEqual(defaults, {serviceName: 'flask-joblib', appModule: 'app:app', pythonVersion: '3.11', appPort: '5000', healthPath: '/health'});
	assert.match(appStep.notes!(planContext).join('\n'), /Framework: Flask, from app\.py[\s\S]*Warning: app\.py switches on debug mode/);

	const empty = context(mkdtempSync(path.join(tmpdir(), 'mldw-empty-')));
	assert.ok(activeInputs(appStep, empty).some(field => field.name === 'framework'));
	for (const field of appStep.inputs) {
		const value = field.defaultValue?.(empty);
		assert.ok(value !== undefined && field.schema.safeParse(value).success, `${field.name}: its default passes its own check`);
	}
});

test('the app step records what it found as a fact', async () => {
	const directory = copyFixture('fastapi-onnx');
	const result = await runStep(appStep, context(directory), {handlers: createLocalHandlers()});
	assert.ok(result.ok);
	assert.equal((result.facts.project as {appModule: {value: string}}).appModule.value, 'app.main:app');
});

test('the files step writes the files, then has nothing to do; an edited file is kept unless the person says yes', async () => {
	const directory = copyFixture('flask-joblib');
	const step = createFilesStep('vps');
	assert.deepEqual(step.inputs.map(field => field.name), ['domain', 'acmeEmail', 'acmeCa', 'cron', 'postgres']);
	const answers = {appPort: 5000, healthPath: '/health', domain: '', cron: '15 * * * * GET /update-forecast', postgres: false};
	assert.deepEqual(step.notes!(context(directory, answers)), ['Scheduled: GET /update-forecast at minute 15 of every hour.']);
	const planned = await step.plan(context(directory, answers));
	assert.deepEqual(planned.map(action => action.kind), Array.from({length: 6}, () => 'write-file'));
	assert.ok((await runStep(step, context(directory, answers), {handlers: createLocalHandlers()})).ok);
	assert.deepEqual(await step.plan(context(directory, answers)), [], 'a re-run finds everything unchanged');

	const caddyfile = path.join(directory, 'Caddyfile');
	writeFileSync(caddyfile, `${readFileSync(caddyfile, 'utf8')}# my note\n`);
	const withDomain = {...answers, domain: 'api.example.com'};
	const replans = await step.plan(context(directory, withDomain));
	assert.deepEqual(replans.map(action => action.kind), ['write-file', 'write-file', 'write-file', 'replace-file', 'write-file', 'write-file'], 'untouched files just follow');
	const replace = replans[3] as ReplaceFileAction;
	assert.equal(replace!.reason, 'edited');
	assert.match(replace!.diff, /^-# my note$/m);
	assert.match(describeAction(replace!).join('\n'), /^replace Caddyfile only if you say yes \(you edited it since the wizard wrote it\):\n--- Caddyfile/);

	const kept = await runStep(step, context(directory, withDomain), {handlers: createLocalHandlers()});
	assert.ok(kept.ok, 'keeping the file is not a failure');
	assert.match(readFileSync(caddyfile, 'utf8'), /# my note/);

	const asked: string[] = [];
	const handlers = {...createLocalHandlers(), 'replace-file': createReplaceFileHandler(action => (asked.push(action.path), true))};
	assert.ok((await runStep(step, context(directory, withDomain), {handlers})).ok);
	assert.deepEqual(asked, ['Caddyfile']);
	assert.match(readFileSync(caddyfile, 'utf8'), /https:\/\/api\.example\.com/);
});

test('a file changed after the comparison is not replaced', async () => {
	// The project's own Dockerfile is built as it is (never a replace action); its own .dockerignore is one.
	const directory = copyFixture('existing-dockerfile');
	writeFileSync(path.join(directory, '.dockerignore'), '.git\n.env\n');
	const [replace] = (await createFilesStep('heroku').plan(context(directory))).filter(action => action.kind === 'replace-file') as ReplaceFileAction[];
	assert.equal(replace!.path, '.dockerignore');
	assert.equal(replace!.reason, 'not-generated');
	writeFileSync(path.join(directory, '.dockerignore'), '.git\n');
	const outcome = await createReplaceFileHandler(() => true)(replace!, {projectDirectory: directory, onOutput() {}});
	assert.equal(outcome.ok, false);
	assert.match((outcome as {message: string}).message, /\.dockerignore changed after the wizard compared it/);
	assert.equal(readFileSync(path.join(directory, '.dockerignore'), 'utf8'), '.git\n');
});

test('answers that fail their checks stop the plan with the field\'s message', async () => {
	const directory = copyFixture('flask-joblib');
	const result = await runStep(createFilesStep('cloud-run'), context(directory, {cron: '99 * * * * /x'}), {handlers: createLocalHandlers()});
	assert.equal(result.ok, false);
	assert.match((result as {failure: {message: string}}).failure.message, /Cron schedule: the minute field "99" is out of range/);
});

test('the shared headless runner takes the app and files steps as they are', async () => {
	const {runStepsHeadless} = await import('../../source/headless/run-steps-headless.js');
	const {newProgress} = await import('../../source/state/progress-schema.js');
	const directory = copyFixture('fastapi-onnx');
	const lines: string[] = [];
	const errors: string[] = [];
	const steps = providers.find(provider => provider.id === 'heroku')!.steps.slice(0, 2);
	const bad = await runStepsHeadless({
		steps, progress: newProgress(directory), answers: {healthPath: '/x y'}, handlers: createLocalHandlers(),
		projectDirectory: directory, dryRun: false, print: line => lines.push(line), printError: line => errors.push(line),
	});
	assert.equal(bad.exitCode, 2);
	assert.match(errors[0]!, /^healthPath: Path:/);
	const good = await runStepsHeadless({
		steps, progress: newProgress(directory), answers: {cron: '0 3 * * * /retrain'}, handlers: createLocalHandlers(),
		projectDirectory: directory, dryRun: false, print: line => lines.push(line), printError: line => errors.push(line),
	});
	assert.equal(good.exitCode, 0, errors.join('\n'));
	assert.equal(good.progress.answers.appModule, 'app.main:app', 'the detected default became the answer');
	assert.match(readFileSync(path.join(directory, 'deploy/heroku.sh'), 'utf8'), /scheduler_job '0 3 \* \* \*' GET \/retrain 'at 03:00 every day'/);
	assert.ok(lines.includes('  write heroku.yml'));
});
