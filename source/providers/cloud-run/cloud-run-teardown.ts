import {
	deleteConfiguration,
	deleteImage,
	deleteJob,
	deleteSecret,
	deleteService,
	describeConfiguration,
	describeImage,
	describeJob,
	describeSecret,
	describeService,
} from '../../commands/gcloud.js';
import {deleteServiceAccount, describeServiceAccount} from '../../commands/gcloud-iam.js';
import type {Action} from '../../core/action.js';
import {answeredCronEntries} from '../../core/inputs.js';
import type {Step} from '../../core/step.js';
import {confirmNameField} from '../confirm-name.js';
import {cloudRunNames, schedulerJobName, secretId} from './cloud-run-names.js';
import {cloudRunSettings} from './cloud-run-settings.js';
import {storedSecretIds} from './secret-manager-step.js';

/**
 * Removes what the wizard made, with your own gcloud login (the service account cannot
 * delete itself). Each removal looks first, so a half-finished teardown can simply run again.
 * The project and the image repository stay: they may hold other things.
 */
export function cloudRunTeardownSteps(service: string): Step[] {
	return [
		{
			id: 'cloud-run-teardown',
			title: 'Remove the Cloud Run deployment',
			summary: 'Deletes the scheduler jobs, the service, its secrets, its image and the accounts the wizard made (with the key and gcloud configuration, if you chose a key).',
			learn:
				'Teardown undoes the deployment so nothing keeps running or costing money. It cannot be undone, which is why you type the service name to confirm.',
			inputs: [confirmNameField('teardownConfirm', 'service', service)],
			available: true,
			plan(context) {
				const {answers} = context;
				const names = cloudRunNames(answers);
				if (answers.teardownConfirm !== names.service) {
					throw new Error(`Confirm: type the service name ${names.service} exactly to remove it.`);
				}

				const scope = {project: names.project};
				const actions: Action[] = [];
				// One job per cron entry, named the way the scheduler step named it.
				for (const index of answeredCronEntries(answers).keys()) {
					const jobName = schedulerJobName(names.service, index);
					actions.push({
						kind: 'ensure',
						label: 'Delete the scheduler job',
						what: `Cloud Scheduler job ${jobName}`,
						check: describeJob(jobName, names.region, scope),
						remove: deleteJob(jobName, names.region, scope),
					});
				}

				actions.push({
					kind: 'ensure',
					label: 'Delete the service',
					what: `Cloud Run service ${names.service}`,
					check: describeService(names.service, names.region, scope),
					remove: deleteService(names.service, names.region, scope),
				});
				// The secrets the deploy stored (its fact), and those your .env names, should the
				// progress be from another computer.
				const secretIds = new Set([...storedSecretIds(context), ...cloudRunSettings(context).secrets.map(([name]) => secretId(names.service, name))]);
				for (const id of secretIds) {
					actions.push({
						kind: 'ensure',
						label: 'Delete the secret',
						what: `Secret Manager secret ${id}`,
						check: describeSecret(id, scope),
						remove: deleteSecret(id, scope),
					});
				}

				actions.push({
					kind: 'ensure',
					label: 'Delete the image',
					what: `image ${names.image}`,
					check: describeImage(names.image, scope),
					remove: deleteImage(names.image, scope),
				});
				if (names.auth === 'key') {
					actions.push(
						{
							kind: 'ensure',
							label: 'Delete the gcloud configuration',
							what: `gcloud configuration ${names.configuration}`,
							check: describeConfiguration(names.configuration),
							remove: deleteConfiguration(names.configuration),
						},
						{kind: 'run-local', label: 'Delete the key file', argv: ['rm', '-f', names.keyPath]},
					);
				}

				// A deleted account can do nothing more: its grants on the project stay listed as "deleted:", inert.
				for (const [label, email] of [
					['Delete the invoker account', names.invokerAccountEmail],
					['Delete the runtime account', names.runtimeAccountEmail],
					['Delete the deployer account', names.serviceAccountEmail],
				] as const) {
					actions.push({
						kind: 'ensure',
						label,
						what: `service account ${email}`,
						check: describeServiceAccount(email, names.project),
						remove: deleteServiceAccount(email, names.project),
					});
				}

				actions.push(
					{
						kind: 'instruct',
						label: 'What stays',
						text: `The project ${names.project} and the repository ${names.repository} are kept. To remove them too: gcloud artifacts repositories delete ${names.repository} --location=${names.region} --project=${names.project}, and gcloud projects delete ${names.project}.`,
					},
				);
				return actions;
			},
		},
	];
}
