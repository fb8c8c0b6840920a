// Where a project's progress lives, without loading anything heavy: the start-up reads it
// to know, before the interface loads, whether the first screen is the welcome one.
import {createHash} from 'node:crypto';
import path from 'node:path';
import envPaths from 'env-paths';

/** One progress file per project directory, so two projects never mix. */
export function progressFileName(projectDirectory: string): string {
	const digest = createHash('sha256').update(path.resolve(projectDirectory)).digest('hex').slice(0, 16);
	return `progress-${digest}`;
}

/** The folder of the progress files: `stateDirectory` (MLDW_STATE_DIR, tests), else the user's config folder. */
export function progressDirectory(stateDirectory?: string): string {
	return stateDirectory ?? envPaths('ml-deploy-wizard', {suffix: ''}).config;
}

export function progressFilePath(projectDirectory: string, stateDirectory?: string): string {
	return path.join(progressDirectory(stateDirectory), `${progressFileName(projectDirectory)}.json`);
}
