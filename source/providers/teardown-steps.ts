import type {Step} from '../core/step.js';
import type {Progress} from '../state/progress-schema.js';
import {cloudRunTeardownSteps} from './cloud-run/cloud-run-teardown.js';
import {herokuTeardownSteps} from './heroku/heroku-teardown.js';

/**
 * The steps that remove what the saved deployment made, or undefined when there is nothing
 * the wizard can remove by itself (no provider yet, no name answered, or a VPS, whose
 * teardown is by hand). Each step asks for the name again (teardownConfirm) before it runs.
 */
export function teardownStepsFor(progress: Pick<Progress, 'provider' | 'answers'>): Step[] | undefined {
	const name = teardownName(progress);
	if (name === undefined) {
		return undefined;
	}

	return progress.provider === 'cloud-run' ? cloudRunTeardownSteps(name) : herokuTeardownSteps(name);
}

/** What the person types to confirm: the Cloud Run service or the Heroku app name. */
export function teardownName(progress: Pick<Progress, 'provider' | 'answers'>): string | undefined {
	const answer = progress.provider === 'cloud-run' ? progress.answers.cloudRunService : progress.provider === 'heroku' ? progress.answers.herokuApp : undefined;
	return typeof answer === 'string' && answer !== '' ? answer : undefined;
}
