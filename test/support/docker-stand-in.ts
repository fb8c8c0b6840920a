// A docker STAND-IN that refuses what docker refuses and runs the container's real command
// (no Docker engine runs here). `createDockerStandIn(bin)` writes an executable `docker`
// into `bin`, which must come first on the PATH of whoever runs it (a local child's env, or
// sshd.ts's binDirectory for the SSH test user and sudo). It records every call in
// bin/docker.calls.jsonl (one JSON array per line, as stand-in.ts), and imitates Compose v2:
// - `compose version`, `--version`;
// - `compose [-f FILE] [-p NAME] up -d [--build] [--remove-orphans]`: the compose file, every
//   required env_file and the Dockerfile in the build context must exist (docker's wording
//   when not); "building" copies the context through its .dockerignore into an image folder
//   (Docker's matching: patterns anchored at the root); "running" starts the final stage's
//   CMD/ENTRYPOINT detached, in the image folder, with the Dockerfile's ENV, then the env
//   files, then `environment:`; PATH starts with shims running Debian's /usr/bin/python3 (the
//   python3 on the normal PATH is a separate pyenv one without Debian's packages). A port
//   must be published to the same port ("127.0.0.1:8000:8000"); the app listens itself. Every
//   `up` recreates the containers. Image-only services (postgres) are recorded, not run;
//   `command:` and other options it cannot imitate are refused, naming the stand-in.
// - `compose -f FILE logs [--tail N]`, `ps [-a]`, `down`.
// It does not imitate the image's file system: the command's cwd is the image folder, not
// WORKDIR, and it runs as the caller (root through sudo), not as the Dockerfile's USER.
//
// The executable is test/support/docker-stand-in/cli.ts bundled by esbuild (with yaml) into one
// CommonJS file with an absolute #! to this node, so it needs nothing from the repository
// at run time and starts nearly as fast as bare node (0.15 s against 0.12 s here).
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {buildSync} from 'esbuild';
import {parse} from 'yaml';
import {normalizeProjectName} from './docker-stand-in/compose-file.js';
import {type ContainerState, containerFiles, imageDirectory, isRunning, readContainers, stopContainer} from './docker-stand-in/container.js';
import type {DockerStandInSettings} from './docker-stand-in/settings.js';

export type {ContainerState} from './docker-stand-in/container.js';

export type DockerStandIn = {
	/** Every call so far, oldest first. */
	calls(): string[][];
	/** Where projects, containers, logs and image folders live (mode 0777: shared by users). */
	stateDirectory: string;
	/** The image folder (the copied build context) of `service` of the project `composeFile` (absolute path) defines. */
	imageDirectory(composeFile: string, service?: string): string;
	/** What the container printed so far ('' if it never ran). */
	containerLog(composeFile: string, service?: string): string;
	/** The recorded containers of that project (pid, command, ports, ...). */
	containers(composeFile: string): ContainerState[];
	/**
	 * Stops every container this stand-in started, in every project, and removes the state
	 * folder unless it was given in the options. Call it in `after`.
	 */
	stopAll(): Promise<void>;
};

const shims: Record<string, string> = {
	uvicorn: 'exec /usr/bin/python3 -m uvicorn "$@"',
	gunicorn: 'exec /usr/bin/python3 -m gunicorn "$@"',
	python: 'exec /usr/bin/python3 "$@"',
	python3: 'exec /usr/bin/python3 "$@"',
};

/** The project name Compose gives the file: its `name:`, else its folder's name. */
function projectOf(composeFile: string): string {
	const document = parse(readFileSync(composeFile, 'utf8')) as {name?: unknown} | null;
	return normalizeProjectName(typeof document?.name === 'string' ? document.name : path.basename(path.dirname(composeFile)));
}

const started = new Set<string>();
let exitHookInstalled = false;

/** On exit, whatever happened, no container outlives the test (and keeps its namespace alive). */
function killAllOnExit(): void {
	if (exitHookInstalled) {
		return;
	}

	exitHookInstalled = true;
	process.once('exit', () => {
		for (const stateDirectory of started) {
			for (const container of allContainers(stateDirectory).filter(candidate => isRunning(candidate))) {
				try {
					process.kill(-container.pid!, 'SIGKILL');
				} catch {}
			}
		}
	});
}

function allContainers(stateDirectory: string): ContainerState[] {
	const projects = path.join(stateDirectory, 'projects');
	return existsSync(projects) ? readdirSync(projects).flatMap(project => readContainers(stateDirectory, project)).filter(container => container.pid !== undefined) : [];
}

export function createDockerStandIn(binDirectory: string, options: {stateDirectory?: string} = {}): DockerStandIn {
	mkdirSync(binDirectory, {recursive: true});
	const stateDirectory = options.stateDirectory ?? mkdtempSync(path.join(tmpdir(), 'mldw-docker-'));
	const shimDirectory = path.join(stateDirectory, 'shims');
	mkdirSync(shimDirectory, {recursive: true});
	chmodSync(stateDirectory, 0o777);
	chmodSync(shimDirectory, 0o755);
	for (const [name, line] of Object.entries(shims)) {
		writeFileSync(path.join(shimDirectory, name), `#!/bin/sh\n# docker STAND-IN shim: Debian's python packages belong to /usr/bin/python3.\n${line}\n`, {mode: 0o755});
	}

	const callsPath = path.join(binDirectory, 'docker.calls.jsonl');
	writeFileSync(callsPath, '');
	chmodSync(callsPath, 0o666);
	const settings: DockerStandInSettings = {callsPath, stateDirectory, shimDirectory};
	const bundle = buildSync({
		entryPoints: [path.join(import.meta.dirname, 'docker-stand-in', 'cli.ts')],
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		write: false,
		logLevel: 'silent',
		define: {DOCKER_STAND_IN_SETTINGS: JSON.stringify(settings)},
		banner: {js: `#!${process.execPath}\n// STAND-IN for docker, made by test/support/docker-stand-in.ts.`},
	});
	const executable = path.join(binDirectory, 'docker');
	writeFileSync(executable, bundle.outputFiles[0]!.text, {mode: 0o755});
	chmodSync(executable, 0o755);
	started.add(stateDirectory);
	killAllOnExit();
	return {
		calls: () => readFileSync(callsPath, 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as string[]),
		stateDirectory,
		imageDirectory: (composeFile, service = 'app') => imageDirectory(stateDirectory, projectOf(composeFile), service),
		containerLog(composeFile, service = 'app') {
			const {log} = containerFiles(stateDirectory, projectOf(composeFile), service);
			return existsSync(log) ? readFileSync(log, 'utf8') : '';
		},
		containers: composeFile => readContainers(stateDirectory, projectOf(composeFile)),
		async stopAll() {
			await Promise.all(allContainers(stateDirectory).map(async container => stopContainer(container, 5000)));
			if (!options.stateDirectory) {
				rmSync(stateDirectory, {recursive: true, force: true});
			}
		},
	};
}
