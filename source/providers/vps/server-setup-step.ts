import {yesNoSchema} from '../../core/inputs.js';
import type {Action} from '../../core/action.js';
import type {PlanContext, Step} from '../../core/step.js';
import {dockerSourcesLine, dockerSourcesListPath, installCommands, installScriptText, isSafeSystem, type ServerSystem, stagedDockerSourcesPath} from '../../commands/apt.js';
import {serverCheckNames} from './server-check-step.js';
import {fact, keepsFilesInGitLfs, needsSudo, serverFrom} from './remote-host.js';

export function missingSoftware(context: PlanContext): string[] {
	const missing = serverCheckNames.flatMap(name => fact<{missing?: string[]}>(context, 'server-check', name)?.missing ?? []);
	// Only a project with files in Git LFS needs it; an older check's answer (no lfs field) counts as missing.
	const lfs = fact<{lfs?: boolean}>(context, 'server-check', 'git');
	return lfs && lfs.lfs !== true && keepsFilesInGitLfs(context) ? [...missing, 'git-lfs'] : missing;
}

function canAdminister(context: PlanContext): boolean {
	return fact<{admin?: boolean}>(context, 'server-check', 'privileges')?.admin === true;
}

function system(context: PlanContext): ServerSystem {
	const os = fact<Partial<ServerSystem>>(context, 'server-check', 'os') ?? {};
	return {id: os.id ?? '', codename: os.codename ?? '', arch: os.arch ?? ''};
}

export const serverSetupStep: Step = {
	id: 'server-setup',
	title: 'Install what is missing',
	summary: 'Shows the exact apt commands for the missing software and runs them with your consent.',
	learn:
		'apt is the package manager of Debian and Ubuntu. Everything is installed from the system\'s own repositories, except Docker, '
		+ 'which comes from Docker\'s official repository (the way Docker documents it) so that the compose plugin is included.',
	inputs: [
		{
			name: 'installPackages',
			label: 'Install the missing software now?',
			help: 'yes: the next screen shows the apt commands, run with sudo after Enter; no stops here so you can install them yourself.',
			schema: yesNoSchema,
			when: context => missingSoftware(context).length > 0 && canAdminister(context),
		},
	],
	available: true,
	plan(context) {
		// Without the check's answers (a dry run, or the check was skipped) nothing is known to be there.
		if (serverCheckNames.every(name => fact(context, 'server-check', name) === undefined)) {
			return [{kind: 'instruct', informational: true, label: 'Install what the server check finds missing', text: 'The server has not been checked in this run, so what it lacks is not known yet. A real run shows the apt commands for whichever of git, curl, Docker with Compose, Caddy and cron (and git-lfs, for models in Git LFS) the check finds missing, and runs them only if you agree.'}];
		}

		const missing = missingSoftware(context);
		if (missing.length === 0) {
			return [{kind: 'instruct', informational: true, label: 'Nothing to install', text: 'The server check found everything the deployment needs already installed.'}];
		}

		const serverSystem = system(context);
		if (!isSafeSystem(serverSystem)) {
			return [{kind: 'stop', label: 'Cannot plan the installation', message: 'The server\'s /etc/os-release has values this wizard does not recognise, so it will not write them into apt\'s sources.', hint: 'Install Docker, Caddy, git, curl and cron by hand, then run again.'}];
		}

		const script = installScriptText(missing, serverSystem);
		const user = String(context.answers.serverUser);
		if (!canAdminister(context)) {
			return [{kind: 'stop', label: 'Missing software needs an administrator', message: `${user} cannot use sudo, so the wizard cannot install ${missing.join(', ')}.`, hint: `Ask an administrator (or log in as root) to run:\n${script}\nthen run the wizard again.`}];
		}

		if (context.answers.installPackages !== true) {
			return [{kind: 'stop', label: 'Installation not confirmed', message: `Missing on the server: ${missing.join(', ')}. Nothing was installed without your consent.`, hint: `Agree to the installation (headless: --yes), or run these yourself and run the wizard again:\n${script}`}];
		}

		const server = serverFrom(context.answers);
		const sudo = needsSudo(context.answers);
		const {before, after} = installCommands(missing, serverSystem);
		const actions: Action[] = before.map(command => ({kind: 'run-remote', label: command.label, argv: command.argv, sudo, server}));
		if (missing.includes('docker')) {
			actions.push(
				{kind: 'write-remote-file', label: 'Stage Docker\'s apt source', server, path: stagedDockerSourcesPath, content: dockerSourcesLine(serverSystem), mode: 0o644},
				{kind: 'run-remote', label: 'Add Docker\'s apt source', argv: ['install', '-m', '0644', stagedDockerSourcesPath, dockerSourcesListPath], sudo, server},
			);
		}

		actions.push(...after.map(command => ({kind: 'run-remote' as const, label: command.label, argv: command.argv, sudo, server})));
		return actions;
	},
};
