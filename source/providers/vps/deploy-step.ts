import {remoteDirectorySchema} from '../../core/inputs.js';
import type {Action} from '../../core/action.js';
import type {Step} from '../../core/step.js';
import {mergeDotEnvArgv} from '../../commands/dot-env.js';
import {githubHostKeys, githubKnownHostsPath, gitSyncArgv, publicCloneUrl, serverDeployKeyPath} from '../../commands/git.js';
import {composeUpArgv, oneBuildAtATime} from '../../commands/docker.js';
import type {PublishedCode} from '../../run/publish-code.js';
import {publishedPort} from '../../render/file-settings.js';
import {appEnvironment, dotEnvLine} from '../app-environment.js';
import {healthRoute} from '../verify-step.js';
import {usesDeployKey} from './deploy-key-step.js';
import {appDirectory, fact, keepsFilesInGitLfs, logsCommandLine, needsSudo, repoName, serverFrom} from './remote-host.js';

/**
 * The .env the server gets: the project's own .env as written (so Compose reads it there as
 * it does here), then every other value given (config, typed), each quoted literally.
 */
function serverDotEnv(context: Parameters<Step['plan']>[0]): string {
	const environment = appEnvironment(context);
	const added = [...environment.values].filter(([name, value]) => environment.projectValues.get(name) !== value).map(([name, value]) => dotEnvLine(name, value));
	const own = environment.projectDotEnv === '' || environment.projectDotEnv.endsWith('\n') ? environment.projectDotEnv : `${environment.projectDotEnv}\n`;
	return `${own}${added.map(line => `${line}\n`).join('')}`;
}

export const deployStep: Step = {
	id: 'deploy',
	title: 'Deploy your app',
	summary: 'Clones (or updates) your repository at the commit you checked, writes the app\'s .env, starts the containers and checks the app answers.',
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
	plan(context) {
		const {answers} = context;
		const server = serverFrom(answers);
		const directory = appDirectory(answers);
		const withKey = usesDeployKey(answers);
		const url = withKey ? String(answers.repoUrl) : publicCloneUrl(String(answers.repoUrl));
		// The commit the publish step checked, and where the project sits inside the repository.
		const code = fact<PublishedCode>(context, 'publish', 'code');
		const projectFolder = `${directory}/${code?.subdirectory ?? ''}`.replace(/\/$/, '');
		const actions: Action[] = [
			{kind: 'run-remote', label: 'Prepare ~/.ssh and ~/.mldw', argv: ['sh', '-c', 'mkdir -p .ssh .mldw && chmod 700 .ssh .mldw'], server},
		];
		if (withKey) {
			actions.push(
				{kind: 'upload', label: 'Put the deploy key on the server', from: String(answers.deployKeyFile), to: serverDeployKeyPath, mode: 0o600, server},
				{kind: 'write-remote-file', label: 'Pin GitHub\'s published host keys', server, path: githubKnownHostsPath, content: `${githubHostKeys.join('\n')}\n`, mode: 0o644},
			);
		}

		actions.push(
			{
				kind: 'run-remote',
				label: code ? `Clone or update the repository at ${code.commit.slice(0, 12)}` : 'Clone or update the repository',
				argv: gitSyncArgv({directory, url, branch: String(answers.repoBranch ?? 'main'), useDeployKey: withKey, commit: code?.commit, lfs: keepsFilesInGitLfs(context)}),
				server,
				factName: 'revision',
			},
			{
				// The values travel on standard input: never in a command line, a preview or the image.
				kind: 'run-remote',
				label: 'Write your app\'s settings to .env on the server (mode 600, never into the image)',
				argv: mergeDotEnvArgv(`${projectFolder}/.env`),
				input: serverDotEnv(context),
				server,
				factName: 'deliveredSettings',
			},
			{kind: 'run-remote', label: 'Build and start the containers', argv: oneBuildAtATime(composeUpArgv(projectFolder)), sudo: needsSudo(answers), server},
			// On the port compose publishes on the server (a port below 1024 is moved up, never onto Caddy's 80 or 443).
			{kind: 'check-app', label: 'Check the app answers on its port', server, port: publishedPort(Number(answers.appPort)), path: healthRoute(answers)},
		);
		// The text is the fact (as for every instruct action): the verify step names this command
		// as the next step when the live check fails.
		actions.push({kind: 'instruct', label: 'To read your app\'s last log lines, run', text: logsCommandLine(answers, projectFolder), factName: 'logsCommand'});
		if (code) {
			actions.push({kind: 'instruct', label: 'The commit now running', text: `${code.commit.slice(0, 12)} "${code.subject}" (${code.branch})`, factName: 'deployedCommit'});
		}

		return actions;
	},
};
