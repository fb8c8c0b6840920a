import {type CloudSettings, cloudSettings} from '../../core/cloud-inputs.js';
import type {PlanContext} from '../../core/step.js';
import {appEnvironment} from '../app-environment.js';

/** What deploy/heroku.sh reads from .env (see .env.example): the deployment's, never a config var. */
export const herokuScriptSettings = ['HEROKU_APP', 'HEROKU_POSTGRES_PLAN'] as const;

/**
 * The app's settings as Heroku config vars. PORT is Heroku's; HOST is always 0.0.0.0 (a
 * .env made for a laptop often says 127.0.0.1, which Heroku's router cannot reach); with
 * the Postgres add-on, DATABASE_URL is the add-on's, and Heroku refuses to overwrite it.
 */
export function herokuSettings(context: Pick<PlanContext, 'answers' | 'projectDirectory'>): CloudSettings {
	const reserved = new Map([
		['PORT', 'Heroku sets it'],
		['HOST', 'always 0.0.0.0 on Heroku'],
		...(context.answers.herokuPostgres === true ? [['DATABASE_URL', 'the Postgres add-on sets it'] as const] : []),
		...herokuScriptSettings.map(name => [name, 'a deploy setting, not the app\'s'] as const),
	]);
	return cloudSettings(appEnvironment(context), reserved);
}
