// Names the Cloud Run steps derive from the answers, in one place so the deploy steps and
// the teardown always agree on what was created.
import path from 'node:path';
import {imageName, serviceAccountEmail} from '../../commands/gcloud.js';
import type {Answers, PlanContext} from '../../core/step.js';
import {expandHome} from '../../run/expand-home.js';

export type CloudRunNames = {
	project: string;
	region: string;
	service: string;
	serviceAccountName: string;
	serviceAccountEmail: string;
	/** The wizard's own gcloud configuration, logged in as the service account. */
	configuration: string;
	repository: string;
	image: string;
	keyPath: string;
};

export const defaultServiceAccountName = 'ml-deployer';
export const defaultRepository = 'ml-images';

export function defaultKeyPath(answers: Answers): string {
	const project = String(answers.gcpProject ?? 'project');
	const account = String(answers.gcpServiceAccount ?? defaultServiceAccountName);
	return `~/.config/ml-deploy-wizard/keys/${project}-${account}.json`;
}

export function cloudRunNames(answers: Answers): CloudRunNames {
	const project = String(answers.gcpProject);
	const region = String(answers.gcpRegion);
	const service = String(answers.cloudRunService);
	const serviceAccountName = String(answers.gcpServiceAccount ?? defaultServiceAccountName);
	const repository = String(answers.artifactRepository ?? defaultRepository);
	return {
		project,
		region,
		service,
		serviceAccountName,
		serviceAccountEmail: serviceAccountEmail(serviceAccountName, project),
		configuration: `mldw-${project}`,
		repository,
		image: `${imageName(region, project, repository, service)}:latest`,
		keyPath: expandHome(String(answers.gcpKeyPath ?? defaultKeyPath(answers))),
	};
}

// Cloud Scheduler job ids: letters, digits, hyphens and underscores, at most 500 characters.
const schedulerJobId = /^[A-Za-z\d_-]{1,500}$/;

/**
 * The Cloud Scheduler job of the cron entry at this index (0-based): "forecast-api-job-1",
 * the same name the generated deploy/cloud-run.sh gives it, so the script and the wizard
 * update one job instead of making two. Derived from answers only, so the teardown finds
 * every job the deploy made.
 */
export function schedulerJobName(service: string, index: number): string {
	const name = `${service}-job-${index + 1}`;
	if (!schedulerJobId.test(name)) {
		throw new Error(`Service name: "${service}" does not make a valid Cloud Scheduler job name (${name}); use lower-case letters, digits and hyphens, like forecast-api.`);
	}

	return name;
}

// Secret Manager secret ids: letters, digits, hyphens and underscores, at most 255 characters.
const secretIdPattern = /^[\w-]{1,255}$/;

/**
 * The Secret Manager secret that holds one setting of this service: "forecast-api-API_TOKEN".
 * Prefixed with the service, so two services in one project never share (or overwrite) a secret.
 */
export function secretId(service: string, name: string): string {
	const id = `${service}-${name}`;
	if (!secretIdPattern.test(id)) {
		throw new Error(`Setting ${name}: "${id}" is not a valid Secret Manager secret name; use letters, digits and _ in setting names.`);
	}

	return id;
}

/** The key must live outside the project, so it can never be committed or baked into the image. */
export function assertKeyOutsideProject(keyPath: string, context: PlanContext): void {
	const relative = path.relative(path.resolve(context.projectDirectory), path.resolve(keyPath));
	if (!relative.startsWith('..') && !path.isAbsolute(relative)) {
		throw new Error(`Key file: ${keyPath} is inside your project. Choose a path outside it, like ~/.config/ml-deploy-wizard/keys/deployer.json.`);
	}
}
