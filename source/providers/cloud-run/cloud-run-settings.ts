import {type CloudSettings, cloudSettings} from '../../core/cloud-inputs.js';
import type {PlanContext} from '../../core/step.js';
import {appEnvironment} from '../app-environment.js';

// Names Cloud Run sets itself and refuses in --update-env-vars.
const reserved = new Map(['PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION'].map(name => [name, 'Cloud Run sets it']));

/** The app's settings as the service gets them: plain ones as environment variables, secrets from Secret Manager. */
export function cloudRunSettings(context: Pick<PlanContext, 'answers' | 'projectDirectory'>): CloudSettings {
	return cloudSettings(appEnvironment(context), reserved);
}
