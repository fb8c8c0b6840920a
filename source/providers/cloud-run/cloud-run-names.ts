// Names the Cloud Run steps derive from the answers, in one place so the deploy steps and
// the teardown always agree on what was created.
import path from 'node:path';
import {type GcloudScope, imageName} from '../../commands/gcloud.js';
import {serviceAccountEmail} from '../../commands/gcloud-iam.js';
import type {Answers, PlanContext} from '../../core/step.js';
import {expandHome} from '../../run/expand-home.js';

/**
 * How deployments run as the deployer account: the person's own gcloud login acting for it
 * (short-lived tokens, nothing to leak), or a key file, the fallback the person chooses.
 */
export type DeployerAuth = 'impersonation' | 'key';

export type CloudRunNames = {
	project: string;
	region: string;
	service: string;
	auth: DeployerAuth;
	/** The deployer: deploys, pushes and schedules, nothing else. */
	serviceAccountName: string;
	serviceAccountEmail: string;
	/** The service runs as this account: it may read the service's secrets and nothing more. */
	runtimeAccountName: string;
	runtimeAccountEmail: string;
	/** Cloud Scheduler calls the private service as this account: it may only invoke it. */
	invokerAccountName: string;
	invokerAccountEmail: string;
	/** The wizard's own gcloud configuration, logged in with the deployer's key (key fallback only). */
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

/**
 * The account id made from the service name and a role: "forecast-api-runtime". Account ids
 * hold 6 to 30 characters, so a long service name is cut (never to a trailing hyphen).
 */
export function serviceAccountName(service: string, suffix: '-runtime' | '-invoker'): string {
	return `${service.slice(0, 30 - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/** An earlier version always made a key: its saved answers keep that way unless told otherwise. */
export function deployerAuth(answers: Answers): DeployerAuth {
	const auth = answers.gcpAuth ?? (answers.gcpKeyPath === undefined ? 'impersonation' : 'key');
	return auth === 'key' ? 'key' : 'impersonation';
}

export function cloudRunNames(answers: Answers): CloudRunNames {
	const project = String(answers.gcpProject);
	const region = String(answers.gcpRegion);
	const service = String(answers.cloudRunService);
	const deployerName = String(answers.gcpServiceAccount ?? defaultServiceAccountName);
	const runtimeName = serviceAccountName(service, '-runtime');
	const invokerName = serviceAccountName(service, '-invoker');
	const repository = String(answers.artifactRepository ?? defaultRepository);
	return {
		project,
		region,
		service,
		auth: deployerAuth(answers),
		serviceAccountName: deployerName,
		serviceAccountEmail: serviceAccountEmail(deployerName, project),
		runtimeAccountName: runtimeName,
		runtimeAccountEmail: serviceAccountEmail(runtimeName, project),
		invokerAccountName: invokerName,
		invokerAccountEmail: serviceAccountEmail(invokerName, project),
		configuration: `mldw-${project}`,
		repository,
		image: `${imageName(region, project, repository, service)}:latest`,
		keyPath: expandHome(String(answers.gcpKeyPath ?? defaultKeyPath(answers))),
	};
}

/** Commands that run as the deployer: impersonated by default, through the key's configuration otherwise. */
export function deployerScope(names: CloudRunNames): GcloudScope {
	return names.auth === 'key'
		? {project: names.project, configuration: names.configuration}
		: {project: names.project, impersonate: names.serviceAccountEmail};
}

/**
 * The same for docker, whose push asks gcloud's credential helper for a token: gcloud reads
 * the property from the environment (CLOUDSDK_AUTH_IMPERSONATE_SERVICE_ACCOUNT is
 * auth/impersonate_service_account), so the push runs as the deployer too.
 */
export function deployerEnvironment(names: CloudRunNames): Record<string, string> {
	return names.auth === 'key'
		? {CLOUDSDK_ACTIVE_CONFIG_NAME: names.configuration}
		: {CLOUDSDK_AUTH_IMPERSONATE_SERVICE_ACCOUNT: names.serviceAccountEmail};
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
