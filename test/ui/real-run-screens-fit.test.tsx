// The screens a dry run never shows, at 80x24 and 100x30: a new key, a long diff asked
// about mid-step, a passphrase asked hidden, a failure with a long output and hint, a long
// stream of output while running, the summary, the resume offer and Review of a long setup.
// The steps are made up; the screens are the real ones.
import assert from 'node:assert/strict';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {App} from '../../source/app.js';
import type {Provider} from '../../source/core/step.js';
import type {AskPerson, AskSecret} from '../../source/hooks/use-wizard.js';
import type {ActionHandlers} from '../../source/run/execute.js';
import {newProgress, type Progress} from '../../source/state/progress-schema.js';
import {keys, settle} from '../support/ink-keys.js';
import {misfit, renderSized} from './sized-render.js';

const publicKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMo6WFfWybVA6M2hP/d1fcf/QaFl8Pk70k3mpML8TAXe mldw@laptop';
const numbered = (count: number, text: string) => Array.from({length: count}, (_, index) => `${text} ${index + 1}`).join('\n');

const step = (id: string, title: string, plan: Provider['steps'][number]['plan']) => ({id, title, summary: `${title}: a summary long enough to wrap at eighty columns, as real summaries do.`, learn: 'Explained.', inputs: [], available: true, plan});

export const showcase: Provider = {
	id: 'vps',
	name: 'Showcase',
	description: 'Every kind of screen.',
	steps: [
		step('key', 'Create a key', () => [{kind: 'generate-key', label: 'Create (or reuse) the server key', path: '~/.ssh/id_mldw', comment: 'mldw@laptop', purpose: 'server'}]),
		step('diff', 'Write a file you edited', () => [{kind: 'replace-file', label: 'Replace .env.example?', path: '.env.example', content: 'A=1\n', reason: 'edited', diff: numbered(60, '+LINE'), expectedSha256: 'x'}]),
		step('secret', 'Log in with a passphrase', () => [{kind: 'check-login', label: 'Log in', server: {host: '203.0.113.7', port: 22, user: 'root', identityFile: '~/.ssh/id_mldw'}}]),
		step('stream', 'Build the image', () => [{kind: 'run-local', label: 'docker build', argv: ['docker', 'build', '.']}]),
		step('fail', 'Check the server', () => [{kind: 'check-local', label: 'Check something', argv: ['true'], failure: 'x', hint: 'y'}]),
	],
};

function handlers(ask: AskPerson, askSecret: AskSecret): ActionHandlers {
	return {
		async 'generate-key'() {
			return {ok: true, output: ['Created ~/.ssh/id_mldw (private, mode 600: never share it) and ~/.ssh/id_mldw.pub.', 'Public key (safe to share):', `  ${publicKey}`, 'Where it goes: on the server, as one line in ~/.ssh/authorized_keys of the user you log in as.'].join('\n')};
		},
		async 'replace-file'(action) {
			const yes = await ask({title: `You edited ${action.path} since the wizard wrote it. Replace it with the new version?`, detail: action.diff, yesLabel: 'Replace', noLabel: 'Keep mine'});
			return {ok: true, output: yes ? `replaced ${action.path}` : `kept your ${action.path}`};
		},
		async 'check-login'() {
			await askSecret({title: 'The key ~/.ssh/id_mldw has a passphrase', detail: 'The server accepted this key. Type its passphrase to use it; it is never saved.', yesLabel: '', noLabel: '', secret: {label: 'Passphrase for ~/.ssh/id_mldw'}});
			return {ok: true, output: 'Logged in as root@203.0.113.7.'};
		},
		async 'run-local'(_action, context) {
			for (let line = 1; line <= 50; line++) {
				// A build's output arrives over time; a frame is drawn at most 30 times a second.
				await settle(4);
				context.onOutput(`#${line} building layer ${line} of 50, with a line long enough to be cut at the edge of an 80 column terminal\n`);
			}

			return {ok: true, output: 'built'};
		},
		async 'check-local'() {
			return {ok: false, message: 'The server cannot be reached on port 22: the connection timed out after 10 seconds, twice.', output: numbered(40, 'ssh: connect to host 203.0.113.7 port 22: Connection timed out'), hint: numbered(8, 'Check the firewall of your provider, then the address, then the port')};
		},
	};
}

const sizes = [{columns: 80, rows: 24}, {columns: 100, rows: 30}];

