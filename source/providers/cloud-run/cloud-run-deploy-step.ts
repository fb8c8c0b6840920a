import {deployService, describeService, listServices, readServiceLogs} from '../../commands/gcloud.js';
import {toShellCommand} from '../../core/shell-quote.js';
import type {Action} from '../../core/action.js';
import {
	cloudRunCpuSchema,
	cloudRunMemorySchema,
	deliveredSettingsActions,
	maxInstancesSchema,
	minInstancesSchema,
	skippedSettingsActions,
} from '../../core/cloud-inputs.js';
import {yesNoSchema} from '../../core/inputs.js';
import type {Step} from '../../core/step.js';
import {deliveredNames} from '../app-environment.js';
import {cloudRunNames, deployerScope, secretId} from './cloud-run-names.js';
import {cloudRunSettings} from './cloud-run-settings.js';
import {newGrantRetry} from './iam-roles.js';

export const publicWarning =
	'This service is PUBLIC: anyone on the internet can call your model, and every call is billed to you. Choose "no" unless that is what you want.';

export const cloudRunDeployStep: Step = {
	id: 'cloud-run-deploy',
	title: 'Deploy to Cloud Run',
	summary: 'Creates or updates the service with region, memory, CPU, instance limits and your app\'s settings. Private unless you choose otherwise.',
	learn:
		'A Cloud Run service starts containers from your image when requests arrive and stops them when idle. '
		+ 'It runs as its own runtime account, not the project\'s default account (which often holds Editor over everything). '
		+ 'Minimum instances above 0 keep a container warm (no slow first request, but you pay while idle); maximum instances cap the bill. '
		+ 'By default only authenticated callers may reach it; making it public lets anyone on the internet call your model (and run up your bill). '
		+ 'Your settings become environment variables of the service; secrets are references to Secret Manager, read when a container starts.',
	inputs: [
		{name: 'cloudRunMemory', label: 'Memory', help: 'Enough for your model plus Python. Example: 512Mi or 2Gi', schema: cloudRunMemorySchema, defaultValue: () => '512Mi'},
		{name: 'cloudRunCpu', label: 'CPU', help: '1, 2, 4, 6 or 8, or a fraction like 0.5. Example: 1', schema: cloudRunCpuSchema, defaultValue: () => '1'},
		{name: 'cloudRunMinInstances', label: 'Minimum instances', help: '0 scales to zero when idle (cheapest). Example: 0', schema: minInstancesSchema, defaultValue: () => '0'},
		{name: 'cloudRunMaxInstances', label: 'Maximum instances', help: 'An upper limit that caps the cost. Example: 3', schema: maxInstancesSchema, defaultValue: () => '3'},
		{
			name: 'cloudRunPublic',
			label: 'Make the service public?',
			help: `yes or no (default no). ${publicWarning}`,
			schema: yesNoSchema,
			defaultValue: () => 'no',
		},
	],
	available: true,
	plan(context) {
		const {answers} = context;
		const names = cloudRunNames(answers);
		const settings = cloudRunSettings(context);
		const minInstances = Number(answers.cloudRunMinInstances);
		const maxInstances = Number(answers.cloudRunMaxInstances);
		if (minInstances > maxInstances) {
			throw new Error(`Minimum instances (${minInstances}) is above maximum instances (${maxInstances}); lower the minimum or raise the maximum.`);
		}

		const isPublic = answers.cloudRunPublic === true;
		const scope = deployerScope(names);
		const actions: Action[] = [];
		if (isPublic) {
			actions.push({kind: 'instruct', label: 'Public service warning', text: publicWarning});
		}

		actions.push(
			{
				kind: 'run-local',
				label: 'Deploy the service',
				argv: deployService(
					{
						service: names.service,
						image: names.image,
						region: names.region,
						memory: String(answers.cloudRunMemory),
						cpu: String(answers.cloudRunCpu),
						minInstances,
						maxInstances,
						port: Number(answers.appPort),
						public: isPublic,
						serviceAccount: names.runtimeAccountEmail,
						environment: settings.plain,
						secrets: settings.secrets.map(([name]) => [name, secretId(names.service, name)] as const),
					},
					scope,
				),
				// The deployer may only just have been allowed to act as the runtime account.
				retry: newGrantRetry,
			},
			...skippedSettingsActions(settings),
			...deliveredSettingsActions(
				[...settings.plain, ...settings.secrets].map(([name]) => name),
				deliveredNames({facts: {own: context.facts['cloud-run-deploy'] ?? {}}}),
			),
			{
				kind: 'check-local',
				label: 'Read the service URL',
				factName: 'publicUrl',
				argv: describeService(names.service, names.region, scope, 'value(status.url)'),
				expect: '^(https://\\S+)$',
				failure: `Cloud Run did not report a URL for ${names.service}.`,
				hint: `Look at \`gcloud run services describe ${names.service} --region=${names.region} --project=${names.project}\`, then run the wizard again.`,
			},
			{kind: 'run-local', label: 'Describe the service', argv: describeService(names.service, names.region, scope)},
			{kind: 'run-local', label: 'List your services', argv: listServices(names.region, scope)},
			// Kept as a fact: the live check offers it as the next step when the app does not answer.
			{
				kind: 'instruct',
				label: 'How to read your app\'s logs',
				factName: 'logsCommand',
				text: toShellCommand(readServiceLogs(names.service, names.region, names.project)),
			},
		);
		return actions;
	},
};
