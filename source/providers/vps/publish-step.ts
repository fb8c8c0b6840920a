import {yesNoSchema} from '../../core/inputs.js';
import type {Step} from '../../core/step.js';
import {fact} from './remote-host.js';

/**
 * The files the wizard writes for a VPS, committed together: the first three are what the
 * server's `docker compose up --build` reads from its clone; the rest keep the repository
 * telling the whole deployment (settings to give, the Caddy site, the scheduled calls).
 */
export const deploymentFiles = ['Dockerfile', '.dockerignore', 'compose.yaml', '.env.example', 'Caddyfile', 'deploy/crontab'];

export const publishStep: Step = {
	id: 'publish',
	title: 'Send your code to the repository',
	summary: 'The server builds from your git repository, not from this computer: checks that the branch there holds your latest commit and the deployment files.',
	learn:
		'Your server downloads the code with git, from the repository you named, so it only ever sees what was committed and pushed. '
		+ 'The Dockerfile and compose.yaml the wizard just wrote exist only on this computer until you commit and push them. '
		+ 'This check runs before anything on the server changes, and shows the exact git commands when something is missing; the wizard can run them for you.',
	inputs: [
		{
			name: 'publishCode',
			label: 'Run these git commands now?',
			help: 'yes commits the deployment files (only those) and pushes the branch; no stops here so you can do it yourself.',
			schema: yesNoSchema,
			defaultValue: () => 'yes',
			// The failed check printed the exact git commands this yes runs.
			confirmsPlan: true,
			// Asked once a check found something to commit or push (the failed check's fact survives).
			when: context => fact<{needsPublish?: boolean}>(context, 'publish', 'code')?.needsPublish === true,
		},
	],
	available: true,
	plan: ({answers}) => [
		{
			kind: 'publish-code',
			label: 'Check that the repository holds what the server must build',
			repoUrl: String(answers.repoUrl),
			branch: String(answers.repoBranch ?? 'main'),
			files: deploymentFiles,
			mayPublish: answers.publishCode === true,
			factName: 'code',
		},
	],
};
