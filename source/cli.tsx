#!/usr/bin/env node
// Flags and the choice of mode; nothing else. Everything heavy is imported only once the
// mode is known, so --help and --version answer instantly.
import path from 'node:path';
import process from 'node:process';
import packageJson from '../package.json' with {type: 'json'};
import {helpText, parseCliArguments, UsageError} from './cli-arguments.js';

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
			const {startInteractive} = await import('./interactive.js');
			return startInteractive({values, projectDirectory, stateDirectory});
		}
	}
}

try {
	process.exitCode = await main();
} catch (error) {
	if (error instanceof UsageError) {
		console.error(error.message);
		process.exitCode = 2;
	} else {
		// An unexpected failure still gets one readable line; DEBUG=1 shows the stack.
		console.error(`ml-deploy-wizard stopped: ${error instanceof Error ? error.message : String(error)}`);
		if (process.env.DEBUG) {
			console.error(error);
		}

		process.exitCode = 1;
	}
}
