import {containerLogin, herokuVersion, whoAmI} from '../../commands/heroku.js';
import {accountSchema} from '../../core/cloud-inputs.js';
import type {Step} from '../../core/step.js';
import {dockerChecks, escapeRegExp} from '../container-checks.js';

export const herokuCheckStep: Step = {
	id: 'heroku-check',
	title: 'Check the Heroku CLI',
	summary: 'Makes sure the heroku and docker commands are installed and that you are logged in.',
	learn:
		'The Heroku CLI talks to your Heroku account; each step after this is a heroku command shown before it runs, so you could repeat it by hand. '
		+ 'Docker builds your image here; `heroku container:login` lets docker push it to Heroku\'s registry.',
	inputs: [
		{
			name: 'herokuAccount',
			label: 'Your Heroku account',
			help: 'The email you log in to Heroku with, like you@example.com. Leave empty to accept whichever account is logged in.',
			schema: accountSchema,
			defaultValue: () => '',
		},
	],
	available: true,
	plan({answers}) {
		const account = String(answers.herokuAccount ?? '');
		return [
			{
				kind: 'check-local',
				label: 'Check that the Heroku CLI is installed',
				argv: herokuVersion(),
				failure: 'The Heroku CLI is needed for every Heroku step.',
				hint: 'Install it from https://devcenter.heroku.com/articles/heroku-cli, then run the wizard again.',
			},
			...dockerChecks(),
			{
				kind: 'check-local',
				label: 'Check which account the Heroku CLI is logged in with',
				argv: whoAmI(),
				expect: account === '' ? '^(\\S+@\\S+)$' : `^(${escapeRegExp(account)})$`,
				failure: account === '' ? 'The Heroku CLI is not logged in.' : `The Heroku CLI is not logged in as ${account}.`,
				hint: 'Run `heroku login`, then run the wizard again: it resumes here.',
			},
			{kind: 'run-local', label: 'Log docker in to Heroku\'s registry', argv: containerLogin()},
		];
	},
};
