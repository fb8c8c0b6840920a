import {containerLogin, herokuVersion, whoAmI} from '../../commands/heroku.js';
import type {Step} from '../../core/step.js';
import {accountField, dockerChecks, loggedInCheck} from '../container-checks.js';

export const herokuCheckStep: Step = {
	id: 'heroku-check',
	title: 'Check the Heroku CLI',
	summary: 'Makes sure the heroku and docker commands are installed and that you are logged in.',
	learn:
		'The Heroku CLI talks to your Heroku account; each step after this is a heroku command shown before it runs, so you could repeat it by hand. '
		+ 'Docker builds your image here; `heroku container:login` lets docker push it to Heroku\'s registry.',
	inputs: [accountField('herokuAccount', 'Heroku')],
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
			loggedInCheck('The Heroku CLI', whoAmI(), account, 'heroku login'),
			{kind: 'run-local', label: 'Log docker in to Heroku\'s registry', argv: containerLogin()},
		];
	},
};
