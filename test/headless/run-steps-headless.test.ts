import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {z} from 'zod';
import {portSchema} from '../../source/core/inputs.js';
import type {Step} from '../../source/core/step.js';
import {runStepsHeadless} from '../../source/headless/run-steps-headless.js';
import {createDryRunHandlers} from '../../source/run/dry-run.js';
import {createLocalHandlers} from '../../source/run/local-handlers.js';
import {newProgress} from '../../source/state/progress-schema.js';

function projectDirectory() {
	return mkdtempSync(path.join(tmpdir(), 'mldw-headless-'));
}

const writeStep: Step = {
	id: 'write',
	title: 'Write a file',
	summary: '',
	learn: '',
	inputs: [
		{name: 'appPort', label: 'Port', schema: portSchema},
		{name: 'token', label: 'Token', schema: z.string().min(1), secret: true},
	],
	available: true,
	plan: ({answers}) => [
		{kind: 'write-file', label: 'Write port.txt', path: 'port.txt', content: `${String(answers.appPort)}\n`},
		{kind: 'run-local', label: 'Fail on purpose', argv: ['sh', '-c', 'echo boom >&2; exit 3']},
	],
};

function collect() {
	const lines: string[] = [];
	const errors: string[] = [];
	return {lines, errors, print: (line: string) => lines.push(line), printError: (line: string) => errors.push(line)};
}

test('bad input names the field and nothing runs', async () => {
	const directory = projectDirectory();
	const output = collect();
	const result = await runStepsHeadless({
		steps: [writeStep],
		progress: newProgress(directory),
		answers: {appPort: '70000', token: 't'},
		handlers: createLocalHandlers(),
		projectDirectory: directory,
		dryRun: false,
		fieldName: name => (name === 'appPort' ? 'app.port' : name),
		...output,
	});
	assert.equal(result.exitCode, 2);
	assert.match(output.errors[0]!, /^app\.port: Port: use a number from 1 to 65535\./);
	assert.throws(() => readFileSync(path.join(directory, 'port.txt')));
});

test('a failing command stops the run, reports its output, keeps finished work and never saves secrets', async () => {
	const directory = projectDirectory();
	const output = collect();
	const saved: string[] = [];
	const result = await runStepsHeadless({
		steps: [writeStep],
		progress: newProgress(directory),
		answers: {appPort: '8000', token: 'do-not-save-me'},
		save: progress => saved.push(JSON.stringify(progress)),
		handlers: createLocalHandlers(),
		projectDirectory: directory,
		dryRun: false,
		...output,
	});
	assert.equal(result.exitCode, 1);
	assert.equal(readFileSync(path.join(directory, 'port.txt'), 'utf8'), '8000\n');
	assert.match(output.errors.join('\n'), /Fail on purpose failed: sh exited with code 3\.[\s\S]*boom/);
	assert.equal(result.progress.steps.write?.status, 'failed');
	assert.equal(result.progress.steps.write?.completedActions, 1, 'how far the failed run got is kept for the resume screen');
	assert.ok(saved.length > 2);
	assert.ok(saved.every(snapshot => !snapshot.includes('do-not-save-me')));
});

test('a dry run lists every action and changes nothing', async () => {
	const directory = projectDirectory();
	const output = collect();
	const result = await runStepsHeadless({
		steps: [writeStep],
		progress: newProgress(directory),
		answers: {appPort: '8000', token: 't'},
		handlers: createDryRunHandlers(),
		projectDirectory: directory,
		dryRun: true,
		...output,
	});
	assert.equal(result.exitCode, 0);
	assert.deepEqual(output.lines, ['> Write a file', '  write port.txt', "  run: sh -c 'echo boom >&2; exit 3'", '  done']);
	assert.throws(() => readFileSync(path.join(directory, 'port.txt')));
});

test('a question a default makes relevant is validated too: its missing answer is named, nothing is planned with a hole', async () => {
	// As with a private repository: "private" defaults to yes, which makes the key path apply.
	const keyStep: Step = {
		id: 'key',
		title: 'A key for a private repository',
		summary: '',
		learn: '',
		inputs: [
			{name: 'repoPrivate', label: 'Private?', schema: z.enum(['yes', 'no']), defaultValue: () => 'yes'},
			{name: 'deployKeyFile', label: 'Key file', schema: z.string().min(1), when: ({answers}) => answers.repoPrivate === 'yes'},
		],
		available: true,
		plan: ({answers}) => [{kind: 'write-file', label: 'Write key.txt', path: 'key.txt', content: `${String(answers.deployKeyFile)}\n`}],
	};
	const directory = projectDirectory();
	const output = collect();
	const result = await runStepsHeadless({steps: [keyStep], progress: newProgress(directory), answers: {}, handlers: createLocalHandlers(), projectDirectory: directory, dryRun: false, ...output});
	assert.equal(result.exitCode, 2);
	assert.match(output.errors.join('\n'), /^deployKeyFile: missing\./m);
	assert.throws(() => readFileSync(path.join(directory, 'key.txt')), 'nothing was written with "undefined" in it');
});
