import type {HeadlessCommandOptions} from './headless/command-options.js';

export async function startInteractive(_options: HeadlessCommandOptions): Promise<number> {
	console.error('The interactive wizard is being built.');
	return 2;
}
