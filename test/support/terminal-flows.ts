// One person's walk through a flow of the built binary in a real terminal (tmux), keystroke
// by keystroke, from the welcome screen to the summary: "Only write the files", or a whole
// deployment as a dry run. Shared by the 80x24 flow tests and the benchmark, which both
// count what it took.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {cpSync, existsSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {nextScreen, openTerminal, type Terminal} from './terminal.js';

const binary = path.resolve(import.meta.dirname, '../../dist/cli.js');
const fixture = path.resolve(import.meta.dirname, '../fixtures/projects/fastapi-onnx');

export type FlowWalk = {
	screens: string[];
	/** Questions answered: a text box, a list, or a screen of answers confirmed together. */
	questions: number;
	/** Every key: Enter, arrows, Backspace and each character typed. */
	keypresses: number;
	/** Of those, characters typed. */
	typed: number;
};

export const providerOrder = ['vps', 'cloud-run', 'heroku'] as const;

/**
 * The wizard in a fresh copy of a small FastAPI project; the shell prints its exit code
 * after it. `inRepository`: the project is a git repository whose origin (a bare one here,
 * standing for GitHub) has its code, and nothing the wizard writes is committed yet.
 */
export function startWizard(flags: string[], size: {columns: number; rows: number}, options: {inRepository?: boolean} = {}): {terminal: Terminal; project: string} {
	assert.ok(existsSync(binary), 'dist/cli.js is missing: run npm run build first (npm test does).');
	const project = mkdtempSync(path.join(tmpdir(), 'mldw-flow-'));
	cpSync(fixture, project, {recursive: true});
	const state = mkdtempSync(path.join(tmpdir(), 'mldw-state-'));
	const identity = {GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.test', GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.test'};
	if (options.inRepository) {
		const origin = `${project}-origin.git`;
		const git = (...args: string[]) => execFileSync('git', args, {cwd: project, stdio: 'ignore', env: {...process.env, ...identity}});
		execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', origin]);
		git('init', '--quiet', '-b', 'main');
		git('add', '-A');
		git('commit', '--quiet', '-m', 'The app');
		git('remote', 'add', 'origin', origin);
		git('push', '--quiet', '-u', 'origin', 'main');
	}

	const variables = Object.entries(identity).map(([name, value]) => `${name}=${value}`).join(' ');
	// CI is removed, not set to false: colour libraries turn colour off when CI is set at all.
	const terminal = openTerminal(`env -u CI TERM=xterm-256color MLDW_STATE_DIR=${state} ${variables} ${process.execPath} ${binary} ${flags.join(' ')}; echo "exit code $?"`, {cwd: project, env: {}, ...size});
	return {terminal, project};
}

/** What this person types where the wizard cannot know; every other answer is the wizard's. */
export const typedAnswers: Array<[RegExp, string]> = [
	[/Domain for HTTPS|Domain for your API/, 'api.example.com'],
	[/Server address/, '203.0.113.7'],
	[/Repository to deploy/, 'git@github.com:me/forecast-api.git'],
	[/Value for \w+/, 'secret-value'],
	[/Project id/, 'forecast-api-4821'],
	[/Service name/, 'forecast-api'],
	[/App name/, 'forecast-api-42'],
];

/**
 * Walks from the welcome screen to the summary, one screen at a time: every screen acted on,
 * and what it took. `mode` is the welcome choice (0 deploy, 1 only the files). `until`: stop
 * at the first screen that matches, without acting on it. A failed step is skipped, or
 * (`retry`) tried again, as a person who lets the wizard fix it (commit and push) would.
 * `keep`: questions whose offered answer the person keeps (the repository from origin).
 */
export async function walkFlow(terminal: Terminal, provider: (typeof providerOrder)[number], mode: number, options: {until?: RegExp; retry?: boolean; keep?: RegExp} = {}): Promise<FlowWalk> {
	const screens: string[] = [];
	const walk: FlowWalk = {screens, questions: 0, keypresses: 0, typed: 0};
	const named = new Set(['Enter', 'BSpace', 'Up', 'Down', 'Escape']);
	const press = async (...keys: string[]) => {
		for (const key of keys) {
			walk.keypresses += named.has(key) ? 1 : key.length;
			walk.typed += named.has(key) ? 0 : key.length;
		}

		await terminal.press(...keys);
	};

	const opened = new Set<RegExp>();
	const answers = typedAnswers.filter(([question]) => !options.keep || !options.keep.test(question.source));
	let previous = '';
	const deadline = Date.now() + 120_000;
	for (;;) {
		const screen = await nextScreen(terminal, previous, /Ctrl-C (save and )?quit|Enter to exit|↑↓ choose {2}· {2}Enter select/, {settleMs: 200, deadline});
		if (screen === undefined) {
			break;
		}

		previous = screen;
		screens.push(screen);
		assert.equal(terminal.scrolledOff(), 0, `a frame was taller than the terminal; now:\n${screen}`);
		if (/Enter to exit\.|❯ Exit\n/.test(screen) || options.until?.test(screen)) {
			return walk;
		}

		if (/What would you like to do\?|Where should your API run\?|Continue with these|Enter confirm/.test(screen)) {
			walk.questions++;
		}

		if (/What would you like to do\?/.test(screen)) {
			await press(...Array.from({length: mode}, () => 'Down'), 'Enter');
		} else if (/Where should your API run\?/.test(screen)) {
			await press(...Array.from({length: providerOrder.indexOf(provider)}, () => 'Down'), 'Enter');
		} else if (/❯ Try again/.test(screen) && options.retry) {
			await press('Enter');
		} else if (/❯ Try again/.test(screen)) {
			await press('Down');
			while (!/❯ Skip this step/.test(terminal.screen())) {
				await press('Down');
			}

			await press('Enter');
		} else if (/Continue with these/.test(screen)) {
			const wanted = answers.find(([question, answer]) => !opened.has(question) && new RegExp(`(?:${question.source})[^\\n]*: (?!${answer.replaceAll('.', '\\.')})`).test(screen));
			if (wanted) {
				opened.add(wanted[0]);
				for (let move = 0; move < 20 && !new RegExp(`❯ (?:${wanted[0].source})`).test(terminal.screen()); move++) {
					await press('Down');
				}
			}

			await press('Enter');
		} else if (/Enter confirm/.test(screen)) {
			const current = /› ?(.*)$/m.exec(screen)?.[1]?.trim() ?? '';
			const answer = answers.find(([question]) => question.test(screen))?.[1];
			if (answer !== undefined && current !== answer) {
				await press(...Array.from({length: current.length}, () => 'BSpace'), answer);
			}

			await press('Enter');
		} else {
			await press('Enter');
		}
	}

	assert.fail(`${provider} did not reach ${options.until ? options.until.source : 'the summary'}; last screen:\n${terminal.screen()}`);
}
