// Every flow of the built binary in a real 80x24 terminal (tmux), keystroke by keystroke:
// "Only write the files" for each provider, for real, and the whole deployment of each
// provider as a dry run. Every screen shows its heading and key hints, and no line ever
// scrolls off the top (what a frame taller than the terminal does, leaving stale copies).
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {after, test} from 'node:test';
import type {Terminal} from '../support/terminal.js';
import {providerOrder, startWizard as start, walkFlow} from '../support/terminal-flows.js';

const size = {columns: 80, rows: 24};
const terminals: Terminal[] = [];
after(() => {
	for (const terminal of terminals) {
		terminal.close();
	}
});

function startWizard(flags: string[], options: {inRepository?: boolean} = {}) {
	const started = start(flags, size, options);
	terminals.push(started.terminal);
	return started;
}

function assertEveryScreenFits(screens: string[]) {
	for (const screen of screens) {
		const lines = screen.replace(/\n$/, '').split('\n');
		assert.ok(lines.length <= size.rows, `the capture is the terminal:\n${screen}`);
		// The key hints are on screen, and the frame's first line is its heading, not a stale line.
		assert.match(screen, /Ctrl-C (save and )?quit|Enter to exit/, `key hints:\n${screen}`);
		assert.match(lines[0] ?? '', /\S/, `the first line is the heading:\n${screen}`);
		// A value missing from the plan shows as the word (a key path of "undefined" once reached the disk).
		assert.doesNotMatch(screen, /\bundefined\b|\bNaN\b|\[object Object\]/, `a missing value on screen:\n${screen}`);
		assert.doesNotMatch(screen, /\(--[\w-]+ to /, `a command-line flag offered inside the wizard:\n${screen}`);
	}
}

for (const provider of providerOrder) {
	test(`"Only write the files" for ${provider} at 80x24: every screen fits, the files are written and what comes next is said`, {timeout: 150_000}, async () => {
		const {terminal, project} = startWizard([]);
		const {screens} = await walkFlow(terminal, provider, 1);
		assertEveryScreenFits(screens);
		const summary = screens.at(-1)!;
		assert.match(summary, /Your deployment files are ready\./);
		assert.match(summary, /Dockerfile \(written\)/);
		assert.doesNotMatch(summary, /Your API|verify/, 'nothing was deployed, and nothing says so');
		assert.match(summary, /Deploy it now/);
		assert.ok(existsSync(path.join(project, 'Dockerfile')));
		assert.match(readFileSync(path.join(project, '.dockerignore'), 'utf8'), /\.env/);
		await terminal.press('Enter');
		const end = await terminal.waitFor(/exit code \d+/);
		assert.match(end, /exit code 0/);
	});

	test(`the whole ${provider} deployment as a dry run at 80x24: every screen fits, nothing is written`, {timeout: 200_000}, async () => {
		const {terminal, project} = startWizard(['--dry-run']);
		const {screens} = await walkFlow(terminal, provider, 0);
		assertEveryScreenFits(screens);
		assert.ok(screens.length >= 8, `walked ${screens.length} screens`);
		assert.ok(screens.some(screen => /This step would:/.test(screen)), 'the plans were shown');
		assert.match(screens.at(-1)!, /Dry run finished: nothing was changed\./);
		assert.equal(existsSync(path.join(project, 'Dockerfile')), false, 'a dry run writes nothing');
		await terminal.press('Enter');
		assert.match(await terminal.waitFor(/exit code \d+/), /exit code 0/);
	});
}

test('a typical project (in git, its origin on a git host) reaches the first server question in at most 8 answers and 12 keys', {timeout: 150_000}, async () => {
	// Nothing of the wizard's is committed yet: the person lets the wizard commit and push.
	// The domain is left for later, the repository kept as origin; the secret is typed.
	const {terminal, project} = startWizard([], {inRepository: true});
	const walk = await walkFlow(terminal, 'vps', 0, {until: /Server address/, retry: true, keep: /Repository to deploy|Domain for/});
	assertEveryScreenFits(walk.screens);
	assert.match(walk.screens.at(-1)!, /Server address/);
	assert.match(walk.screens.join('\n'), /Run these git commands now\?/, 'the code went to the git host with consent');
	assert.equal(execFileSync('git', ['status', '--porcelain', '--', 'Dockerfile', 'compose.yaml'], {cwd: project, encoding: 'utf8'}), '', 'the files were committed');
	const keys = walk.keypresses - walk.typed;
	assert.ok(walk.questions <= 8 && keys <= 12, `${walk.questions} questions and ${keys} keys (+ ${walk.typed} typed) before the server question`);
});