for (const size of sizes) {
	test(`a real run's screens fit ${size.columns}x${size.rows}: a key, a diff, a passphrase, a long output, a failure`, {timeout: 60_000}, async () => {
		const projectDirectory = mkdtempSync(path.join(tmpdir(), 'mldw-fit-'));
		const app = renderSized(
			<App
				initial={{progress: {...newProgress(projectDirectory), provider: 'vps', answers: {}}, providers: [showcase], projectDirectory, dryRun: false, learn: false}}
				services={{save() {}, createHandlers: handlers}}
				onExit={() => {}}
			/>,
			size,
		);
		// Waits for a screen; a preview or a result on the way is confirmed, as a person would.
		const waitFor = async (pattern: RegExp) => {
			for (let attempt = 0; attempt < 200; attempt++) {
				const frame = app.lastFrame() ?? '';
				if (pattern.test(frame)) {
					return frame;
				}

				if (/Enter run|Enter continue/.test(frame)) {
					await settle(40);
					app.stdin.write(keys.enter);
				}

				await settle(20);
			}

			throw new Error(`No frame matched ${pattern}:\n${app.lastFrame() ?? ''}`);
		};

		const press = async (...sequence: string[]) => {
			for (const key of sequence) {
				await settle(40);
				app.stdin.write(key);
			}
		};

		try {
			await waitFor(/Resume at "Create a key"/);
			await press(keys.enter);
			const key = await waitFor(/Public key \(safe to share\)/);
			// Whole, unbroken, from the first column: with its comment when that fits, else without.
			const [type, body] = publicKey.split(' ');
			const shown = publicKey.length <= size.columns ? publicKey : `${type} ${body}`;
			assert.ok(key.split('\n').some(line => line.trimEnd() === shown), `the key is one row of its own:\n${key}`);
			assert.match(key, /cat ~\/\.ssh\/id_mldw\.pub/);
			assert.match(key, /ssh-copy-id -i ~\/\.ssh\/id_mldw\.pub USER@SERVER/);
			const diff = await waitFor(/You edited \.env\.example/);
			assert.match(diff, /\+LINE 1\n/, 'a long diff is shown from its top');
			await press(keys.enter);
			await waitFor(/Step 3 of 5/);
			await waitFor(/Passphrase for/);
			await press('x', keys.enter);
			await waitFor(/Logged in as root/);
			await waitFor(/Step 5 of 5/);
			await waitFor(/❯ Try again/);
			const failure = app.lastFrame()!;
			assert.match(failure, /✖ The server cannot be reached/, 'the failure stays in view under a long output');
			await press(keys.down);
			await waitFor(/❯ Skip this step/);
			await press(keys.enter);
			await waitFor(/Enter to exit\./);
			assert.ok(app.frames.some(frame => /│ #[1-5]\d building layer/.test(frame)), 'the latest output was on screen while the step ran');
			for (const frame of app.frames) {
				assert.equal(misfit(frame, size), undefined, `${misfit(frame, size)}\n${frame}`);
				assert.match(frame, /Ctrl-C (save and )?quit|Enter to exit/, `the key hints are on screen:\n${frame}`);
			}
		} finally {
			app.unmount();
		}
	});

	test(`resume and Review of a long setup fit ${size.columns}x${size.rows}`, async () => {
		const answers = Object.fromEntries(Array.from({length: 30}, (_, index) => [`answer${index}`, `value ${index}`]));
		const progress: Progress = {...newProgress('/p'), provider: 'vps', answers, steps: {key: {status: 'done', completedActions: 0, facts: {}}, fail: {status: 'failed', completedActions: 0, facts: {}}}};
		const app = renderSized(<App initial={{progress, providers: [showcase], projectDirectory: '/p', dryRun: false, learn: false}} services={{save() {}, createHandlers: handlers}} onExit={() => {}} />, size);
		try {
			await settle(100);
			app.stdin.write(keys.down);
			await settle(60);
			app.stdin.write(keys.enter);
			await settle(150);
			const review = app.lastFrame() ?? '';
			assert.match(review, /Saved setup: Showcase/);
			assert.match(review, /PgUp\/PgDn scroll/, 'a setup longer than the screen scrolls');
			for (const frame of app.frames) {
				assert.equal(misfit(frame, size), undefined, `${misfit(frame, size)}\n${frame}`);
			}
		} finally {
			app.unmount();
		}
	});
}
