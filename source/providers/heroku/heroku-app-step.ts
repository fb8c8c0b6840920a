import {addonInfo, appInfo, createAddon, createApp} from '../../commands/heroku.js';
import type {Action} from '../../core/action.js';
import {herokuAppSchema, herokuPlanSchema} from '../../core/cloud-inputs.js';
import {yesNoSchema} from '../../core/inputs.js';
import type {Step} from '../../core/step.js';

export const herokuAppStep: Step = {
	id: 'heroku-app',
	title: 'Create the Heroku app',
	summary: 'Creates the app (or reuses it) and, if you want one, a Postgres database add-on.',
	learn:
		'A Heroku "app" is the unit you deploy and pay for; its name is also its web address, so it must be unique across Heroku. '
		+ 'Add-ons attach services to it; the Postgres add-on creates a database and sets DATABASE_URL for you, so you never copy its password around.',
	inputs: [
		{
			name: 'herokuApp',
			label: 'App name',
			help: '3-30 lower-case letters, digits and dashes, starting with a letter. Example: forecast-api-42',
			schema: herokuAppSchema,
		},
		{name: 'herokuPostgres', label: 'Add a Postgres database?', help: 'yes or no. Heroku then sets DATABASE_URL for your app.', schema: yesNoSchema, defaultValue: () => 'no'},
		{
			name: 'herokuPostgresPlan',
			label: 'Postgres plan',
			help: 'The Heroku Postgres plan. Example: essential-0 (the smallest paid plan)',
			schema: herokuPlanSchema,
			defaultValue: () => 'essential-0',
			// Raw text or parsed: a headless run checks `when` before the yes/no above is parsed.
			when: ({answers}) => yesNoSchema.safeParse(String(answers.herokuPostgres)).data === true,
		},
	],
	available: true,
	plan({answers}) {
		const app = String(answers.herokuApp);
		const actions: Action[] = [
			{
				kind: 'ensure',
				label: 'Use or create the app',
				what: `Heroku app ${app}`,
				check: appInfo(app),
				create: createApp(app),
				hint: 'App names are unique across Heroku. If this one is taken, choose another name and run the wizard again.',
			},
		];
		if (answers.herokuPostgres === true) {
			actions.push({
				kind: 'ensure',
				label: 'Use or add Postgres',
				what: `Postgres add-on of ${app}`,
				check: addonInfo('DATABASE', app),
				create: createAddon(`heroku-postgresql:${String(answers.herokuPostgresPlan)}`, app, true),
			});
		}

		return actions;
	},
};
