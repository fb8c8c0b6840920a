import {gcloudActiveAccount, gcloudVersion} from '../../commands/gcloud.js';
import type {Step} from '../../core/step.js';
import {accountField, dockerChecks, loggedInCheck} from '../container-checks.js';

export const gcloudCheckStep: Step = {
	id: 'gcloud-check',
	title: 'Check gcloud and Docker',
	summary: 'Makes sure the gcloud and docker commands are installed and logged in to the right account.',
	learn:
		'gcloud is Google Cloud\'s command-line tool; every step that follows is a gcloud command you could also type yourself. '
		+ 'Docker builds your image on this laptop before it is pushed to Google. '
		+ 'Your own Google account sets things up; deployments then run as a separate deployer account with fewer rights, which your login acts as.',
	inputs: [accountField('gcloudAccount', 'Google Cloud')],
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
			// Kept as a fact: this login is the one allowed to act as the deployer.
			{...loggedInCheck('gcloud', gcloudActiveAccount(), account, account === '' ? 'gcloud auth login' : `gcloud auth login ${account}`), factName: 'account'},
		];
	},
};
