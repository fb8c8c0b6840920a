import {statSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {parseCronEntry} from '../core/inputs.js';
import type {Answers, ProviderId} from '../core/step.js';
import {describeDetection} from '../detect/describe-detection.js';
import {prepareFiles} from '../render/prepare-files.js';
import {needsConfirmation, type PlannedWrite} from '../render/write-plan.js';
import {writeFileAtomic} from '../run/atomic-write.js';
import type {HeadlessCommandOptions} from './command-options.js';

export type GenerateIo = {
	print: (line: string) => void;
	printError: (line: string) => void;
	/** True when a person can answer a question on this terminal. */
	interactive: boolean;
	confirm: (question: string) => Promise<boolean>;
};

const providers: readonly ProviderId[] = ['vps', 'cloud-run', 'heroku'];

/** Answer name to the flag that sets it, so every message names what the person typed. */
const flags: Record<string, string> = {
	serviceName: '--name',
	framework: '--framework',
	appModule: '--app-module',
	appImportDirectory: '--app-dir',
	pythonVersion: '--python',
	appPort: '--app-port',
	healthPath: '--health-path',
	domain: '--domain',
	acmeEmail: '--acme-email',
	acmeCa: '--acme-ca',
	cron: '--cron',
	postgres: '--postgres',
};

const statusWords: Record<PlannedWrite['status'], string> = {
	create: 'new',
	update: 'update',
	unchanged: 'unchanged',
	edited: 'edited by you',
	'not-generated': 'yours',
};

/** Files the wizard writes and would change: what --check reports as drift. */
const drifting = (write: PlannedWrite) => write.status === 'create' || write.status === 'update';

function processIo(): GenerateIo {
	return {
		print: line => console.log(line),
		printError: line => console.error(line),
		interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
		async confirm(question) {
			const {createInterface} = await import('node:readline/promises');
			const readline = createInterface({input: process.stdin, output: process.stdout});
			try {
				return /^y(es)?$/i.test((await readline.question(`${question} (y/N) `)).trim());
			} finally {
				readline.close();
			}
		},
	};
}

/** A value as it may be shown back: hostile input never reaches the terminal raw. */
function shown(value: unknown): string {
	return JSON.stringify(value);
}

function answersFromFlags(values: HeadlessCommandOptions['values']): {ok: true; answers: Answers} | {ok: false; message: string} {
	const answers: Answers = {};
	for (const [name, flag] of Object.entries(flags)) {
		const value = values[flag.slice(2)];
		if (typeof value === 'string') {
			answers[name] = value;
		}
	}

	if (values.postgres === true) {
		answers.postgres = 'yes';
	}

	const cron = Array.isArray(values.cron) ? values.cron : [];
	for (const entry of cron) {
		// One job per flag: ";" (which separates jobs in the wizard) is refused here.
		const parsed = entry.includes(';') ? {ok: false as const, message: 'Cron job: give one job per --cron flag (no ";").'} : parseCronEntry(entry);
		if (!parsed.ok) {
			return {ok: false, message: `--cron ${shown(entry)}: ${parsed.message}`};
		}
	}

	answers.cron = cron.join('; ');
	return {ok: true, answers};
}

/** --check: what would change, written nowhere; exit 1 when a file the wizard writes is missing or out of date. */
function check(writes: readonly PlannedWrite[], io: GenerateIo): number {
	for (const write of writes) {
		io.print(`${statusWords[write.status].padEnd(14)}${write.file.path}`);
	}

	const drift = writes.filter(write => drifting(write));
	if (drift.length === 0) {
		io.print('The generated files are up to date.');
		return 0;
	}

	io.printError(`${drift.length} generated file${drift.length === 1 ? ' is' : 's are'} missing or out of date: ${drift.map(write => write.file.path).join(', ')}. Run the same command without --check to write ${drift.length === 1 ? 'it' : 'them'}.`);
	return 1;
}

/**
 * `ml-deploy-wizard generate`: writes the deployment files for one provider and says what
 * happened to each. Files the person owns (their own, or the wizard's edited since) are kept
 * and named, never replaced without --force. Exit 0 written (or nothing to do, or files
 * kept), 1 a file could not be written (or --check found drift), 2 bad input (nothing written).
 */
export async function runGenerateCommand(options: HeadlessCommandOptions, io: GenerateIo = processIo()): Promise<number> {
	const {values, projectDirectory} = options;
	const bad = (message: string) => {
		io.printError(message);
		io.printError('Nothing was written.');
		return 2;
	};

	const provider = values.provider;
	if (typeof provider !== 'string' || !providers.includes(provider as ProviderId)) {
		return bad(`--provider: choose vps, cloud-run or heroku${typeof provider === 'string' ? ` (not ${shown(provider)})` : ''}.`);
	}

	try {
		if (!statSync(projectDirectory).isDirectory()) {
			return bad(`--dir: ${shown(projectDirectory)} is not a folder.`);
		}
	} catch {
		return bad(`--dir: ${shown(projectDirectory)} does not exist.`);
	}

	const fromFlags = answersFromFlags(values);
	if (!fromFlags.ok) {
		return bad(fromFlags.message);
	}

	const prepared = await prepareFiles(provider as ProviderId, fromFlags.answers, projectDirectory);
	if (!prepared.ok) {
		return bad(`${flags[prepared.field] ?? prepared.field}: ${prepared.message}`);
	}

	io.print(`Looked at ${projectDirectory}:`);
	for (const line of describeDetection(prepared.detection)) {
		io.print(`  ${line}`);
	}

	const {writes, notes} = prepared;
	if (values.check === true) {
		return check(writes, io);
	}

	if (values['dry-run'] === true) {
		for (const write of writes) {
			io.print(`\n----- ${write.file.path} (${statusWords[write.status]}${needsConfirmation(write) ? ': left alone unless --force' : ''}) -----`);
			io.print(write.file.content.trimEnd());
		}

		io.print('\nDry run: nothing was written.');
		return 0;
	}

	const force = values.force === true;
	const pending = writes.filter(write => write.status !== 'unchanged' && (force || !needsConfirmation(write)));
	if (pending.length > 0 && values.yes !== true) {
		if (!io.interactive) {
			return bad('--yes: add --yes to write the files without a question (there is no terminal to ask in).');
		}

		if (!(await io.confirm(`Write ${pending.length} file${pending.length === 1 ? '' : 's'} into ${projectDirectory}?`))) {
			io.print('Nothing was written.');
			return 0;
		}
	}

	let kept = 0;
	const ownDockerfile = prepared.detection.own.dockerfile;
	if (ownDockerfile) {
		io.print(`${'kept'.padEnd(11)}${ownDockerfile.path}: yours; the image is built with it as it is.`);
	}

	for (const write of writes) {
		const {file} = write;
		if (write.status === 'unchanged') {
			io.print(`${'unchanged'.padEnd(11)}${file.path}`);
			continue;
		}

		if (needsConfirmation(write) && !force) {
			kept++;
			if (write.status === 'edited') {
				io.print(`${'kept'.padEnd(11)}${file.path}: you edited it since the wizard wrote it. Regenerating would change:`);
				io.print(write.diff!.split('\n').map(line => `    ${line}`).join('\n'));
			} else {
				io.print(`${'kept'.padEnd(11)}${file.path}: yours (the wizard did not write it), read and used as it is.`);
			}

			continue;
		}

		try {
			await writeFileAtomic(path.join(projectDirectory, file.path), file.content, file.mode ?? 0o644);
		} catch (error) {
			io.printError(`Could not write ${file.path}: ${(error as Error).message}. Check that you may write to ${projectDirectory}, then run the command again.`);
			return 1;
		}

		const verb = write.status === 'create' ? 'wrote' : write.status === 'update' ? 'updated' : 'replaced';
		io.print(`${verb.padEnd(11)}${file.path}`);
	}

	for (const note of notes) {
		io.print(note);
	}

	if (kept > 0) {
		io.print(`${kept} file${kept === 1 ? ' is' : 's are'} yours and ${kept === 1 ? 'was' : 'were'} kept. --force replaces ${kept === 1 ? 'it' : 'them'} with the wizard's; --dry-run shows the difference first.`);
	}

	return 0;
}
