import type {HeadlessCommandOptions} from './command-options.js';

export async function runGenerateCommand(_options: HeadlessCommandOptions): Promise<number> {
	console.error('ml-deploy-wizard generate is not available yet in this version.');
	return 2;
}
