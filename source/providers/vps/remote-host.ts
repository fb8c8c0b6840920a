import type {RemoteHost} from '../../core/action.js';
import {composeLogsArgv} from '../../commands/docker.js';
import {sshCommandLine} from '../../commands/ssh-config.js';
import {toShellCommand} from '../../core/shell-quote.js';
import {knownHostsPath} from '../../ssh/paths.js';
import {configHostName, tryReadHostConfig} from '../../ssh/ssh-config-file.js';
import type {Answers, PlanContext} from '../../core/step.js';
import {cachedDetection} from '../../detect/detect-project.js';

/** The server every remote action of the VPS steps runs on, from the answers. */
export function serverFrom(answers: Answers): RemoteHost {
	return {
		host: String(answers.serverHost),
		port: Number(answers.serverPort ?? 22),
		user: String(answers.serverUser),
		identityFile: String(answers.identityFile),
	};
}

/** Installing software, Caddy's file and Docker need root; anyone else goes through sudo. */
export function needsSudo(answers: Answers): boolean {
	return answers.serverUser !== 'root';
}

export function appDirectory(answers: Answers): string {
	return String(answers.appDirectory ?? 'apps/app');
}

/** A fact of an earlier step, read with a fallback (facts are untyped JSON). */
export function fact<T>(context: PlanContext, stepId: string, name: string): T | undefined {
	return context.facts[stepId]?.[name] as T | undefined;
}

/** Folder name for the clone, from the repository URL: git@github.com:me/api.git -> api. */
export function repoName(url: string): string {
	const name = url.replace(/\/+$/, '').split(/[/:]/).at(-1)?.replace(/\.git$/, '') ?? '';
	return /^[\w.-]+$/.test(name) && !name.startsWith('.') ? name : 'app';
}

/**
 * The line a person runs to see the app's last log lines: through the ssh alias when one
 * was set up, else the full ssh command with the wizard's key and known_hosts file.
 */
export function logsCommandLine(answers: Answers, projectFolder = appDirectory(answers)): string {
	const server = serverFrom(answers);
	const remote = toShellCommand([...(needsSudo(answers) ? ['sudo'] : []), ...composeLogsArgv(projectFolder)]);
	// The person's own Host entry, or the one the wizard added, is all ssh needs.
	const alias = typeof answers.sshAlias === 'string' && answers.sshAlias !== '' ? answers.sshAlias : tryReadHostConfig(server.host)?.named ? server.host : '';
	const ssh = alias ? `ssh ${alias}` : sshCommandLine({...server, knownHostsFile: knownHostsPath()});
	return `${ssh} ${toShellCommand([remote])}`;
}

/**
 * The server's address as the internet sees it: the IP given for the DNS record, else what
 * ~/.ssh/config says an alias stands for (HostName), else the SSH host itself.
 */
export function publicAddress(answers: Answers): string {
	if (typeof answers.serverIp === 'string' && answers.serverIp !== '') {
		return answers.serverIp;
	}

	const host = String(answers.serverHost);
	const config = tryReadHostConfig(host);
	return config ? configHostName(config) : host;
}

/** A model (or only its pointer) kept in Git LFS: the server's clone then needs git-lfs and a pull. */
export function keepsFilesInGitLfs(context: Pick<PlanContext, 'projectDirectory'>): boolean {
	return cachedDetection(context.projectDirectory).models.some(model => model.storage === 'git-lfs' || model.storage === 'lfs-pointer');
}
