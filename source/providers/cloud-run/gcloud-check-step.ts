import {gcloudActiveAccount, gcloudVersion} from '../../commands/gcloud.js';
import {accountSchema} from '../../core/cloud-inputs.js';
import type {Step} from '../../core/step.js';
import {dockerChecks, escapeRegExp} from '../container-checks.js';

export const gcloudCheckStep: Step = {
	id: 'gcloud-check',
	title: 'Check gcloud and Docker',
	summary: 'Makes sure the gcloud and docker commands are installed and logged in to the right account.',
	learn:
		'gcloud is Google Cloud\'s command-line tool; every step that follows is a gcloud command you could also type yourself. '
		+ 'Docker builds your image on this laptop before it is pushed to Google. '
		+ 'Your own Google account is used only to set things up; deployments then run as a separate service account with fewer rights.',
	inputs: [
		{
			name: 'gcloudAccount',
			label: 'Your Google account',
			help: 'The email you log in to Google Cloud with, like you@example.com. Leave empty to accept whichever account gcloud uses.',
			schema: accountSchema,
			defaultValue: () => '',
		},
	],
	available: true,
	plan({answers}) {
		const account = String(answers.gcloudAccount ?? '');
		return [
			{
				kind: 'check-local',
				label: 'Check that gcloud is installed',
				argv: gcloudVersion(),
				failure: 'The Google Cloud CLI (gcloud) is needed for every Cloud Run step.',
				hint: 'Install it from https://cloud.google.com/sdk/docs/install, run `gcloud init`, then run the wizard again.',
			},
			...dockerChecks(),
			{
				kind: 'check-local',
				label: 'Check which account gcloud is logged in with',
				argv: gcloudActiveAccount(),
				expect: account === '' ? '^(\\S+@\\S+)$' : `^(${escapeRegExp(account)})$`,
				failure: account === '' ? 'gcloud is not logged in.' : `gcloud is not logged in as ${account}.`,
				hint: `Run \`gcloud auth login${account === '' ? '' : ` ${account}`}\`, then run the wizard again: it resumes here.`,
			},
		];
	},
};
