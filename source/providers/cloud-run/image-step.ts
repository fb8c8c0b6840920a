import process from 'node:process';
import {buildImage, pushImage} from '../../commands/docker-local.js';
import {configureDocker} from '../../commands/gcloud.js';
import type {Step} from '../../core/step.js';
import {cloudRunNames} from './cloud-run-names.js';

export const imageStep: Step = {
	id: 'image',
	title: 'Build and push the image',
	summary: 'Builds the container image and pushes it to Artifact Registry.',
	learn:
		'Cloud Run does not build your code; it runs an image you store in Artifact Registry, Google\'s private container registry. '
		+ 'On an Apple Silicon laptop the image is built for linux/amd64, the architecture Cloud Run runs. '
		+ 'Docker asks gcloud for a short-lived password when it pushes, so no registry password is stored.',
	inputs: [],
	available: true,
	plan({answers}) {
		const names = cloudRunNames(answers);
		return [
			{kind: 'run-local', label: 'Let docker push to Artifact Registry', argv: configureDocker(names.region)},
			{kind: 'run-local', label: 'Build the image', argv: buildImage(names.image, process.arch)},
			{
				kind: 'run-local',
				label: 'Push the image',
				argv: pushImage(names.image),
				// Docker's gcloud credential helper then pushes as the service account.
				env: {CLOUDSDK_ACTIVE_CONFIG_NAME: names.configuration},
			},
		];
	},
};
