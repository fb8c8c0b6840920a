// Every screen of every flow, at 80x24 and 100x30: the real providers walked from the
// welcome screen to the summary in a dry run (every step planned and shown, nothing run),
// answering as a person would. Every frame Ink drew must fit the terminal, one line spare,
// with its key hints on screen.
import assert from 'node:assert/strict';
import {cpSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {App} from '../../source/app.js';
import type {ProviderId} from '../../source/core/step.js';
import {providers} from '../../source/providers/registry.js';
import {createDryRunHandlers} from '../../source/run/dry-run.js';
import {newProgress} from '../../source/state/progress-schema.js';
import {keys, settle} from '../support/ink-keys.js';
import {typedAnswers} from '../support/terminal-flows.js';
import {misfit, renderSized} from './sized-render.js';

const fixture = path.resolve(import.meta.dirname, '../fixtures/projects/fastapi-onnx');
const sizes = [{columns: 80, rows: 24}, {columns: 100, rows: 30}];
const modes = [{name: 'deploy', downs: 0}, {name: 'generate', downs: 1}, {name: 'learn', downs: 2}] as const;

// What this person types where the wizard cannot know; every other question keeps its default.
const typed = typedAnswers;

const hints = /Ctrl-C (save and )?quit|Enter to exit/;
const escape = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function walk(provider: ProviderId, mode: (typeof modes)[number], size: {columns: number; rows: number}) {
	const projectDirectory = mkdtempSync(path.join(tmpdir(), 'mldw-fit-'));
	cpSync(fixture, projectDirectory, {recursive: true});
	const app = renderSized(
		<App
			initial={{progress: newProgress(projectDirectory), providers, projectDirectory, dryRun: true, learn: false}}
			services={{save() {}, createHandlers: () => createDryRunHandlers()}}
			onExit={() => {}}
		/>,
		size,
	);
	const seen: string[] = [];
	const edited = new Set<RegExp>();
	const press = async (...sequence: string[]) => {
		for (const key of sequence) {
			await settle(15);
			app.stdin.write(key);
		}
	};

	try {
		let acted = '';
		let stillSince = Date.now();
		for (let turn = 0; turn < 400; turn++) {
			await settle(25);
			const frame = app.lastFrame() ?? '';
			if (frame === acted || !hints.test(frame)) {
				assert.ok(Date.now() - stillSince < 5000, `${provider}/${mode.name} at ${size.columns}x${size.rows} is stuck on:\n${frame}`);
				continue;
			}

			// A frame drawn just now may be followed by its measured, scrolled version.
			await settle(40);
			if (app.lastFrame() !== frame) {
				continue;
			}

			acted = frame;
			stillSince = Date.now();
			seen.push(frame);
			if (/Enter to exit\./.test(frame)) {
				return {seen, frames: [...app.frames]};
			}

			if (/What would you like to do\?/.test(frame)) {
				await press(...Array.from({length: mode.downs}, () => keys.down), keys.enter);
			} else if (/Where should your API run\?/.test(frame)) {
				await press(...Array.from({length: providers.findIndex(candidate => candidate.id === provider)}, () => keys.down), keys.enter);
			} else if (/❯ Try again/.test(frame)) {
				// A plan that cannot be made without a real server: skip it, as a person would.
				await press(keys.down);
				for (let move = 0; move < 3 && !/❯ Skip this step/.test(app.lastFrame() ?? ''); move++) {
					await press(keys.down);
				}

				await press(keys.enter);
			} else if (/Continue with these/.test(frame)) {
				// The form: a row this person types is opened (once each), then on with the rest.
				const wanted = typed.find(([question, answer]) => !edited.has(question) && new RegExp(`${question.source}[^\\n]*: (?!${escape(answer)})`).test(frame));
				if (wanted) {
					edited.add(wanted[0]);
					for (let move = 0; move < 20 && !new RegExp(`❯ (${wanted[0].source})`).test(app.lastFrame() ?? ''); move++) {
						await press(keys.down);
						await settle(25);
					}
				}

				await press(keys.enter);
			} else if (/❯ Exit\n/.test(frame) && /Deploy it now/.test(frame)) {
				await press(keys.enter);
			} else if (/Enter confirm/.test(frame) && /›/.test(frame)) {
				const current = /› ?(.*)$/m.exec(frame)?.[1]?.trimEnd() ?? '';
				const answer = typed.find(([question]) => question.test(frame))?.[1];
				if (answer !== undefined && current !== answer) {
					await press(...Array.from({length: current.length}, () => keys.backspace), ...answer);
				}

				await press(keys.enter);
			} else {
				await press(keys.enter);
			}
		}

		assert.fail(`${provider}/${mode.name} at ${size.columns}x${size.rows} did not reach the summary; last screen:\n${app.lastFrame() ?? ''}`);
	} finally {
		app.unmount();
	}
}

for (const size of sizes) {
	for (const {id} of providers) {
		for (const mode of modes) {
			test(`every screen of ${id}, ${mode.name}, fits ${size.columns}x${size.rows} with its key hints`, {timeout: 120_000}, async () => {
				const {seen, frames} = await walk(id, mode, size);
				assert.ok(seen.length >= (mode.name === 'generate' ? 4 : 10), `walked ${seen.length} screens`);
				if (id === 'vps') {
					// The domain was typed on the form, so the DNS and HTTPS screens were walked too.
					assert.ok(seen.some(screen => /Domain for HTTPS \(optional\): api\.example\.com/.test(screen)), 'the domain was given');
				}

				// Every frame, not only those acted on: the running ones between them too.
				for (const screen of frames) {
					const problem = misfit(screen, size);
					assert.equal(problem, undefined, `${problem}\n${screen}`);
					assert.match(screen, hints, `the key hints are on screen:\n${screen}`);
				}
			});
		}
	}
}
