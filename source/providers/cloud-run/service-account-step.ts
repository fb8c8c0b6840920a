import {listServices} from '../../commands/gcloud.js';
import {addProjectRole, addRepositoryRole, addServiceAccountRole, createServiceAccount, describeServiceAccount, iamMember} from '../../commands/gcloud-iam.js';
import type {Action, EnsureAction} from '../../core/action.js';
import {deployerAuthSchema, gcpServiceAccountSchema, keyPathSchema} from '../../core/cloud-inputs.js';
import type {Step} from '../../core/step.js';
import {earlierFact} from '../earlier-fact.js';
import {cloudRunNames, defaultKeyPath, defaultServiceAccountName, deployerAuth, deployerScope} from './cloud-run-names.js';
import {deployerKeyActions} from './deployer-key.js';
import {accountUser, deployerProjectRoles, grantLabel, newAccountRetry, newGrantRetry, repositoryWriter, tokenCreator} from './iam-roles.js';

/** Made once, reused after: the check is quiet, the create says what the account is for. */
export function ensureServiceAccount(label: string, name: string, email: string, project: string, displayName: string): EnsureAction {
	return {
		kind: 'ensure',
		label,
		what: `service account ${email}`,
		check: describeServiceAccount(email, project),
		create: createServiceAccount(name, project, displayName),
	};
}

export const serviceAccountStep: Step = {
	id: 'service-account',
	title: 'Create the deployer and runtime accounts',
	summary: 'Two service accounts holding only what they need: a deployer you act as with your own login (no key file unless you choose one), and the account your service runs as.',
	learn:
		'A service account is an identity for a program rather than a person. The deployer pushes images, deploys and schedules; the runtime account is who your running service is, and may only read its own secrets. '
		+ 'Nobody gets owner or editor rights, and each role is granted on the one thing it concerns where Google allows it. '
		+ 'By default no key file exists: your own gcloud login asks Google for a deployer token that expires within the hour ("impersonation"), which is what Google advises and what organisations that forbid keys allow. '
		+ 'A key file is a password in disguise that never expires; choose it only if you need one, and the wizard keeps it outside your project, readable only by you. '
		+ 'Google applies new accounts and roles within a minute or a few: the wizard waits for them instead of failing.',
	inputs: [
		{
			name: 'gcpServiceAccount',
			label: 'Deployer account name',
			help: '6-30 lower-case letters, digits, hyphens. Example: ml-deployer',
			schema: gcpServiceAccountSchema,
			defaultValue: () => defaultServiceAccountName,
		},
		{
			name: 'gcpAuth',
			label: 'How deployments act as the deployer',
			help: 'impersonation: your own gcloud login, short-lived tokens, no key (recommended; works where organisations block keys). key: a key file, kept outside your project.',
			schema: deployerAuthSchema,
			choices: [
				{label: 'With your own login, no key file (recommended)', value: 'impersonation'},
				{label: 'With a key file for the deployer', value: 'key'},
			],
			defaultValue: ({answers}) => deployerAuth(answers),
		},
		{
			name: 'gcpKeyPath',
			label: 'Where to keep its key',
			help: 'A path outside your project, ending in .json. Example: ~/.config/ml-deploy-wizard/keys/deployer.json',
			schema: keyPathSchema,
			defaultValue: ({answers}) => defaultKeyPath(answers),
			when: ({answers}) => answers.gcpAuth === 'key',
		},
	],
	available: true,
	plan(context) {
		const names = cloudRunNames(context.answers);
		const own = names.project;
		const deployer = `serviceAccount:${names.serviceAccountEmail}`;
		const grants: Action[] = [
			...deployerProjectRoles.map((role): Action => ({
				kind: 'run-local',
				label: grantLabel('the deployer', role, 'the project'),
				argv: addProjectRole(own, names.serviceAccountEmail, role.role),
				retry: newAccountRetry,
			})),
			{
				kind: 'run-local',
				label: grantLabel('the deployer', repositoryWriter, names.repository),
				argv: addRepositoryRole(names.repository, names.region, names.serviceAccountEmail, repositoryWriter.role, own),
				retry: newAccountRetry,
			},
			{
				kind: 'run-local',
				label: grantLabel('the deployer', accountUser, names.runtimeAccountName),
				argv: addServiceAccountRole(names.runtimeAccountEmail, deployer, accountUser.role, own),
				retry: newAccountRetry,
			},
		];
		const actingAsDeployer: Action[] = names.auth === 'key'
			? deployerKeyActions(names, context)
			: [{
				kind: 'run-local',
				label: grantLabel('you', tokenCreator, names.serviceAccountName),
				argv: addServiceAccountRole(
					names.serviceAccountEmail,
					iamMember(earlierFact(context, 'gcloud-check', 'account', 'YOU@example.com', 'Check gcloud and Docker')),
					tokenCreator.role,
					own,
				),
				retry: newAccountRetry,
			}];
		return [
			ensureServiceAccount('Use or create the deployer account', names.serviceAccountName, names.serviceAccountEmail, own, 'ml-deploy-wizard deployer'),
			ensureServiceAccount('Use or create the service\'s runtime account', names.runtimeAccountName, names.runtimeAccountEmail, own, `${names.service} runtime (ml-deploy-wizard)`),
			...grants,
			...actingAsDeployer,
			{
				// The first call as the deployer: it waits here, once, for the grants above to apply.
				kind: 'check-local',
				label: 'Wait until deployments can run as the deployer',
				argv: listServices(names.region, deployerScope(names)),
				failure: names.auth === 'key'
					? `The deployer ${names.serviceAccountEmail} cannot use Cloud Run yet.`
					: `Your login cannot act as the deployer ${names.serviceAccountEmail} yet.`,
				hint: `See what the deployer holds with \`gcloud iam service-accounts get-iam-policy ${names.serviceAccountEmail} --project=${own}\` and \`gcloud projects get-iam-policy ${own}\`, then run the wizard again: it resumes here.`,
				retry: newGrantRetry,
			},
		];
	},
};
