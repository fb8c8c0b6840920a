// Helpers for the Cloud Run and Heroku end-to-end tests: the provider steps run headless
// through the real local handlers (execa), against STAND-IN gcloud, heroku and docker
// executables put first on PATH (no Google, Heroku or Docker backend can run here).
import {chmodSync, mkdtempSync, renameSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import type {Answers, Step} from '../../source/core/step.js';
import {runStepsHeadless} from '../../source/headless/run-steps-headless.js';
import type {CheckOptions} from '../../source/run/check-options.js';
import {createDryRunHandlers} from '../../source/run/dry-run.js';
import {createLocalHandlers} from '../../source/run/local-handlers.js';
import {newProgress, type Progress} from '../../source/state/progress-schema.js';
import {createStandIn, type StandIn, type StandInReply} from '../support/stand-in.js';

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

/**
 * A stand-in gcloud that, like the real one, writes the key file on
 * `iam service-accounts keys create PATH` (the recording stand-in only answers text).
 */
export function createGcloudStandIn(bin: string, keyContent: string, replies: StandInReply[] = []): StandIn {
	const recorder = createStandIn(bin, 'gcloud', replies);
	renameSync(path.join(bin, 'gcloud'), path.join(bin, 'gcloud-recorder'));
	const wrapper = path.join(bin, 'gcloud');
	writeFileSync(
		wrapper,
		[
			'#!/bin/sh',
			'# STAND-IN for gcloud: writes the key file like the real CLI, then records and answers.',
			'if [ "$1 $2 $3 $4" = "iam service-accounts keys create" ]; then',
			`  printf '%s' '${keyContent}' > "$5"`,
			'fi',
			'exec "$(dirname "$0")/gcloud-recorder" "$@"',
			'',
		].join('\n'),
	);
	chmodSync(wrapper, 0o755);
	return recorder;
}

let liveChecks: CheckOptions | undefined;

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

	return createLocalHandlers(liveChecks);
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
	options: {directory: string; answers: Answers; progress?: Progress; dryRun?: boolean; fieldName?: (name: string) => string},
): Promise<HeadlessOutcome> {
	const lines: string[] = [];
	const errors: string[] = [];
	const saved: string[] = [];
	const result = await runStepsHeadless({
		steps,
		progress: options.progress ?? newProgress(options.directory),
		answers: options.answers,
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
