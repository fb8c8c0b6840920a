import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {render} from 'ink-testing-library';
import {z} from 'zod';
import {App, type ExitReason} from '../../source/app.js';
import {exitCodes} from '../../source/interactive.js';
import {createDryRunHandlers} from '../../source/run/dry-run.js';
import {createLocalHandlers} from '../../source/run/local-handlers.js';
import {newProgress, type Progress} from '../../source/state/progress-schema.js';
import {fakeProvider} from '../support/fake-provider.js';
import {keys, settle, waitForFrame, waitUntil} from '../support/ink-keys.js';
import {moreKeys} from './sized-render.js';

function renderApp(options: {progress?: Progress; learn?: boolean; dryRun?: boolean; plain?: boolean} = {}) {
	const projectDirectory = mkdtempSync(path.join(tmpdir(), 'mldw-app-'));
	const saved: Progress[] = [];
	const exits: ExitReason[] = [];
	const instance = render(
		<App
			plain={options.plain}
			initial={{
				progress: options.progress ?? newProgress(projectDirectory),
				providers: [fakeProvider],
				projectDirectory,
				dryRun: options.dryRun ?? false,
				learn: options.learn ?? false,
			}}
			services={{save: progress => saved.push(progress), createHandlers: () => (options.dryRun ? createDryRunHandlers() : createLocalHandlers())}}
			onExit={code => exits.push(code)}
		/>,
	);
	return {...instance, projectDirectory, saved, exits};
}

/** The welcome and provider screens passed with Enter, up to the first question (the secret). */
async function openFirstQuestion(options: Parameters<typeof renderApp>[0] = {}) {
	const app = renderApp(options);
	await waitForFrame(app.lastFrame, /What would you like to do\?/);
	await press(app.stdin, keys.enter);
	await waitForFrame(app.lastFrame, /Where should your API run\?/);
	await press(app.stdin, keys.enter);
	return app;
}

/** Past the secret, to the pre-filled port, opened from the form. */
async function openPortQuestion(options: Parameters<typeof renderApp>[0] = {}) {
	const app = await openFirstQuestion(options);
	await waitForFrame(app.lastFrame, /Token/);
	await press(app.stdin, 't', keys.enter);
	await waitForFrame(app.lastFrame, /❯ Continue with these/);
	await press(app.stdin, keys.down, keys.enter);
	return app;
}

async function press(stdin: {write: (data: string) => void}, ...sequence: string[]) {
	for (const key of sequence) {
		// A new screen subscribes to input in an effect, just after its first frame.
		await settle();
		stdin.write(key);
	}

	await settle();
}

