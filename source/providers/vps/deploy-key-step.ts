import {gitBranchSchema, privateKeyPathSchema, repoUrlSchema, yesNoSchema} from '../../core/inputs.js';
import type {Step} from '../../core/step.js';
import {isSshRepoUrl} from '../../commands/git.js';
import {originUrl} from '../../detect/git-remote.js';
import {defaultKeyComment} from './ssh-key-step.js';

/** A deploy key is needed only for a private repository reached over SSH. */
export function usesDeployKey(answers: Record<string, unknown>): boolean {
	return isSshRepoUrl(String(answers.repoUrl ?? '')) && answers.repoPrivate === true;
}

export const deployKeyStep: Step = {
	id: 'deploy-key',
	title: 'Create a GitHub deploy key',
	summary: 'A second key, for the server only, that can read this one repository and nothing else.',
	learn:
		'The server needs to download your code from GitHub. A deploy key is an SSH key attached to one repository, read-only: '
		+ 'if the server is ever compromised, the attacker gets read access to that repository only, not to your GitHub account. '
		+ 'A public repository needs no key at all.',
	inputs: [
		{
			name: 'repoUrl',
			label: 'Repository to deploy',
			help: 'What the server clones: usually your origin remote. Example: git@github.com:me/api.git (or an https:// URL)',
			schema: repoUrlSchema,
			defaultValue: context => originUrl(context.projectDirectory),
		},
		{
			name: 'repoBranch',
			label: 'Branch',
			help: 'The branch the server runs. Example: main',
			schema: gitBranchSchema,
			defaultValue: () => 'main',
		},
		{
			name: 'repoPrivate',
			label: 'Is the repository private?',
			help: 'yes: the server gets a read-only deploy key. no: it clones over HTTPS, no key needed.',
			schema: yesNoSchema,
			defaultValue: () => 'yes',
			when: ({answers}) => isSshRepoUrl(String(answers.repoUrl ?? '')),
		},
		{
			name: 'deployKeyFile',
			label: 'Where to keep the deploy key',
			help: 'Example: ~/.ssh/id_mldw_deploy',
			schema: privateKeyPathSchema,
			defaultValue: () => '~/.ssh/id_mldw_deploy',
			when: ({answers}) => usesDeployKey(answers),
		},
	],
	available: true,
	plan: ({answers}) =>
		usesDeployKey(answers)
			? [
					{
						kind: 'generate-key',
						label: 'Create (or reuse) the deploy key',
						path: String(answers.deployKeyFile),
						comment: `${defaultKeyComment()}-deploy`,
						purpose: 'deploy',
						factName: 'key',
					},
				]
			: [
					{
						kind: 'instruct',
						label: 'No deploy key needed',
						informational: true,
						text: 'This repository is public (or not on GitHub over SSH): the server clones it without a key, so no deploy key is created.',
					},
				],
};
