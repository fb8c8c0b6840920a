import type {Step} from '../core/step.js';
import {appEnvironment, missingRequiredVariables, secretInputs} from './app-environment.js';

/**
 * Asks for each value the app needs at start-up that nothing gives yet (hidden, kept in
 * memory only); the provider's own steps deliver them: the VPS to the server's .env,
 * Heroku as config vars, Cloud Run as environment variables and Secret Manager secrets.
 */
export const settingsStep: Step = {
	id: 'settings',
	title: 'Settings and secrets',
	summary: 'Finds the settings your app reads at start-up and asks for any that your .env does not give.',
	learn:
		'Most apps read settings from environment variables: an API key, a database address, a log level. '
		+ 'They stay out of the code and out of the image, so the same image runs anywhere and a leaked image leaks no secrets. '
		+ 'The wizard reads your project\'s .env and asks only for what is missing; values you type are sent to the app and never saved on this computer.',
	notes(context) {
		const {values} = appEnvironment(context);
		const missing = new Set(missingRequiredVariables(context).map(variable => variable.name));
		const given = [...values.keys()].filter(name => !missing.has(name));
		return [
			given.length > 0 ? `Delivered to your app: ${given.join(', ')} (values never shown).` : 'Your project has no .env with settings to deliver.',
			...(missing.size > 0 ? [`Your app needs a value for: ${[...missing].join(', ')}.`] : []),
		];
	},
	inputs: [],
	variableInputs: secretInputs,
	available: true,
	plan(context) {
		const names = [...appEnvironment(context).values.keys()];
		return [{
			kind: 'instruct',
			label: 'The settings your app gets',
			informational: true,
			text: names.length > 0 ? `${names.join(', ')}: delivered when the app is deployed, never put in the image.` : 'No settings to deliver.',
		}];
	},
};