test('from welcome to a written file: a secret asked alone, the rest on one screen, an inline error, run, result', async () => {
	const app = await openFirstQuestion();
	let frame = await waitForFrame(app.lastFrame, /Step 1 of 3: About the app/);
	assert.match(frame, /Token/);
	await press(app.stdin, 's');
	await waitForFrame(app.lastFrame, /› \*\n/);
	await press(app.stdin, keys.enter);
	frame = await waitForFrame(app.lastFrame, /Go on with these, or choose one to change it:/);
	assert.match(frame, /❯ Continue with these\n\s+Port: 8000\n\s+Name: fake-api\n/);
	await press(app.stdin, keys.down);
	await waitForFrame(app.lastFrame, /❯ Port: 8000/);
	await press(app.stdin, keys.enter);
	await waitForFrame(app.lastFrame, /› 8000/);
	// One key at a time, each awaited on screen.
	await press(app.stdin, '0');
	await waitForFrame(app.lastFrame, /› 80000/);
	await press(app.stdin, keys.enter);
	frame = await waitForFrame(app.lastFrame, /✖ Port: use a number from 1 to 65535\./);
	await press(app.stdin, keys.backspace);
	await waitForFrame(app.lastFrame, /› 8000\n/);
	await press(app.stdin, keys.backspace);
	await waitForFrame(app.lastFrame, /› 800\n/);
	await press(app.stdin, '1');
	await waitForFrame(app.lastFrame, /› 8001\n/);
	await press(app.stdin, keys.enter);
	frame = await waitForFrame(app.lastFrame, /❯ Continue with these\n\s+Port: 8001\n/);
	await press(app.stdin, keys.enter);
	// Writing files in the project changes nothing anyone else sees: it runs without a preview.
	frame = await waitForFrame(app.lastFrame, /✔ Done\./);
	assert.match(frame, /Paste the key at Settings > Keys\./, 'instructions stay on screen');
	await waitUntil(() => app.saved.at(-1)?.steps.files?.status === 'done', 'the finished step is saved');
	assert.equal(readFileSync(path.join(app.projectDirectory, 'port.txt'), 'utf8'), '8001\n');
	const last = app.saved.at(-1)!;
	assert.equal(last.answers.appPort, 8001);
	assert.equal(last.answers.serviceName, 'fake-api');
	assert.equal(last.steps.files?.status, 'done');
	assert.ok(app.saved.every(progress => !('token' in progress.answers)), 'the secret answer is never saved');
	await press(app.stdin, keys.enter);
	frame = await waitForFrame(app.lastFrame, /Not available yet/);
	await press(app.stdin, keys.enter);
	await waitForFrame(app.lastFrame, /Finished, with 1 step skipped or not done\./);
	await press(app.stdin, keys.enter);
	assert.deepEqual(app.exits, ['finished']);
	app.unmount();
});

test('the checklist shows each step with its status', async () => {
	const progress: Progress = {
		...newProgress('/p'),
		provider: 'vps',
		steps: {app: {status: 'done', completedActions: 0, facts: {}}},
	};
	const app = renderApp({progress});
	await waitForFrame(app.lastFrame, /Resume at "Write files"/);
	await press(app.stdin, keys.enter);
	const frame = await waitForFrame(app.lastFrame, /✔ Done\./);
	assert.match(frame, /✔ 1\. About the app \(done\)/);
	assert.match(frame, /▶ 2\. Write files/);
	assert.match(frame, /· 3\. Later step/);
	app.unmount();
});

test('review lists saved answers; start over asks before forgetting', async () => {
	const progress: Progress = {...newProgress('/p'), provider: 'vps', answers: {appPort: 5000}};
	const app = renderApp({progress});
	await waitForFrame(app.lastFrame, /Welcome back/);
	await press(app.stdin, keys.down);
	await waitForFrame(app.lastFrame, /❯ Review answers and steps/);
	await press(app.stdin, keys.enter);
	let frame = await waitForFrame(app.lastFrame, /Saved setup: Fake server/);
	// Under the step that asked it, by its question, not its internal name.
	assert.match(frame, /About the app\n {2}Port: 5000\n/);
	assert.doesNotMatch(frame, /appPort/);
	await press(app.stdin, keys.escape);
	await waitForFrame(app.lastFrame, /Welcome back/);
	await press(app.stdin, keys.down);
	await waitForFrame(app.lastFrame, /❯ Review/);
	await press(app.stdin, keys.down);
	await waitForFrame(app.lastFrame, /❯ Start over/);
	await press(app.stdin, keys.enter);
	frame = await waitForFrame(app.lastFrame, /Start over and forget the saved answers\?/);
	await press(app.stdin, keys.enter);
	await waitForFrame(app.lastFrame, /Welcome back/);
	assert.equal(app.saved.length, 0, '"No, keep it" is the default and changes nothing');
	await press(app.stdin, keys.down);
	await waitForFrame(app.lastFrame, /❯ Review/);
	await press(app.stdin, keys.down);
	await waitForFrame(app.lastFrame, /❯ Start over/);
	await press(app.stdin, keys.enter);
	await waitForFrame(app.lastFrame, /Start over and forget the saved answers\?/);
	await press(app.stdin, keys.down);
	await waitForFrame(app.lastFrame, /❯ Yes, start over/);
	await press(app.stdin, keys.enter);
	await waitForFrame(app.lastFrame, /What would you like to do\?/);
	await waitUntil(() => app.saved.length > 0, 'the fresh progress is saved');
	assert.deepEqual(app.saved.at(-1)?.answers, {});
	app.unmount();
});

