import {addonInfo, appInfo, createAddon, createApp} from '../../commands/heroku.js';
import type {Action} from '../../core/action.js';
import {herokuAppSchema, herokuPlanSchema} from '../../core/cloud-inputs.js';
import {yesNoSchema} from '../../core/inputs.js';
import type {Answers, Step} from '../../core/step.js';

/** The two refusals a new account meets first: an unverified account, and a name someone else has. */
export const appHint = 'If Heroku says to verify your account, add a payment method at https://heroku.com/verify: Heroku asks for one before it creates any app, '
	+ 'even a small one (see https://devcenter.heroku.com/articles/account-verification). If the name is taken (names are unique across Heroku), choose another. Then run the wizard again.';

/**
 * Raw text or parsed, given or defaulted: a headless run checks `when` before the yes/no
 * above is parsed, and before its default (the files step's answer) is taken.
 */
function wantsPostgres(answers: Answers): boolean {
	return yesNoSchema.safeParse(String(answers.herokuPostgres ?? answers.postgres)).data === true;
}

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
			help: '3-30 lower-case letters, digits and dashes, starting with a letter; unique across Heroku. Example: forecast-api-42',
			schema: herokuAppSchema,
			// The app's name, given in the first step; Heroku says so when another account has it.
			defaultValue: ({answers}) => (typeof answers.serviceName === 'string' ? answers.serviceName : undefined),
		},
		{
			name: 'herokuPostgres',
			label: 'Add a Postgres database?',
			help: 'yes or no. Heroku then sets DATABASE_URL for your app.',
			schema: yesNoSchema,
			// The files step's answer, so deploy/heroku.sh and the wizard make the same add-ons.
			defaultValue: ({answers}) => (wantsPostgres(answers) ? 'yes' : 'no'),
		},
		{
			name: 'herokuPostgresPlan',
			label: 'Postgres plan',
			help: 'The Heroku Postgres plan. Example: essential-0 (the smallest); the old hobby-dev, mini and basic plans are gone.',
			schema: herokuPlanSchema,
			defaultValue: () => 'essential-0',
			when: ({answers}) => wantsPostgres(answers),
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
				hint: appHint,
			},
		];
		if (answers.herokuPostgres === true) {
			actions.push({
				kind: 'ensure',
				label: 'Use or add Postgres',
				what: `Postgres add-on of ${app}`,
				check: addonInfo('DATABASE', app),
				create: createAddon(`heroku-postgresql:${String(answers.herokuPostgresPlan)}`, app, true),
				hint: 'If Heroku says the plan is not available or has reached end-of-life, see the current plans with `heroku addons:plans heroku-postgresql`, '
					+ 'give one (essential-0 is the smallest) and run the wizard again. If it asks you to verify your account, add a payment method at https://heroku.com/verify first.',
			});
		}

		return actions;
	},
};
