import {addSecretAccessor, addSecretVersion, createSecret, describeSecret} from '../../commands/gcloud.js';
import type {Action} from '../../core/action.js';
import type {PlanContext, Step} from '../../core/step.js';
import {cloudRunNames, secretId} from './cloud-run-names.js';
import {cloudRunSettings} from './cloud-run-settings.js';
import {grantLabel, newAccountRetry, secretAccessor} from './iam-roles.js';

export const secretManagerStep: Step = {
	id: 'secret-manager',
	title: 'Keep the secrets in Secret Manager',
	summary: 'Stores each secret setting of your app in Secret Manager and lets the service\'s runtime account read exactly those secrets.',
	learn:
		'Secret Manager is Google\'s safe for passwords and API keys. Each secret keeps versions; the service reads the latest one when it starts, '
		+ 'so the value is never in your image, your command lines or the service\'s visible settings. '
		+ 'The value goes to gcloud on its standard input, never as an argument other programs could see. '
		+ 'Only the service\'s own runtime account may read these secrets, and only these.',
	inputs: [],
	available: true,
	plan(context) {
		const {secrets} = cloudRunSettings(context);
		if (secrets.length === 0) {
			return [{kind: 'instruct', informational: true, label: 'No secrets', text: 'Your app has no secret settings, so nothing is kept in Secret Manager.'}];
		}

		const names = cloudRunNames(context.answers);
		// Your own login, like the project step: the deployer has no Secret Manager role.
		const scope = {project: names.project};
		const actions: Action[] = [];
		const ids: string[] = [];
		for (const [name, value] of secrets) {
			const id = secretId(names.service, name);
			ids.push(id);
			actions.push(
				{
					kind: 'ensure',
					label: `Use or create the secret ${id}`,
					what: `Secret Manager secret ${id}`,
					check: describeSecret(id, scope),
					create: createSecret(id, scope),
				},
				{
					kind: 'run-local',
					label: `Store the value of ${name} as its latest version`,
					argv: addSecretVersion(id, scope),
					input: value,
					// Never in argv; masked should gcloud ever echo it.
					secretValues: [value],
				},
				{
					kind: 'run-local',
					label: grantLabel('the service\'s runtime account', secretAccessor, id),
					argv: addSecretAccessor(id, `serviceAccount:${names.runtimeAccountEmail}`, scope),
					retry: newAccountRetry,
				},
			);
		}

		// Kept as a fact, so the teardown removes exactly the secrets this deployment made.
		actions.push({kind: 'instruct', label: 'Secrets kept in Secret Manager', factName: secretIdsFact, text: ids.join(', ')});
		return actions;
	},
};

const secretIdsFact = 'secretIds';

/** The secret ids an earlier run stored, read back from the step's fact. */
export function storedSecretIds(context: Pick<PlanContext, 'facts'>): string[] {
	const text = context.facts[secretManagerStep.id]?.[secretIdsFact];
	return typeof text === 'string' ? text.split(', ').filter(Boolean) : [];
}
