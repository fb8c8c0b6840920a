import {billingEnabled, createProject, createRepository, describeProject, describeRepository, enableServices} from '../../commands/gcloud.js';
import {artifactRepositorySchema, cloudRunServiceSchema, gcpProjectSchema, gcpRegionSchema} from '../../core/cloud-inputs.js';
import type {Step} from '../../core/step.js';
import {cloudRunNames, defaultRepository} from './cloud-run-names.js';

/**
 * Cloud Run, its image registry, its scheduler, IAM for the accounts, IAM Credentials for
 * acting as the deployer without a key, and Secret Manager for the app's secrets. Enabled up
 * front: gcloud would otherwise ask "enable and retry? (y/N)", which a script cannot answer.
 */
export const requiredServices = [
	'run.googleapis.com',
	'artifactregistry.googleapis.com',
	'cloudscheduler.googleapis.com',
	'iam.googleapis.com',
	'iamcredentials.googleapis.com',
	'secretmanager.googleapis.com',
] as const;

/** A new Google account has no billing account at all: say how to make one, not only how to link it. */
export function billingHint(project: string): string {
	return `Link a billing account at https://console.cloud.google.com/billing/linkedaccount?project=${project}. `
		+ 'A new Google Cloud account has none yet: create one at https://console.cloud.google.com/billing/create (a card is needed even within the free tier), '
		+ `or link an existing one with \`gcloud billing projects link ${project} --billing-account=ACCOUNT_ID\` (\`gcloud billing accounts list\` shows its id). Then run the wizard again: it resumes here.`;
}

export const gcpProjectStep: Step = {
	id: 'gcp-project',
	title: 'Choose the Google Cloud project',
	summary: 'Picks (or creates) the project, reminds you about billing, enables the APIs Cloud Run needs and makes a registry for your images.',
	learn:
		'Everything in Google Cloud lives in a project, which is also where billing is attached. '
		+ 'Services such as Cloud Run and Artifact Registry must be switched on ("enabled") per project before use. '
		+ 'Artifact Registry is Google\'s private store for container images; the wizard makes one repository in your region for this app.',
	inputs: [
		{
			name: 'gcpProject',
			label: 'Project id',
			help: 'An existing project id, or a new one to create: 6-30 lower-case letters, digits, hyphens. Example: forecast-api-4821',
			schema: gcpProjectSchema,
		},
		{
			name: 'gcpRegion',
			label: 'Region',
			help: 'Where your service runs; pick one near your users. Example: europe-west1',
			schema: gcpRegionSchema,
			defaultValue: () => 'europe-west1',
		},
		{
			name: 'cloudRunService',
			label: 'Service name',
			help: 'The name of your Cloud Run service and image. Example: forecast-api',
			schema: cloudRunServiceSchema,
			// The app's name, given in the first step, unless the person chooses another.
			defaultValue: ({answers}) => (typeof answers.serviceName === 'string' ? answers.serviceName : undefined),
		},
		{
			name: 'artifactRepository',
			label: 'Image repository',
			help: 'The Artifact Registry repository for your images. Example: ml-images',
			schema: artifactRepositorySchema,
			defaultValue: () => defaultRepository,
		},
	],
	available: true,
	plan({answers}) {
		const names = cloudRunNames(answers);
		return [
			{
				kind: 'ensure',
				label: 'Use or create the project',
				what: `project ${names.project}`,
				check: describeProject(names.project),
				create: createProject(names.project),
				hint: 'Project ids are unique across all of Google Cloud. If this one is taken, choose another id and run the wizard again.',
			},
			{
				kind: 'instruct',
				label: 'Billing reminder',
				text: `Cloud Run needs a billing account linked to ${names.project}, even within the free tier. Link one at https://console.cloud.google.com/billing/linkedaccount?project=${names.project}`,
			},
			{
				kind: 'check-local',
				label: 'Check that billing is enabled',
				argv: billingEnabled(names.project),
				expect: '^True$',
				failure: `Billing is not enabled for project ${names.project}.`,
				hint: billingHint(names.project),
			},
			{
				kind: 'run-local',
				label: 'Enable the Cloud Run, Artifact Registry, Cloud Scheduler, IAM, IAM Credentials and Secret Manager APIs',
				argv: enableServices(names.project, requiredServices),
			},
			{
				kind: 'ensure',
				label: 'Use or create the image repository',
				what: `Artifact Registry repository ${names.repository} in ${names.region}`,
				check: describeRepository(names.repository, names.region, names.project),
				create: createRepository(names.repository, names.region, names.project),
			},
		];
	},
};
