import {buildAndPushImage} from '../../commands/docker-local.js';
import {configureDocker} from '../../commands/gcloud.js';
import type {Step} from '../../core/step.js';
import {cloudRunNames, deployerEnvironment} from './cloud-run-names.js';
import {newGrantRetry} from './iam-roles.js';

export const imageStep: Step = {
	id: 'image',
	title: 'Build and push the image',
	summary: 'Builds the container image for linux/amd64 and pushes it to Artifact Registry as the deployer.',
	learn:
		'Cloud Run does not build your code; it runs an image you store in Artifact Registry, Google\'s private container registry. '
		+ 'The image is built for linux/amd64, the architecture Cloud Run runs, even on an Apple Silicon laptop, as one plain image without build attestations. '
		+ 'Docker asks gcloud for a short-lived token when it pushes, so no registry password is stored.',
	inputs: [],
	available: true,
	plan({answers}) {
		const names = cloudRunNames(answers);
		return [
			{kind: 'run-local', label: 'Let docker push to Artifact Registry', argv: configureDocker(names.region)},
			{
				kind: 'run-local',
				label: 'Build the image and push it',
				argv: buildAndPushImage(names.image),
				// Docker's gcloud credential helper then pushes as the deployer, which may push to this repository only.
				env: deployerEnvironment(names),
				retry: newGrantRetry,
			},
		];
	},
};
