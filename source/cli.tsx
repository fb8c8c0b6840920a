#!/usr/bin/env node
// Flags and the choice of mode; nothing else. Everything heavy is imported only once the
// mode is known, so --help and --version answer instantly.
import {statSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import packageJson from '../package.json' with {type: 'json'};
import {helpText, parseCliArguments, UsageError} from './cli-arguments.js';
import {providerIds} from './core/step.js';
import {type FirstPaint, paintFirstFrame} from './first-paint.js';

// Painted before the interface loads; taken back if the wizard stops before it draws.
let firstPaint: FirstPaint | undefined;

async function main(): Promise<number> {
	const {subcommand, values} = parseCliArguments(process.argv.slice(2));
	if (values.help) {
		console.log(helpText);
		return 0;
	}

	if (values.version) {
		console.log(packageJson.version);
		return 0;
	}

	if (process.env.NO_COLOR !== undefined || process.env.TERM === 'dumb') {
		// Read by chalk when Ink loads, which is why it is set before any import below.
		process.env.FORCE_COLOR = '0';
	}

	const projectDirectory = path.resolve(typeof values.dir === 'string' ? values.dir : process.cwd());
	// A mistyped --dir would otherwise become a new, empty project with files written into it.
	if (typeof values.dir === 'string' && !statSync(projectDirectory, {throwIfNoEntry: false})?.isDirectory()) {
		throw new UsageError(`--dir: ${projectDirectory} is not a folder. Give the folder of your project (it must exist).`);
	}

	const stateDirectory = process.env.MLDW_STATE_DIR || undefined;

	switch (subcommand) {
		case 'generate': {
			const {runGenerateCommand} = await import('./headless/generate-command.js');
			return runGenerateCommand({values, projectDirectory});
		}

		case 'deploy': {
			const {runDeployCommand} = await import('./headless/deploy-command.js');
			return runDeployCommand({values, projectDirectory, stateDirectory});
		}

		case 'verify': {
			const {runVerifyCommand} = await import('./headless/verify-command.js');
			return runVerifyCommand({values, projectDirectory, stateDirectory});
		}

		case 'teardown': {
			const {runTeardownCommand} = await import('./headless/teardown-command.js');
			return runTeardownCommand({values, projectDirectory, stateDirectory});
		}

		case undefined: {
			// The welcome screen at once, unless the wizard is about to say something else
			// (a bad --provider, --reset's question).
			const validProvider = values.provider === undefined || providerIds.includes(values.provider as (typeof providerIds)[number]);
			firstPaint = values.reset || !validProvider ? undefined : paintFirstFrame({projectDirectory, stateDirectory, dryRun: values['dry-run'] === true});
			const {startInteractive} = await withoutFetch(async () => import('./interactive.js'));
			return startInteractive({values, projectDirectory, stateDirectory, firstPaint});
		}
	}
}

/**
 * Ink's layout engine (yoga) loads its WebAssembly through fetch() of an inline data: URL
 * whenever fetch exists, and the first touch of Node's fetch loads undici, together a
 * sizeable part of the time to the first frame. Without fetch, yoga instantiates the same
 * bytes directly. fetch is hidden only while the wizard's modules load, then restored.
 */
async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
	const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	if (!descriptor?.configurable) {
		return load();
	}

	Object.defineProperty(globalThis, 'fetch', {value: undefined, configurable: true, writable: true});
	try {
		return await load();
	} finally {
		Object.defineProperty(globalThis, 'fetch', descriptor);
	}
}

/** One readable line instead of a stack trace; DEBUG=1 shows the stack. */
function reportUnexpected(error: unknown): void {
	firstPaint?.release();
	firstPaint = undefined;
	console.error(`ml-deploy-wizard stopped: ${error instanceof Error ? error.message : String(error)}`);
	if (process.env.DEBUG) {
		console.error(error);
	}
}

// An 'error' event nobody listens for (a library's socket, late, after its first error was
// handled) escapes every try: it too ends as a message and exit 1, never a stack trace.
process.on('uncaughtException', error => {
	reportUnexpected(error);
	process.exit(1);
});

try {
	process.exitCode = await main();
} catch (error) {
	if (error instanceof UsageError) {
		console.error(error.message);
		process.exitCode = 2;
	} else {
		reportUnexpected(error);
		process.exitCode = 1;
	}
}
