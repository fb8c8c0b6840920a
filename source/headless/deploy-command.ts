import type {HeadlessCommandOptions} from './command-options.js';

export async function runDeployCommand(_options: HeadlessCommandOptions): Promise<number> {
	console.error('ml-deploy-wizard deploy is not available yet in this version.');
	return 2;
}
