import {readFile} from 'node:fs/promises';
import path from 'node:path';
import type {HeadlessCommandOptions} from './command-options.js';
import {type DeployConfig, parseDeployConfig} from './deploy-config.js';

/**
 * Reads and checks `--config FILE` for deploy and teardown. Every problem is printed with
 * its JSON field; undefined then means "exit 2, nothing was changed".
 */
export async function loadDeployConfig(
	options: HeadlessCommandOptions,
	command: 'deploy' | 'teardown',
	printError: (line: string) => void,
): Promise<{config: DeployConfig; configPath: string} | undefined> {
	const configPath = options.values.config;
	if (typeof configPath !== 'string') {
		printError(`${command} needs --config FILE: a JSON file describing the deployment (see the README for an example).`);
		return undefined;
	}

	let content: string;
	try {
		content = await readFile(path.resolve(configPath), 'utf8');
	} catch (error) {
		printError(`Cannot read the config file ${configPath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
		return undefined;
	}

	const parsed = parseDeployConfig(content);
	if ('problems' in parsed) {
		for (const problem of parsed.problems) {
			printError(`${problem.field}: ${problem.message}`);
		}

		printError(`Nothing was changed. Fix ${configPath} and run again.`);
		return undefined;
	}

	return {config: parsed.config, configPath};
}
