import assert from 'node:assert/strict';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import type {Action, ActionOutcome} from '../../source/core/action.js';
import {describeAction} from '../../source/run/describe-action.js';
import {runActions} from '../../source/run/execute.js';
import {createLocalHandlers} from '../../source/run/local-handlers.js';

const directory = mkdtempSync(path.join(tmpdir(), 'mldw-check-'));

async function run(action: Action): Promise<{outcome: ActionOutcome; output: string}> {
	let output = '';
	const result = await runActions([action], {
		projectDirectory: directory,
		handlers: createLocalHandlers(),
		onEvent(event) {
			if (event.type === 'output') {
				output += event.chunk;
			}
		},
	});
	return {outcome: result.outcomes[0]!, output};
}

const sh = (script: string) => ['sh', '-c', script];

test('ensure: present is reused, missing is created, a create that finds it already there is reused', async () => {
	const reused = await run({kind: 'ensure', label: 'x', what: 'thing', check: sh('exit 0'), create: sh('echo CREATED')});
	assert.deepEqual(reused.outcome, {ok: true, output: 'thing already exists: reused.', data: 'reused'});

	const created = await run({kind: 'ensure', label: 'x', what: 'thing', check: sh('exit 1'), create: sh('echo CREATED')});
	assert.equal(created.outcome.ok && created.outcome.data, 'created');
	assert.equal(created.output, 'CREATED\n');

	const raced = await run({kind: 'ensure', label: 'x', what: 'thing', check: sh('exit 1'), create: sh('echo "ERROR: (gcloud) Resource already exists" >&2; exit 1')});
	assert.equal(raced.outcome.ok && raced.outcome.data, 'reused');
});

test('ensure: update and remove only when present; a failure names the command and its exit code', async () => {
	const updated = await run({kind: 'ensure', label: 'x', what: 'job', check: sh('exit 0'), create: sh('exit 9'), update: sh('echo UPDATED')});
	assert.equal(updated.outcome.ok && updated.outcome.data, 'updated');
	const gone = await run({kind: 'ensure', label: 'x', what: 'job', check: sh('exit 1'), remove: sh('exit 9')});
	assert.deepEqual(gone.outcome, {ok: true, output: 'job is already gone.', data: 'already gone'});
	const failed = await run({kind: 'ensure', label: 'x', what: 'app', check: sh('exit 1'), create: sh('echo "name is taken" >&2; exit 4'), hint: 'Choose another name.'});
	assert.equal(failed.outcome.ok, false);
	assert.deepEqual(failed.outcome, {
		ok: false,
		message: "Could not ensure app: `sh -c 'echo \"name is taken\" >&2; exit 4'` exited with code 4.",
		hint: 'Choose another name.',
		exitCode: 4,
		output: 'name is taken',
	});
	const missing = await run({kind: 'ensure', label: 'x', what: 'app', check: ['mldw-no-such-cli', 'apps:info'], create: ['mldw-no-such-cli']});
	assert.match(missing.outcome.ok ? '' : missing.outcome.message, /"mldw-no-such-cli" is not installed/);
});

test('check-local: output must match; the first group becomes the data', async () => {
	const url = await run({kind: 'check-local', label: 'x', argv: sh('echo name=a; echo web_url=https://a.example/'), expect: '^web_url=(https://\\S+?)/?$', failure: 'no url', hint: 'look'});
	assert.deepEqual(url.outcome, {ok: true, output: 'name=a\nweb_url=https://a.example/', data: 'https://a.example'});
	const wrong = await run({kind: 'check-local', label: 'x', argv: sh('echo other@example.com'), expect: '^(me@example\\.com)$', failure: 'not logged in as me', hint: 'log in'});
	assert.deepEqual(wrong.outcome, {ok: false, message: 'not logged in as me', hint: 'log in', output: 'other@example.com'});
	const notInstalled = await run({kind: 'check-local', label: 'x', argv: ['mldw-no-such-cli', '--version'], failure: 'It is needed.', hint: 'Install it.'});
	assert.match(notInstalled.outcome.ok ? '' : notInstalled.outcome.message, /^"mldw-no-such-cli" is not installed or not on your PATH\. It is needed\.$/);
});

test('secret values are masked in the preview, the streamed output and a failure\'s last lines', async () => {
	const action: Action = {kind: 'run-local', label: 'x', argv: sh('echo "TOKEN: $1"; exit 2'), secretValues: ["p4ss w'rd"]};
	(action as {argv: string[]}).argv.push('sh', "p4ss w'rd");
	assert.deepEqual(describeAction(action), [`run: sh -c 'echo "TOKEN: $1"; exit 2' sh '***'`]);
	const {outcome, output} = await run(action);
	assert.equal(output, 'TOKEN: ***\n');
	assert.equal(outcome.ok ? '' : outcome.output, 'TOKEN: ***');
});

test('describe: environment shown as a shell would take it, ensure on several lines', () => {
	assert.deepEqual(describeAction({kind: 'run-local', label: 'x', argv: ['docker', 'push', 'img'], env: {CLOUDSDK_ACTIVE_CONFIG_NAME: 'mldw-p'}}), [
		'run: CLOUDSDK_ACTIVE_CONFIG_NAME=mldw-p docker push img',
	]);
	assert.deepEqual(describeAction({kind: 'ensure', label: 'x', what: 'job j', check: ['gcloud', 'd'], create: ['gcloud', 'c', 'a b'], update: ['gcloud', 'u']}), [
		'ensure job j:',
		'  check: gcloud d',
		"  if missing: gcloud c 'a b'",
		'  if present: gcloud u',
	]);
});
