// Helpers for the Cloud Run and Heroku end-to-end tests: the provider steps run headless
// through the real local handlers (execa), against STAND-IN gcloud, heroku and docker
// executables put first on PATH (no Google, Heroku or Docker backend can run here).
import {chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
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
 * `iam service-accounts keys create PATH` (the recording stand-in only answers text), and
 * keeps Secret Manager secrets as folders under `secrets/` in `bin`: `secrets create` of one
 * that exists fails with ALREADY_EXISTS, `versions add`, `describe`, `delete` and
 * `add-iam-policy-binding` of one that does not fail with NOT_FOUND, and each version holds
 * exactly what came on standard input with `--data-file=-`.
 */
export function createGcloudStandIn(bin: string, keyContent: string, replies: StandInReply[] = []): StandIn {
	const recorder = createStandIn(bin, 'gcloud', replies);
	renameSync(path.join(bin, 'gcloud'), path.join(bin, 'gcloud-recorder'));
	const wrapper = path.join(bin, 'gcloud');
	writeFileSync(
		wrapper,
		[
			'#!/bin/sh',
			'# STAND-IN for gcloud: writes the key file like the real CLI, keeps secrets, then records and answers.',
			'here="$(dirname "$0")"',
			'if [ "$1 $2 $3 $4" = "iam service-accounts keys create" ]; then',
			`  printf '%s' '${keyContent}' > "$5"`,
			'fi',
			'if [ "$1" = secrets ]; then',
			'  "$here/gcloud-recorder" "$@" < /dev/null > /dev/null 2>&1',
			'  if [ "$2" = versions ]; then verb="versions $3"; id="$4"; else verb="$2"; id="$3"; fi',
			'  store="$here/secrets/$id"',
			'  case "$verb" in',
			'    create)',
			'      if [ -d "$store" ]; then echo "ERROR: (gcloud.secrets.create) ALREADY_EXISTS: Secret [projects/123456789012/secrets/$id] already exists." >&2; exit 1; fi',
			'      mkdir -p "$store"',
			'      case " $* " in *" --data-file=- "*) cat > "$store/1" ;; esac',
			'      echo "Created secret [$id]." >&2; exit 0 ;;',
			'  esac',
			'  if [ ! -d "$store" ]; then echo "ERROR: (gcloud.secrets.$2) NOT_FOUND: Secret [projects/123456789012/secrets/$id] not found or has no versions." >&2; exit 1; fi',
			'  case "$verb" in',
			'    "versions add")',
			'      version=$(( $(ls "$store" | wc -l) + 1 ))',
			'      cat > "$store/$version"',
			'      echo "Created version [$version] of the secret [$id]." >&2 ;;',
			'    describe) echo "projects/123456789012/secrets/$id" ;;',
			'    delete) rm -rf "$store"; echo "Deleted secret [$id]." >&2 ;;',
			'  esac',
			'  exit 0',
			'fi',
			'exec "$here/gcloud-recorder" "$@"',
			'',
		].join('\n'),
	);
	chmodSync(wrapper, 0o755);
	return recorder;
}

/** The versions the stand-in's Secret Manager holds for a secret, oldest first. */
export function storedSecretVersions(bin: string, id: string): string[] {
	const store = path.join(bin, 'secrets', id);
	return existsSync(store) ? readdirSync(store).sort((a, b) => Number(a) - Number(b)).map(version => readFileSync(path.join(store, version), 'utf8')) : [];
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