test('learn mode shows the long explanation on every step', async () => {
	const app = renderApp({learn: true});
	await waitForFrame(app.lastFrame, /What would you like to do\?/);
	await press(app.stdin, keys.enter);
	await waitForFrame(app.lastFrame, /Where should your API run\?/);
	await press(app.stdin, keys.enter);
	const frame = await waitForFrame(app.lastFrame, /What is going on here\?/);
	assert.match(frame, /Ports explained at length\./);
	app.unmount();
});

test('Ctrl-C is an interruption; nothing is saved on the first screen, where it says "quit", not "save"', async () => {
	const app = renderApp();
	const frame = await waitForFrame(app.lastFrame, /What would you like to do\?/);
	assert.match(frame, /Ctrl-C quit/);
	await press(app.stdin, keys.ctrlC);
	assert.deepEqual(app.exits, ['interrupted']);
	assert.equal(app.saved.length, 0);
	app.unmount();
});

test('the text box starts with its cursor at the end of the pre-filled answer, in every question and after Esc', async () => {
	const app = await openPortQuestion();
	await waitForFrame(app.lastFrame, /› 8000/);
	// ← moves the cursor: a key typed then goes before the last digit.
	await press(app.stdin, moreKeys.left, '1');
	await waitForFrame(app.lastFrame, /› 80010\n/);
	await press(app.stdin, keys.backspace, keys.backspace, '1');
	await waitForFrame(app.lastFrame, /› 8010\n/);
	await press(app.stdin, keys.enter);
	await waitForFrame(app.lastFrame, /❯ Continue with these\n\s+Port: 8010\n/);
	// Opened again: the cursor is at the end of the answer, so typing appends to it.
	await press(app.stdin, keys.down, keys.enter);
	await waitForFrame(app.lastFrame, /› 8010/);
	await press(app.stdin, '1');
	await waitForFrame(app.lastFrame, /› 80101\n/);
	// Esc back to the list and into the next row: a fresh box, its cursor at the end too.
	await press(app.stdin, keys.escape);
	await waitForFrame(app.lastFrame, /❯ Continue with these\n\s+Port: 8010\n/);
	await press(app.stdin, keys.down, keys.down, keys.enter);
	await waitForFrame(app.lastFrame, /› fake-api/);
	await press(app.stdin, 'x');
	await waitForFrame(app.lastFrame, /› fake-apix\n/);
	app.unmount();
});

test('without colour (NO_COLOR) the cursor is drawn as a bar', async () => {
	const app = await openPortQuestion({plain: true});
	await waitForFrame(app.lastFrame, /› 8000\|\n/);
	await press(app.stdin, moreKeys.left, moreKeys.left);
	await waitForFrame(app.lastFrame, /› 80\|00\n/);
	app.unmount();
});

test('keys typed faster than the screen redraws all arrive, in order', async () => {
	const app = await openPortQuestion();
	await waitForFrame(app.lastFrame, /› 8000/);
	for (const key of [keys.backspace, keys.backspace, keys.backspace, keys.backspace, '4', '4', '3', '.', '1']) {
		app.stdin.write(key);
	}

	await waitForFrame(app.lastFrame, /› 443\.1\n/);
	app.unmount();
});

