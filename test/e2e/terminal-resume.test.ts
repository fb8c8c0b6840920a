// The built binary in a real terminal: answer a question, get killed, come back, resume.
import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, test} from 'node:test';
import {openTerminal, type Terminal} from '../support/terminal.js';

const binary = path.resolve('dist/cli.js');
const terminals: Terminal[] = [];
after(() => {
	for (const terminal of terminals) {
		terminal.close();
	}
});

function startWizard(projectDirectory: string, stateDirectory: string, extraEnv: Record<string, string> = {}) {
	assert.ok(existsSync(binary), 'dist/cli.js is missing: run npm run build first (npm test does).');
	// The wizard is the pane's only process (exec), so killing the pane's pid kills the wizard.
	// CI is removed, not set to false: colour libraries turn colour off when CI is set at all.
	// Variables go on the env command line: tmux sets TERM for the pane itself.
	const variables = Object.entries({TERM: 'xterm-256color', ...extraEnv}).map(([name, value]) => `${name}=${value}`);
	const terminal = openTerminal(`exec env -u CI ${variables.join(' ')} ${process.execPath} ${binary}`, {
		cwd: projectDirectory,
		env: {MLDW_STATE_DIR: stateDirectory},
	});
	terminals.push(terminal);
	return terminal;
}

test('answer, get killed, start again, resume on the same screen with the answer kept', async () => {
	const projectDirectory = mkdtempSync(path.join(tmpdir(), 'mldw-project-'));
	const stateDirectory = mkdtempSync(path.join(tmpdir(), 'mldw-state-'));
	const first = startWizard(projectDirectory, stateDirectory);
	await first.waitFor(/What would you like to do\?/);
	await first.press('Enter');
	await first.waitFor(/Where should your API run\?/);
	await first.press('Enter');
	// What the project told the wizard, on one screen: the port is opened and changed there.
	await first.waitFor(/Step 1 of \d+: Tell us about your app[\s\S]*Continue with these[\s\S]*Name for your app/);
	for (let move = 0; move < 8 && !/❯ Port your app listens on/.test(first.screen()); move++) {
		await first.press('Down');
	}

	await first.press('Enter');
	await first.waitFor(/Port your app listens on[\s\S]*› 8000/);
	await first.press('BSpace', 'BSpace', 'BSpace', 'BSpace', '5', '0', '0', '0');
	await first.waitFor(/› 5000/);
	await first.press('Enter');
	await first.waitFor(/Continue with these[\s\S]*Port your app listens on: 5000/);
	process.kill(first.pid(), 'SIGKILL');
	first.close();

	const [progressFile] = readdirSync(stateDirectory).filter(name => name.endsWith('.json'));
	assert.ok(progressFile, 'progress was saved before the kill');
	const saved = JSON.parse(readFileSync(path.join(stateDirectory, progressFile), 'utf8')) as {progress: {answers: Record<string, unknown>}};
	assert.equal(saved.progress.answers.appPort, 5000);
	assert.equal(saved.progress.answers.healthPath, undefined, 'the other answers were not confirmed yet');

	const second = startWizard(projectDirectory, stateDirectory);
	const offer = await second.waitFor(/Welcome back/);
	assert.match(offer, /Resume at "Tell us about your app"/);
	assert.match(offer, /Review answers and steps/);
	assert.match(offer, /Start over/);
	await second.press('Enter');
	const screen = await second.waitFor(/Step 1 of \d+: Tell us about your app[\s\S]*Continue with these/);
	assert.match(screen, /Port your app listens on: 5000/, 'lands on the answers that were open, the changed one kept');
	assert.match(screen, /Health route: /);
});

/** The wizard in a fresh project, the shell printing its exit code; at the provider question. */
async function wizardWithExitCode() {
	const projectDirectory = mkdtempSync(path.join(tmpdir(), 'mldw-project-'));
	const stateDirectory = mkdtempSync(path.join(tmpdir(), 'mldw-state-'));
	const terminal = openTerminal(`env -u CI ${process.execPath} ${binary}; echo "exit code $?"`, {
		cwd: projectDirectory,
		env: {MLDW_STATE_DIR: stateDirectory, TERM: 'xterm-256color'},
	});
	terminals.push(terminal);
	await terminal.waitFor(/What would you like to do\?/);
	await terminal.press('Enter');
	await terminal.waitFor(/Where should your API run\?/);
	return terminal;
}

test('Ctrl-C saves, exits with 130 and prints how to resume', async () => {
	const terminal = await wizardWithExitCode();
	await terminal.press('Enter');
	await terminal.waitFor(/Step 1 of \d+/);
	await terminal.press('C-c');
	const screen = await terminal.waitFor(/exit code \d+/);
	assert.match(screen, /Progress saved\. Resume with: npx ml-deploy-wizard --dir /);
	assert.match(screen, /exit code 130/);
	assert.doesNotMatch(screen, /at .*\.js:\d+/, 'no stack trace');
});

test('Ctrl-C before anything was chosen says there was nothing to save', async () => {
	const terminal = await wizardWithExitCode();
	await terminal.press('C-c');
	const screen = await terminal.waitFor(/exit code \d+/);
	assert.match(screen, /Nothing to save yet/);
	assert.doesNotMatch(screen, /Progress saved/);
	assert.match(screen, /exit code 130/);
});

for (const [name, value] of [['NO_COLOR', '1'], ['TERM', 'dumb']] as const) {
	test(`${name}=${value} turns colour and styles off`, async () => {
		const projectDirectory = mkdtempSync(path.join(tmpdir(), 'mldw-project-'));
		const stateDirectory = mkdtempSync(path.join(tmpdir(), 'mldw-state-'));
		const coloured = startWizard(projectDirectory, stateDirectory);
		await coloured.waitFor(/What would you like to do\?/);
		assert.match(coloured.styledScreen(), /\u001B\[[\d;]*m/, 'colour is on by default');
		const plain = startWizard(projectDirectory, stateDirectory, {[name]: value});
		await plain.waitFor(/What would you like to do\?/);
		assert.doesNotMatch(plain.styledScreen(), /\u001B\[[\d;]*m/);
	});
}
