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
	'not-generated': 'not written by the wizard',
};

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

/**
 * `ml-deploy-wizard generate`: writes the deployment files for one provider and says what
 * happened to each. Exit 0 written (or nothing to do), 1 an edited file was left alone,
 * 2 bad input (nothing written).
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
	if (values['dry-run'] === true) {
		for (const write of writes) {
			io.print(`\n----- ${write.file.path} (${statusWords[write.status]}${needsConfirmation(write) ? ': left alone unless --force' : ''}) -----`);
			io.print(write.file.content.trimEnd());
		}

		io.print('\nDry run: nothing was written.');
		return 0;
	}

	const pending = writes.filter(write => write.status !== 'unchanged');
	if (pending.length > 0 && values.yes !== true) {
		if (!io.interactive) {
			return bad('--yes: add --yes to write the files without a question (there is no terminal to ask in).');
		}

		if (!(await io.confirm(`Write ${pending.length} file${pending.length === 1 ? '' : 's'} into ${projectDirectory}?`))) {
			io.print('Nothing was written.');
			return 0;
		}
	}

	const force = values.force === true;
	let leftAlone = 0;
	for (const write of writes) {
		const {file} = write;
		if (write.status === 'unchanged') {
			io.print(`${'unchanged'.padEnd(11)}${file.path}`);
			continue;
		}

		if (needsConfirmation(write) && !force) {
			leftAlone++;
			io.print(`${'left alone'.padEnd(11)}${file.path}: ${write.status === 'edited' ? 'you edited it since the wizard wrote it' : 'the wizard did not write it'}. Regenerating would change:`);
			io.print(write.diff!.split('\n').map(line => `    ${line}`).join('\n'));
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

	if (leftAlone > 0) {
		io.printError(`${leftAlone} file${leftAlone === 1 ? ' was' : 's were'} left alone to keep your changes. Compare, then re-run with --force to replace ${leftAlone === 1 ? 'it' : 'them'}.`);
		return 1;
	}

	return 0;
}
