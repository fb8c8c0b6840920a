import {buildAndPushImage} from '../../commands/docker-local.js';
import {appInfoShell, recentLogs, registryImage, releaseContainer} from '../../commands/heroku.js';
import {toShellCommand} from '../../core/shell-quote.js';
import type {Step} from '../../core/step.js';

export const herokuReleaseStep: Step = {
	id: 'heroku-release',
	title: 'Push and release the container',
	summary: 'Builds your image in the form Heroku\'s registry accepts, pushes it and releases it as the web process.',
	learn:
		'Heroku runs containers from its own registry. Pushing uploads the image; releasing makes it the running version of the "web" process. '
		+ 'Heroku\'s registry takes one linux/amd64 image with a Docker v2 manifest: the build says so, even on an Apple Silicon laptop or with Docker Desktop\'s containerd image store, '
		+ 'whose default build adds attestations Heroku refuses. The last lines of the log show whether it started.',
	inputs: [],
	available: true,
	plan({answers}) {
		const app = String(answers.herokuApp);
		return [
			{kind: 'run-local', label: 'Build the image and push it to Heroku', argv: buildAndPushImage(registryImage(app))},
			{kind: 'run-local', label: 'Release it as the web process', argv: releaseContainer(app)},
			{kind: 'run-local', label: 'Show the latest log lines', argv: recentLogs(app)},
			{
				kind: 'check-local',
				label: 'Read the app URL',
				factName: 'publicUrl',
				argv: appInfoShell(app),
				expect: '^web_url=(https://\\S+?)/?$',
				failure: `Heroku did not report a web URL for ${app}.`,
				hint: `Look at \`heroku apps:info --app=${app}\`, then run the wizard again.`,
			},
			// Kept as a fact: the live check offers it as the next step when the app does not answer.
			{kind: 'instruct', label: 'How to read your app\'s logs', factName: 'logsCommand', text: toShellCommand(recentLogs(app))},
		];
	},
};
