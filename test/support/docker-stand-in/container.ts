// A "container" of the docker stand-in: the image's command run as a detached process group
// (its own session, like `setsid nohup`), output to a log file, cwd the image folder; a state
// file beside the log records its pid and start time, so a later call (another user, another
// SSH session, the test itself) can tell whether it still runs and stop all of it.
import {spawn} from 'node:child_process';
import {accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {Refusal} from './refusal.js';

export type ContainerState = {
	name: string;
	service: string;
	/** Absent for a service the stand-in records but does not run (image only, like postgres). */
	pid?: number;
	startTime?: string;
	command: string[];
	image: string;
	ports: string[];
	created: string;
};

export type ContainerFiles = {state: string; log: string};

/** Where a project's containers, logs and images live inside the stand-in's state folder. */
export function projectDirectory(stateDirectory: string, project: string): string {
	return path.join(stateDirectory, 'projects', project);
}

export function containerFiles(stateDirectory: string, project: string, service: string): ContainerFiles {
	const directory = projectDirectory(stateDirectory, project);
	return {state: path.join(directory, `${service}.container.json`), log: path.join(directory, `${service}.log`)};
}

export function imageDirectory(stateDirectory: string, project: string, service: string): string {
	return path.join(projectDirectory(stateDirectory, project), 'images', service);
}

/** Field 22 of /proc/PID/stat: tells a process from a later one that got the same pid. */
function startTimeOf(pid: number): string | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return fields[0] === 'Z' ? undefined : fields[19];
	} catch {
		return undefined;
	}
}

/** Live (not zombie) members of the process group `pgid`. */
function groupMembers(pgid: number): number[] {
	const members: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (/^\d+$/.test(entry)) {
			try {
				const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
				const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
				if (fields[0] !== 'Z' && Number(fields[2]) === pgid) {
					members.push(Number(entry));
				}
			} catch {}
		}
	}

	return members;
}

export function readContainers(stateDirectory: string, project: string): ContainerState[] {
	const directory = projectDirectory(stateDirectory, project);
	if (!existsSync(directory)) {
		return [];
	}

	return readdirSync(directory).filter(name => name.endsWith('.container.json')).map(name => JSON.parse(readFileSync(path.join(directory, name), 'utf8')) as ContainerState);
}

export function isRunning(container: ContainerState): boolean {
	return container.pid !== undefined && startTimeOf(container.pid) === container.startTime;
}

function sleep(milliseconds: number): Promise<void> {
	return new Promise(resolve => {
		setTimeout(resolve, milliseconds);
	});
}

/** SIGTERM to the whole group, SIGKILL after `graceMs` (Docker's stop timeout is 10 s). */
export async function stopContainer(container: ContainerState, graceMs = 10_000): Promise<void> {
	if (!isRunning(container)) {
		return;
	}

	const pgid = container.pid!;
	const signal = (name: NodeJS.Signals) => {
		try {
			process.kill(-pgid, name);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'EPERM') {
				// Any member of the docker group may stop any container; here only its own user (or root) can.
				throw new Refusal(`docker STAND-IN: cannot stop ${container.name} (process group ${pgid}): it runs as another user. Run docker the same way every time (through sudo, or not).`);
			}
		}
	};

	signal('SIGTERM');
	const deadline = Date.now() + graceMs;
	while (groupMembers(pgid).length > 0 && Date.now() < deadline) {
		await sleep(50);
	}

	if (groupMembers(pgid).length > 0) {
		signal('SIGKILL');
		const killDeadline = Date.now() + 5000;
		while (groupMembers(pgid).length > 0 && Date.now() < killDeadline) {
			await sleep(20);
		}
	}
}

export function removeContainer(stateDirectory: string, project: string, service: string): void {
	rmSync(containerFiles(stateDirectory, project, service).state, {force: true});
}

export function startContainer(options: {
	stateDirectory: string;
	project: string;
	service: string;
	image: string;
	command: string[];
	cwd: string;
	environment: Record<string, string>;
	ports: string[];
}): ContainerState {
	const files = containerFiles(options.stateDirectory, options.project, options.service);
	mkdirSync(path.dirname(files.log), {recursive: true});
	const log = openSync(files.log, 'a');
	const [file = '', ...arguments_] = options.command;
	// The stand-in shares its state between users with umask 0; the app gets the usual one.
	const umask = process.umask(0o022);
	// detached: a session and process group of its own, so stopping it reaches every worker,
	// and no pipe of the caller (an SSH session) stays open.
	const child = spawn(file, arguments_, {cwd: options.cwd, env: options.environment, stdio: ['ignore', log, log], detached: true});
	process.umask(umask);
	closeSync(log);
	child.unref();
	const container: ContainerState = {
		name: `${options.project}-${options.service}-1`,
		service: options.service,
		pid: child.pid,
		startTime: child.pid === undefined ? undefined : startTimeOf(child.pid),
		command: options.command,
		image: options.image,
		ports: options.ports,
		created: new Date().toISOString(),
	};
	writeFileSync(files.state, `${JSON.stringify(container, null, '\t')}\n`);
	return container;
}

/** The path `command` resolves to with the container's PATH, as the runtime looks it up. */
export function findExecutable(command: string, searchPath: string, cwd: string): string | undefined {
	const candidates = command.includes('/') ? [path.resolve(cwd, command)] : searchPath.split(':').filter(Boolean).map(directory => path.join(directory, command));
	return candidates.find(candidate => {
		try {
			accessSync(candidate, constants.X_OK);
			return statSync(candidate).isFile();
		} catch {
			return false;
		}
	});
}

/** Records a service the stand-in does not run (an image such as postgres:16). */
export function recordContainer(stateDirectory: string, project: string, container: ContainerState): void {
	const files = containerFiles(stateDirectory, project, container.service);
	mkdirSync(path.dirname(files.state), {recursive: true});
	writeFileSync(files.state, `${JSON.stringify(container, null, '\t')}\n`);
}
