import type {HeadlessCommandOptions} from './command-options.js';

export async function runVerifyCommand(_options: HeadlessCommandOptions): Promise<number> {
	console.error('ml-deploy-wizard verify is not available yet in this version.');
	return 2;
}
