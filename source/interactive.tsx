// Starts the Ink wizard. Only reached when both ends are terminals; everything else goes
// through the headless commands, so a pipe or CI never meets a raw-mode error.
import {accessSync, constants} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {render} from 'ink';
import {App, type ExitReason} from './app.js';
import type {FirstPaint} from './first-paint.js';
import {type ProviderId, providerIds} from './core/step.js';
import type {AskPerson, AskSecret} from './hooks/use-wizard.js';
import type {HeadlessCommandOptions} from './headless/command-options.js';
import {providers} from './providers/registry.js';
import {teardownName, teardownStepsFor} from './providers/teardown-steps.js';
import {createDryRunHandlers} from './run/dry-run.js';
import {createReplaceFileHandler} from './run/project-handlers.js';
import {createWizardHandlers} from './run/wizard-handlers.js';
import {passphraseQuestions, setPassphrasePrompt} from './ssh/passphrase-prompt.js';
import {hasWorkToResume, newProgress} from './state/progress-schema.js';
import {openProgressStore, type ProgressStore} from './state/progress-store.js';
import {confirmInTerminal} from './ui/confirm-in-terminal.js';

/** A deliberate quit is a normal end (0); only an interruption or a signal is not. */
export const exitCodes: Record<ExitReason | 'terminated' | 'hung-up', number> = {finished: 0, quit: 0, interrupted: 130, terminated: 143, 'hung-up': 129};

const notInteractiveMessage = `The interactive wizard needs a terminal, and this is not one (CI or a pipe).
Use a headless command instead:
  ml-deploy-wizard generate --provider vps --yes     write the deployment files
  ml-deploy-wizard deploy --config deploy.json --yes run a deployment from a config file
  ml-deploy-wizard verify --url https://api.example.com
Run ml-deploy-wizard --help for every option.`;

export async function startInteractive({values, projectDirectory, stateDirectory, firstPaint}: HeadlessCommandOptions & {firstPaint?: FirstPaint}): Promise<number> {
	const provider = values.provider;
	if (provider !== undefined && !providerIds.includes(provider as ProviderId)) {
		console.error(`--provider: use one of ${providerIds.join(', ')} (got "${String(provider)}").`);
		return 2;
	}

	const interactive = process.stdin.isTTY && process.stdout.isTTY;
	if (!interactive && !values.reset) {
		console.error(notInteractiveMessage);
		return 2;
	}

	const dryRun = values['dry-run'] === true;
	const {store, notice} = await openProgressStore(projectDirectory, stateDirectory);
	if (values.reset) {
		if (notice) {
			console.error(notice);
		}

		return resetProgress(store, values.yes === true, projectDirectory);
	}

	const saved = store.load();
	let progress = saved ?? newProgress(projectDirectory);
	if (typeof provider === 'string' && progress.provider !== provider) {
		progress = {...progress, provider: provider as ProviderId};
	}

	const live = dryRun ? undefined : createWizardHandlers();
	const createHandlers = (ask: AskPerson, askSecret: AskSecret) => {
		// A key's passphrase is asked on screen, hidden, when the server accepted that key.
		setPassphrasePrompt(live ? passphraseQuestions(askSecret) : undefined);
		return live
			? {
					...live.handlers,
					// A file the person edited, or wrote themselves, is replaced only when they say so.
					'replace-file': createReplaceFileHandler(async action =>
						ask({
							title:
								action.reason === 'edited'
									? `You edited ${action.path} since the wizard wrote it. Replace it with the new version?`
									: `${action.path} is your own file. Replace it with the wizard's version?`,
							detail: action.diff,
							yesLabel: `Replace ${action.path}`,
							noLabel: `Keep my ${action.path}`,
						}),
					),
				}
			: createDryRunHandlers();
	};

	return new Promise<number>(resolve => {
		let finished = false;
		const finish = (reason: ExitReason | 'terminated' | 'hung-up') => {
			if (finished) {
				return;
			}

			finished = true;
			instance.unmount();
			Promise.all([store.flush(), live?.close()]).then(
				() => {
					if (reason !== 'finished') {
						console.log(`\n${leavingMessage(store, dryRun, projectDirectory)}`);
					}

					resolve(exitCodes[reason]);
				},
				(error: unknown) => {
					console.error(`\n${error instanceof Error ? error.message : String(error)}`);
					resolve(1);
				},
			);
		};

		// Ink draws over the frame painted at start-up, in the same update.
		firstPaint?.handOver();
		const instance = render(
			<App
				initial={{progress, providers, projectDirectory, dryRun, learn: values.learn === true, notice, dockerAvailable: onPath('docker'), fresh: saved === undefined}}
				plain={process.env.FORCE_COLOR === '0'}
				services={{save: store.save, createHandlers}}
				teardownFor={saved => {
					const steps = teardownStepsFor(saved);
					const name = teardownName(saved);
					return steps && name ? {name, steps} : undefined;
				}}
				onExit={finish}
			/>,
			{exitOnCtrlC: false},
		);
		firstPaint?.settle();
		// A closed terminal or a kill: restore the terminal and leave with the usual codes.
		process.once('SIGTERM', () => {
			finish('terminated');
		});
		process.once('SIGHUP', () => {
			finish('hung-up');
		});
	});
}

/** What was kept when the wizard stops before the end: progress saved, or nothing to save yet. */
function leavingMessage(store: ProgressStore, dryRun: boolean, projectDirectory: string): string {
	if (dryRun) {
		return 'Dry run: nothing was changed and nothing was saved.';
	}

	const saved = store.load();
	return saved && hasWorkToResume(saved)
		? `Progress saved. Resume with: npx ml-deploy-wizard --dir ${JSON.stringify(projectDirectory)}`
		: 'Nothing to save yet: no answer was given. Start again with: npx ml-deploy-wizard';
}

/** True when an executable of this name is on PATH (docker, for trying the files locally). */
function onPath(name: string): boolean {
	return (process.env.PATH ?? '').split(path.delimiter).some(directory => {
		try {
			accessSync(path.join(directory, name), constants.X_OK);
			return true;
		} catch {
			return false;
		}
	});
}

async function resetProgress(store: ProgressStore, yes: boolean, projectDirectory: string): Promise<number> {
	if (!yes) {
		if (!process.stdin.isTTY) {
			console.error('--reset forgets the saved progress; without a terminal to ask in, add --yes to confirm.');
			return 2;
		}

		const confirmed = await confirmInTerminal(`Forget the saved progress for ${projectDirectory}?`);
		if (!confirmed) {
			console.log('Kept the saved progress.');
			return 0;
		}
	}

	store.clear();
	await store.flush();
	console.log(`Saved progress for ${projectDirectory} forgotten (${store.filePath}). Files in your project are untouched.`);
	return 0;
}
