import path from 'node:path';
import {
	activateServiceAccount,
	addProjectRole,
	configuredAccount,
	createConfiguration,
	createServiceAccount,
	createServiceAccountKey,
	describeConfiguration,
	describeServiceAccount,
	setConfigValue,
} from '../../commands/gcloud.js';
import type {Action} from '../../core/action.js';
import {gcpServiceAccountSchema, keyPathSchema} from '../../core/cloud-inputs.js';
import type {Step} from '../../core/step.js';
import {escapeRegExp} from '../container-checks.js';
import {assertKeyOutsideProject, cloudRunNames, defaultKeyPath, defaultServiceAccountName} from './cloud-run-names.js';

/**
 * Only what deploying needs: deploy services and set who may call them, act as the runtime
 * identity, push images, manage the scheduler job. No owner or editor role.
 */
export const deploymentRoles = [
	'roles/run.admin',
	'roles/iam.serviceAccountUser',
	'roles/artifactregistry.writer',
	'roles/cloudscheduler.admin',
] as const;

export const serviceAccountStep: Step = {
	id: 'service-account',
	title: 'Create a deployment service account',
	summary: 'A robot account holding only the roles deployment needs, with its key kept outside your repository and its own gcloud configuration.',
	learn:
		'A service account is an identity for a program rather than a person. Giving it only the roles deployment needs limits the damage if its key leaks. '
		+ 'Its key file is a password in disguise: the wizard stores it outside your repository, readable only by you, and remembers only where it is. '
		+ 'A separate gcloud configuration lets the deployment run as that account while your own login stays the default.',
	inputs: [
		{
			name: 'gcpServiceAccount',
			label: 'Service account name',
			help: '6-30 lower-case letters, digits, hyphens. Example: ml-deployer',
			schema: gcpServiceAccountSchema,
			defaultValue: () => defaultServiceAccountName,
		},
		{
			name: 'gcpKeyPath',
			label: 'Where to keep its key',
			help: 'A path outside your project, ending in .json. Example: ~/.config/ml-deploy-wizard/keys/deployer.json',
			schema: keyPathSchema,
			defaultValue: ({answers}) => defaultKeyPath(answers),
		},
	],
	available: true,
	plan(context) {
		const names = cloudRunNames(context.answers);
		assertKeyOutsideProject(names.keyPath, context);
		const keyDirectory = path.dirname(names.keyPath);
		const roles: Action[] = deploymentRoles.map(role => ({
			kind: 'run-local',
			label: `Grant ${role}`,
			argv: addProjectRole(names.project, names.serviceAccountEmail, role),
		}));
		return [
			{
				kind: 'ensure',
				label: 'Use or create the service account',
				what: `service account ${names.serviceAccountEmail}`,
				check: describeServiceAccount(names.serviceAccountEmail, names.project),
				create: createServiceAccount(names.serviceAccountName, names.project, 'ml-deploy-wizard deployer'),
			},
			...roles,
			{
				// A folder ignored as a whole: even if it sits inside some repository (a dotfiles
				// repo, say), git never picks up the key.
				kind: 'write-file',
				label: 'Keep the key folder out of git',
				path: path.join(keyDirectory, '.gitignore'),
				content: '*\n',
			},
			{kind: 'run-local', label: 'Make the key folder private', argv: ['chmod', '700', keyDirectory]},
			{
				kind: 'ensure',
				label: 'Create the key (once)',
				what: `key file ${names.keyPath}`,
				check: ['test', '-s', names.keyPath],
				create: createServiceAccountKey(names.keyPath, names.serviceAccountEmail, names.project),
			},
			{kind: 'run-local', label: 'Make the key readable only by you', argv: ['chmod', '600', names.keyPath]},
			{
				kind: 'ensure',
				label: 'Use or create the gcloud configuration',
				what: `gcloud configuration ${names.configuration}`,
				check: describeConfiguration(names.configuration),
				create: createConfiguration(names.configuration),
			},
			{
				kind: 'run-local',
				label: 'Log the configuration in as the service account',
				argv: activateServiceAccount(names.serviceAccountEmail, names.keyPath, names.configuration),
			},
			{kind: 'run-local', label: 'Set its project', argv: setConfigValue('project', names.project, names.configuration)},
			{kind: 'run-local', label: 'Set its region', argv: setConfigValue('run/region', names.region, names.configuration)},
			{
				kind: 'check-local',
				label: 'Check that the configuration uses the service account',
				argv: configuredAccount(names.configuration),
				expect: `^(${escapeRegExp(names.serviceAccountEmail)})$`,
				failure: `The gcloud configuration ${names.configuration} is not logged in as ${names.serviceAccountEmail}.`,
				hint: `Delete it with \`gcloud config configurations delete ${names.configuration}\` and run the wizard again.`,
			},
		];
	},
};
