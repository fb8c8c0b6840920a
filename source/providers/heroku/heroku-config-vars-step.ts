import {setConfigVars} from '../../commands/heroku.js';
import {deliveredSettingsActions, skippedSettingsActions} from '../../core/cloud-inputs.js';
import type {Step} from '../../core/step.js';
import {deliveredNames} from '../app-environment.js';
import {herokuSettings} from './heroku-settings.js';

export const herokuConfigVarsStep: Step = {
	id: 'heroku-config',
	title: 'Set config vars',
	summary: 'Sets your app\'s settings and secrets (from your .env, the config file or the settings step) as Heroku config vars; secret values are never shown.',
	learn:
		'Config vars are environment variables Heroku gives your app at start-up. They keep settings and secrets out of your code and image. '
		+ 'Heroku chooses the port and passes it in $PORT; your app must listen on it, on 0.0.0.0 (HOST), or Heroku cannot reach it.',
	// The settings step asks for what is missing; this step only delivers.
	inputs: [],
	available: true,
	plan(context) {
		const app = String(context.answers.herokuApp);
		const settings = herokuSettings(context);
		const pairs = [['HOST', '0.0.0.0'] as [string, string], ...settings.plain, ...settings.secrets];
		return [
			{
				// One command: each config:set makes a new release and restarts the app.
				kind: 'run-local',
				label: settings.secrets.length > 0 ? 'Set HOST, your settings and your secrets' : 'Set HOST and your settings',
				argv: setConfigVars(pairs, app),
				// Heroku prints the values it set: they are masked there too, and in a failure's last lines.
				secretValues: settings.secrets.map(([, value]) => value),
			},
			...skippedSettingsActions(settings),
			...deliveredSettingsActions(pairs.map(([name]) => name), deliveredNames({facts: {own: context.facts['heroku-config'] ?? {}}})),
		];
	},
};
