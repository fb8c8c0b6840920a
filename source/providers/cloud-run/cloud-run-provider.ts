import type {Provider} from '../../core/step.js';
import {notAvailableYet} from '../not-yet.js';
import {appStep, createFilesStep, verifyStep} from '../shared-steps.js';

export const cloudRunProvider: Provider = {
	id: 'cloud-run',
	name: 'Google Cloud Run',
	description: 'Google runs your container and scales it, down to zero when idle. Needs a Google Cloud account with billing.',
	steps: [
		appStep,
		createFilesStep('cloud-run'),
		notAvailableYet({
			id: 'gcloud-check',
			title: 'Check gcloud and Docker',
			summary: 'Makes sure the gcloud and docker commands are installed and logged in to the right account.',
			learn:
				'gcloud is Google Cloud\'s command-line tool; every step that follows is a gcloud command you could also type yourself. '
				+ 'Docker builds your image on this laptop before it is pushed to Google.',
		}),
		notAvailableYet({
			id: 'gcp-project',
			title: 'Choose the Google Cloud project',
			summary: 'Picks (or creates) the project, reminds you about billing and enables the APIs Cloud Run needs.',
			learn:
				'Everything in Google Cloud lives in a project, which is also where billing is attached. '
				+ 'Services such as Cloud Run and Artifact Registry must be switched on ("enabled") per project before use.',
		}),
		notAvailableYet({
			id: 'service-account',
			title: 'Create a deployment service account',
			summary: 'A robot account holding only the roles deployment needs, with its key kept outside your repository.',
			learn:
				'A service account is an identity for a program rather than a person. Giving it only the roles deployment needs limits the damage if its key leaks; '
				+ 'the key file is stored outside your repository and never committed.',
		}),
		notAvailableYet({
			id: 'image',
			title: 'Build and push the image',
			summary: 'Builds the container image and pushes it to Artifact Registry.',
			learn:
				'Cloud Run does not build your code; it runs an image you store in Artifact Registry, Google\'s private container registry. '
				+ 'On an Apple Silicon laptop the image is built for linux/amd64, the architecture Cloud Run runs.',
		}),
		notAvailableYet({
			id: 'cloud-run-deploy',
			title: 'Deploy to Cloud Run',
			summary: 'Creates or updates the service with region, memory, CPU and instance limits. Private unless you choose otherwise.',
			learn:
				'A Cloud Run service starts containers from your image when requests arrive and stops them when idle. '
				+ 'By default only authenticated callers may reach it; making it public lets anyone on the internet call your model (and run up your bill).',
		}),
		notAvailableYet({
			id: 'scheduler',
			title: 'Schedule the recurring job',
			summary: 'A Cloud Scheduler job calls your route on a cron schedule, with a token when the service is private.',
			learn:
				'Cloud Scheduler is Google\'s cron: it sends an HTTP request on a schedule such as "15 * * * *" (minute 15 of every hour). '
				+ 'For a private service it signs the request with an identity token so Cloud Run lets it through.',
		}),
		verifyStep,
	],
};
