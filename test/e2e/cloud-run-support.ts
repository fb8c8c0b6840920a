// Helpers for the Cloud Run and Heroku end-to-end tests: the provider steps run headless
// through the real local handlers (execa), against STAND-IN gcloud, heroku and docker
// executables put first on PATH (no Google, Heroku or Docker backend can run here; see
// cloud-world.ts). Their pauses for IAM are recorded instead of slept.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import type {Answers, Step} from '../../source/core/step.js';
import {runStepsHeadless} from '../../source/headless/run-steps-headless.js';
import type {CheckOptions} from '../../source/run/check-options.js';
import {createDryRunHandlers} from '../../source/run/dry-run.js';
import {createLocalHandlers} from '../../source/run/local-handlers.js';
import {newProgress, type Progress} from '../../source/state/progress-schema.js';

export function temporaryDirectory(prefix: string): string {
	return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Puts `bin` first on this process's PATH (local handlers inherit it); returns the undo. */
export function prependPath(bin: string): () => void {
	const previous = process.env.PATH;
	process.env.PATH = `${bin}${path.delimiter}${previous ?? ''}`;
	return () => {
		process.env.PATH = previous;
	};
}

let liveChecks: CheckOptions | undefined;
const waits: number[] = [];

/** The pauses (in seconds) the wizard's retries asked for since the last call, then forgets them. */
export function takeWaits(): number[] {
	return waits.splice(0).map(milliseconds => milliseconds / 1000);
}

/**
 * Where the live checks of a real run go: the loopback endpoint's DNS server and CA
 * (test/support/loopback-endpoint.ts). A real run refuses to start without them, so no
 * test can ask the system's resolver about a platform's name.
 */
export function useLiveChecks(checks: CheckOptions | undefined): void {
	liveChecks = checks;
}

function localHandlers() {
	if (!liveChecks) {
		throw new Error('call useLiveChecks(endpoint.checks) first: live checks must stay on loopback');
	}

	return createLocalHandlers({
		...liveChecks,
		async sleep(milliseconds) {
			waits.push(milliseconds);
		},
	});
}

export type HeadlessOutcome = {
	exitCode: number;
	progress: Progress;
	lines: string[];
	errors: string[];
	/** Every snapshot the runner saved, as JSON text. */
	saved: string[];
};

export async function runHeadless(
	steps: readonly Step[],
	options: {directory: string; answers: Answers; secretAnswers?: Answers; progress?: Progress; dryRun?: boolean; fieldName?: (name: string) => string},
): Promise<HeadlessOutcome> {
	const lines: string[] = [];
	const errors: string[] = [];
	const saved: string[] = [];
	const base = options.progress ?? newProgress(options.directory);
	const result = await runStepsHeadless({
		steps,
		// As deploy --config does: the given answers join the saved ones, so those no step
		// asks for (appSettings, from env.values) reach every plan too.
		progress: {...base, answers: {...base.answers, ...options.answers}},
		answers: options.answers,
		secretAnswers: options.secretAnswers,
		save: options.dryRun ? undefined : progress => saved.push(JSON.stringify(progress)),
		handlers: options.dryRun ? createDryRunHandlers() : localHandlers(),
		projectDirectory: options.directory,
		dryRun: options.dryRun ?? false,
		fieldName: options.fieldName,
		print: line => lines.push(line),
		printError: line => errors.push(line),
	});
	return {exitCode: result.exitCode, progress: result.progress, lines, errors, saved};
}

/** Calls whose argv starts with these words. */
export function callsStartingWith(calls: string[][], ...words: string[]): string[][] {
	return calls.filter(call => words.every((word, index) => call[index] === word));
}
