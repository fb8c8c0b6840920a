import {type CloudSettings, cloudSettings} from '../../core/cloud-inputs.js';
import type {PlanContext} from '../../core/step.js';
import {appEnvironment} from '../app-environment.js';

/**
 * What deploy/cloud-run.sh reads from .env (see .env.example): settings of the deployment,
 * not of the app, so the wizard never hands them to the service. GCP_SCHEDULER_SERVICE_ACCOUNT
 * is an earlier script's, still found in older .env files.
 */
export const cloudRunScriptSettings = [
	'GCP_PROJECT_ID',
	'GCP_REGION',
	'GCP_REPOSITORY',
	'GCP_DEPLOYER',
	'GCP_AUTH',
	'GCP_KEY_FILE',
	'CLOUD_RUN_SERVICE',
	'CLOUD_RUN_MEMORY',
	'CLOUD_RUN_CPU',
	'CLOUD_RUN_MIN_INSTANCES',
	'CLOUD_RUN_MAX_INSTANCES',
	'CLOUD_RUN_PUBLIC',
	'GCP_SCHEDULER_SERVICE_ACCOUNT',
] as const;

// Names Cloud Run sets itself and refuses in --update-env-vars, then the script's own.
const reserved = new Map([
	...['PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION'].map(name => [name, 'Cloud Run sets it'] as const),
	...cloudRunScriptSettings.map(name => [name, 'a deploy setting, not the app\'s'] as const),
]);

/** The app's settings as the service gets them: plain ones as environment variables, secrets from Secret Manager. */
export function cloudRunSettings(context: Pick<PlanContext, 'answers' | 'projectDirectory'>): CloudSettings {
	return cloudSettings(appEnvironment(context), reserved);
}
