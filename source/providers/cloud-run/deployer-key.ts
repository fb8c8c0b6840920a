// The fallback the person may choose instead of impersonation: a key file for the deployer,
// kept outside the project, and a gcloud configuration of the wizard's own logged in with it.
import path from 'node:path';
import {createConfiguration, describeConfiguration, configuredAccount, setConfigValue} from '../../commands/gcloud.js';
import {activateServiceAccount, createServiceAccountKey} from '../../commands/gcloud-iam.js';
import type {Action} from '../../core/action.js';
import type {PlanContext} from '../../core/step.js';
import {escapeRegExp} from '../container-checks.js';
import {expandHome} from '../../run/expand-home.js';
import {assertKeyOutsideProject, type CloudRunNames, defaultKeyPath} from './cloud-run-names.js';

/** What to do when an organisation policy refuses the key: the default way needs none. */
export function keyRefusedHint(names: CloudRunNames): string {
	return 'If gcloud says "Key creation is not allowed on this service account" (constraints/iam.disableServiceAccountKeyCreation), '
		+ 'your organisation forbids key files, as Google advises: choose "act as the deployer with your own login" for Authentication '
		+ '(cloudRun.auth "impersonation" in a config file) and run the wizard again; it needs no key. '
		+ `Only an organisation policy administrator can lift the policy for ${names.project}.`;
}

export function deployerKeyActions(names: CloudRunNames, context: PlanContext): Action[] {
	assertKeyOutsideProject(names.keyPath, context);
	const keyDirectory = path.dirname(names.keyPath);
	// The wizard's own keys folder is made private and ignored by git as a whole; a key the
	// person places elsewhere (a shared folder, /tmp) touches only its own file.
	const ownFolder = keyDirectory === path.dirname(expandHome(defaultKeyPath(context.answers)));
	const folderActions: Action[] = ownFolder
		? [
				{
					// Even if the folder sits inside some repository (a dotfiles repo, say), git never picks up the key.
					kind: 'write-file',
					label: 'Keep the key folder out of git',
					path: path.join(keyDirectory, '.gitignore'),
					content: '*\n',
				},
				{kind: 'run-local', label: 'Make the key folder private', argv: ['chmod', '700', keyDirectory]},
			]
		// A folder that does not exist yet is made private; one that exists is left as it is.
		: [{kind: 'run-local', label: 'Make the key\'s folder if it is missing', argv: ['mkdir', '-p', '-m', '700', keyDirectory]}];
	return [
		...folderActions,
		{
			kind: 'ensure',
			label: 'Create the key (once)',
			what: `key file ${names.keyPath}`,
			check: ['test', '-s', names.keyPath],
			create: createServiceAccountKey(names.keyPath, names.serviceAccountEmail, names.project),
			hint: keyRefusedHint(names),
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
			label: 'Log the configuration in as the deployer',
			argv: activateServiceAccount(names.serviceAccountEmail, names.keyPath, names.configuration),
		},
		{kind: 'run-local', label: 'Set its project', argv: setConfigValue('project', names.project, names.configuration)},
		{kind: 'run-local', label: 'Set its region', argv: setConfigValue('run/region', names.region, names.configuration)},
		{
			kind: 'check-local',
			label: 'Check that the configuration uses the deployer',
			argv: configuredAccount(names.configuration),
			expect: `^(${escapeRegExp(names.serviceAccountEmail)})$`,
			failure: `The gcloud configuration ${names.configuration} is not logged in as ${names.serviceAccountEmail}.`,
			hint: `Delete it with \`gcloud config configurations delete ${names.configuration}\` and run the wizard again.`,
		},
	];
}
