import {existsSync} from 'node:fs';
import path from 'node:path';
import {remoteDirectorySchema} from '../../core/inputs.js';
import type {Action} from '../../core/action.js';
import type {Step} from '../../core/step.js';
import {githubHostKeys, githubKnownHostsPath, gitSyncArgv, publicCloneUrl, serverDeployKeyPath} from '../../commands/git.js';
import {composeUpArgv} from '../../commands/docker.js';
import {usesDeployKey} from './deploy-key-step.js';
import {appDirectory, logsCommandLine, needsSudo, repoName, serverFrom} from './remote-host.js';

export const deployStep: Step = {
	id: 'deploy',
	title: 'Deploy your app',
	summary: 'Clones (or updates) your repository with the deploy key, uploads .env, starts the containers and checks the app answers.',
	learn:
		'`docker compose up -d --build` builds the image from your Dockerfile and starts the container in the background. '
		+ 'Your settings and secrets travel separately in .env, uploaded straight to the server (readable only by its owner) and never baked into the image.',
	inputs: [
		{
			name: 'appDirectory',
			label: 'Folder on the server',
			help: 'Where the repository is cloned, relative to the login user\'s home. Example: apps/api',
			schema: remoteDirectorySchema,
			defaultValue: ({answers}) => `apps/${repoName(String(answers.repoUrl ?? ''))}`,
		},
	],
	available: true,
	plan({answers, projectDirectory}) {
		const server = serverFrom(answers);
		const directory = appDirectory(answers);
		const withKey = usesDeployKey(answers);
		const url = withKey ? String(answers.repoUrl) : publicCloneUrl(String(answers.repoUrl));
		const actions: Action[] = [
			{kind: 'run-remote', label: 'Prepare ~/.ssh and ~/.mldw', argv: ['sh', '-c', 'mkdir -p .ssh .mldw && chmod 700 .ssh .mldw'], server},
		];
		if (withKey) {
			actions.push(
				{kind: 'upload', label: 'Put the deploy key on the server', from: String(answers.deployKeyFile), to: serverDeployKeyPath, mode: 0o600, server},
				{kind: 'write-remote-file', label: 'Pin GitHub\'s published host keys', server, path: githubKnownHostsPath, content: `${githubHostKeys.join('\n')}\n`, mode: 0o644},
			);
		}

		actions.push({
			kind: 'run-remote',
			label: 'Clone or update the repository',
			argv: gitSyncArgv({directory, url, branch: String(answers.repoBranch ?? 'main'), useDeployKey: withKey}),
			server,
			factName: 'revision',
		});
		if (existsSync(path.join(projectDirectory, '.env'))) {
			actions.push({kind: 'upload', label: 'Upload .env (mode 600, never into the image)', from: '.env', to: `${directory}/.env`, mode: 0o600, server});
		}

		actions.push(
			{kind: 'run-remote', label: 'Build and start the containers', argv: composeUpArgv(directory), sudo: needsSudo(answers), server},
			{kind: 'check-app', label: 'Check the app answers on its port', server, port: Number(answers.appPort), path: String(answers.healthPath ?? '/')},
		);
		// The text is the fact (as for every instruct action): the verify step names this command
		// as the next step when the live check fails.
		actions.push({kind: 'instruct', label: 'To read your app\'s last log lines, run', text: logsCommandLine(answers), factName: 'logsCommand'});
		return actions;
	},
};
