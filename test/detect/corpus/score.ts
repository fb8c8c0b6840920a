// One corpus project, held against its truth: detection, generate for every provider, and
// (when Debian's packages can run it) the generated container command serving its health
// check. Shared by the corpus test and the benchmark's score.
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {detectProject} from '../../../source/detect/detect-project.js';
import {detectionProblems} from './check-detection.js';
import {generatedProblems, providers} from './check-generated.js';
import {runImage, type RunOutcome} from './run-image.js';
import {copyProject, type Truth} from './truth.js';

export type FixtureResult = {
	name: string;
	problems: string[];
	/** Undefined when the project cannot run here (truth.runnable says why). */
	run?: RunOutcome;
};

/** The .env a person writes before starting the app: the settings it cannot start without. */
function writeDotEnv(directory: string, truth: Truth): void {
	const values = {...truth.env, ...(truth.flags?.includes('--postgres') ? {POSTGRES_PASSWORD: 'corpus-password'} : {})};
	writeFileSync(path.join(directory, '.env'), Object.entries(values).map(([name, value]) => `${name}=${value}\n`).join(''));
}

export async function scoreFixture(name: string, truth: Truth, options: {run: boolean}): Promise<FixtureResult> {
	const directory = copyProject(truth);
	const problems = detectionProblems(detectProject(directory), truth, directory);
	let vps: string | undefined;
	for (const provider of providers) {
		const generated = await generatedProblems(truth, provider);
		problems.push(...generated.problems);
		vps ??= provider === 'vps' ? generated.directory : undefined;
	}

	if (!options.run || truth.runnable !== true || vps === undefined) {
		return {name, problems};
	}

	writeDotEnv(vps, truth);
	return {name, problems, run: await runImage(vps, truth.health)};
}
