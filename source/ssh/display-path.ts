import path from 'node:path';
import {homeDirectory} from './ssh-config-file.js';

/** A path as the person would write it: ~/.ssh/id_work rather than /home/me/.ssh/id_work. */
export function displayPathOf(file: string): string {
	const home = homeDirectory();
	return file.startsWith(`${home}/`) ? `~/${path.relative(home, file)}` : file;
}