test('a dry run shows every file in full, says nothing ran, and writes nothing', async () => {
	const app = renderApp({dryRun: true, progress: {...newProgress('/p'), provider: 'vps', answers: {appPort: 8123}, steps: {app: {status: 'done', completedActions: 0, facts: {}}}}});
	await waitForFrame(app.lastFrame, /Welcome back/);
	await press(app.stdin, keys.enter);
	let frame = await waitForFrame(app.lastFrame, /This step would:/);
	assert.match(frame, /Enter continue \(dry run: nothing changes\)/);
	assert.match(frame, /write port\.txt\n.*\n\s+│ 8123 +│/, 'the file is shown, not only named');
	await press(app.stdin, keys.enter);
	frame = await waitForFrame(app.lastFrame, /Dry run: nothing ran\./);
	assert.doesNotMatch(frame, /✔ \[/, 'no action is ticked as done');
	assert.throws(() => readFileSync(path.join(app.projectDirectory, 'port.txt')));
	assert.equal(app.saved.length, 0);
	app.unmount();
});

test('a saved Cloud Run or Heroku deployment can be removed from the resume screen, after typing its name', async () => {
	const progress: Progress = {...newProgress('/p'), provider: 'heroku', answers: {herokuApp: 'forecast-api-42'}};
	const teardownStep = {
		id: 'heroku-teardown',
		title: 'Remove the Heroku app',
		summary: 'Destroys the app.',
		learn: '',
		inputs: [{name: 'teardownConfirm', label: 'Type the app name to confirm', schema: z.literal('forecast-api-42', {message: 'Type forecast-api-42 exactly.'})}],
		available: true,
		plan: () => [{kind: 'instruct' as const, label: 'Destroyed', text: 'gone'}],
	};
	const projectDirectory = mkdtempSync(path.join(tmpdir(), 'mldw-app-'));
	const saved: Progress[] = [];
	const app = render(
		<App
			initial={{progress, providers: [fakeProvider], projectDirectory, dryRun: false, learn: false}}
			services={{save: next => saved.push(next), createHandlers: () => createLocalHandlers()}}
			teardownFor={() => ({name: 'forecast-api-42', steps: [teardownStep]})}
			onExit={() => {}}
		/>,
	);
	await waitForFrame(app.lastFrame, /Remove the deployment "forecast-api-42"/);
	for (const selected of [/❯ Review/, /❯ Start over/, /❯ Remove the deployment/]) {
		await press(app.stdin, keys.down);
		await waitForFrame(app.lastFrame, selected);
	}

	await press(app.stdin, keys.enter);
	await waitForFrame(app.lastFrame, /Type the app name to confirm/);
	await press(app.stdin, 'x');
	await waitForFrame(app.lastFrame, /› x/);
	await press(app.stdin, keys.enter);
	await waitForFrame(app.lastFrame, /✖ Type forecast-api-42 exactly\./);
	app.unmount();
});

test('"Save and quit" after a failure is a deliberate quit (exit 0), Ctrl-C an interruption (130)', async () => {
	const projectDirectory = mkdtempSync(path.join(tmpdir(), 'mldw-app-'));
	const exits: ExitReason[] = [];
	const progress: Progress = {...newProgress(projectDirectory), provider: 'vps', steps: {app: {status: 'done', completedActions: 0, facts: {}}}};
	const app = render(
		<App
			initial={{progress, providers: [fakeProvider], projectDirectory, dryRun: false, learn: false}}
			services={{save() {}, createHandlers: () => ({'write-file': async () => ({ok: false, message: 'Disk full.'})})}}
			onExit={reason => exits.push(reason)}
		/>,
	);
	await waitForFrame(app.lastFrame, /Resume at "Write files"/);
	await press(app.stdin, keys.enter);
	await waitForFrame(app.lastFrame, /✖ Disk full\./);
	await press(app.stdin, keys.down, keys.down);
	await waitForFrame(app.lastFrame, /❯ Save and quit/);
	await press(app.stdin, keys.enter);
	assert.deepEqual(exits, ['quit']);
	assert.equal(exitCodes.quit, 0);
	assert.equal(exitCodes.interrupted, 130);
	app.unmount();
});
