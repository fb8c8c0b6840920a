// Starts a generated deployment's container command the way the image would run it, without
// Docker (none runs here), and calls its health check. From the files generate wrote for the
// VPS: compose.yaml (read by the docker stand-in's compose reader: env files, environment,
// ports), the Dockerfile it builds (the project's own or the wizard's: parsed by the stand-in's
// Dockerfile reader for WORKDIR, ENV and the command), the build context copied through
// .dockerignore. What a build would do to ownership is imitated from the Dockerfile's own
// lines: `useradd --uid`, `mkdir -p`, `chown` and USER; the code stays root's. The command runs
// as that user, in the final WORKDIR, in a private network namespace where unprivileged
// users may bind low ports (Docker sets the same sysctl in containers), with Debian's
// /usr/bin/python3 behind python, uvicorn and gunicorn (python3 on PATH is another one).
// Then the health path is called from inside that namespace, and the image's HEALTHCHECK is
// run there as the same user. RUN lines that install packages are not run: Debian's packages
// stand in, so this proves the command, app object, imports, folders, user, port and health
// route, not the pins or the Python version.
import {spawn, spawnSync} from 'node:child_process';
import {chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {parse} from 'yaml';
import {dockerfileInstructions} from '../../../source/detect/dockerfile-text.js';
import {loadComposeFile} from '../../support/docker-stand-in/compose-file.js';
import {parseDockerfile} from '../../support/docker-stand-in/dockerfile.js';
import {copyContext, parseDockerignore} from '../../support/docker-stand-in/dockerignore.js';
import {parseEnvFile} from '../../support/docker-stand-in/env-file.js';

export type RunOutcome = {served: boolean; detail: string};

const defaultPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const shims: Record<string, string> = {
	python: 'exec /usr/bin/python3 "$@"',
	python3: 'exec /usr/bin/python3 "$@"',
	uvicorn: 'exec /usr/bin/python3 -m uvicorn "$@"',
	gunicorn: 'exec /usr/bin/python3 -m gunicorn "$@"',
};

type ImageLayout = {codeRoot: string; user: string; users: Map<string, number>; folders: Array<{path: string; owner?: string}>; healthcheck?: string[]};

/** What the build does to users, folders and ownership, from the final stage's instructions. */
function imageLayout(dockerfile: string): ImageLayout {
	const layout: ImageLayout = {codeRoot: '/', user: 'root', users: new Map([['root', 0]]), folders: []};
	let workdir = '/';
	for (const {keyword, arguments_} of dockerfileInstructions(dockerfile)) {
		if (keyword === 'FROM') {
			workdir = '/';
		} else if (keyword === 'WORKDIR') {
			workdir = path.posix.resolve(workdir, arguments_);
		} else if (keyword === 'COPY' && /^(?:--chown=\S+\s+)?\.\s+(\S+)$/.test(arguments_)) {
			layout.codeRoot = path.posix.resolve(workdir, /(\S+)$/.exec(arguments_)![1]!);
		} else if (keyword === 'USER') {
			layout.user = arguments_.split(':')[0]!;
		} else if (keyword === 'HEALTHCHECK' && /CMD\s+(\[.*\])/.test(arguments_)) {
			layout.healthcheck = JSON.parse(/CMD\s+(\[.*\])/.exec(arguments_)![1]!) as string[];
		} else if (keyword === 'RUN') {
			for (const step of arguments_.split('&&').map(part => part.trim().split(/\s+/))) {
				if (step[0] === 'useradd' && step.includes('--uid')) {
					layout.users.set(step.at(-1)!, Number(step[step.indexOf('--uid') + 1]));
				} else if (step[0] === 'mkdir') {
					layout.folders.push(...step.slice(1).filter(word => !word.startsWith('-')).map(folder => ({path: path.posix.resolve(workdir, folder)})));
				} else if (step[0] === 'chown') {
					const [owner, ...folders] = step.slice(1).filter(word => !word.startsWith('-'));
					layout.folders.push(...folders.map(folder => ({path: path.posix.resolve(workdir, folder), owner: owner!.split(':')[0]})));
				}
			}
		}
	}

	return layout;
}

async function sleep(milliseconds: number): Promise<void> {
	await new Promise(resolve => {
		setTimeout(resolve, milliseconds);
	});
}

/** Runs argv inside the network namespace of `pid` (as `uid`, with `env` and `cwd` when given). */
function inNamespace(pid: number, argv: string[], options: {uid?: number; env?: Record<string, string>; cwd?: string} = {}) {
	const user = options.uid === undefined ? [] : ['setpriv', `--reuid=${options.uid}`, `--regid=${options.uid}`, '--clear-groups'];
	return spawnSync('nsenter', [`--net=/proc/${pid}/ns/net`, ...user, ...argv], {encoding: 'utf8', timeout: 10_000, env: options.env, cwd: options.cwd});
}

/**
 * Starts the app of the project in `directory` (after generate --provider vps) and calls its
 * health check: `health` is the path, or "port" for a connection check.
 */
export async function runImage(directory: string, health: string, timeoutMs = 40_000): Promise<RunOutcome> {
	const compose = loadComposeFile(path.join(directory, 'compose.yaml'), {});
	const service = compose.services.find(candidate => candidate.name === 'app')!;
	const dockerfileName = service.build!.dockerfile;
	const dockerfile = readFileSync(path.resolve(service.build!.context, existsSync(path.join(service.build!.context, dockerfileName)) ? dockerfileName : 'dockerfile'), 'utf8');
	const image = parseDockerfile(dockerfile);
	const layout = imageLayout(dockerfile);
	const scratch = mkdtempSync(path.join(tmpdir(), 'mldw-image-'));
	chmodSync(scratch, 0o755);
	const imageRoot = path.join(scratch, 'code');
	const ignore = path.join(service.build!.context, '.dockerignore');
	copyContext(service.build!.context, imageRoot, existsSync(ignore) ? parseDockerignore(readFileSync(ignore, 'utf8')) : []);
	const host = (containerPath: string) => {
		const relative = path.posix.relative(layout.codeRoot, containerPath);
		return relative.startsWith('..') ? path.join(scratch, 'root', containerPath) : path.join(imageRoot, relative);
	};

	const uid = layout.users.get(layout.user) ?? (/^\d+$/.test(layout.user) ? Number(layout.user) : Number.NaN);
	if (Number.isNaN(uid)) {
		return {served: false, detail: `USER ${layout.user} is not made by the Dockerfile`};
	}

	for (const folder of layout.folders) {
		mkdirSync(host(folder.path), {recursive: true});
		if (folder.owner !== undefined) {
			const owner = layout.users.get(folder.owner) ?? 0;
			chownSync(host(folder.path), owner, owner);
		}
	}

	const home = path.join(scratch, 'home');
	mkdirSync(home, {recursive: true});
	chownSync(home, uid, uid);
	const shimDirectory = path.join(scratch, 'shims');
	mkdirSync(shimDirectory);
	for (const [name, line] of Object.entries(shims)) {
		writeFileSync(path.join(shimDirectory, name), `#!/bin/sh\n${line}\n`, {mode: 0o755});
	}

	const environment: Record<string, string> = {PATH: defaultPath, HOME: home, HOSTNAME: 'app', ...image.environment};
	for (const file of service.envFiles.filter(reference => existsSync(reference.path))) {
		Object.assign(environment, parseEnvFile(readFileSync(file.path, 'utf8')));
	}

	for (const [name, value] of Object.entries(service.environment)) {
		if (value !== undefined) {
			environment[name] = value;
		}
	}

	environment.PATH = `${shimDirectory}:${environment.PATH ?? defaultPath}`;
	const cwd = host(image.workdir);
	const port = service.ports[0]?.containerPort ?? Number(environment.PORT);
	const logFile = path.join(scratch, 'container.log');
	const log = openSync(logFile, 'w');
	const child = spawn('unshare', [
		'-n', 'sh', '-c', `ip link set lo up && echo 0 > /proc/sys/net/ipv4/ip_unprivileged_port_start && exec setpriv --reuid=${uid} --regid=${uid} --clear-groups "$@"`,
		'sh', ...image.command,
	], {cwd, env: environment, stdio: ['ignore', log, log], detached: true});
	closeSync(log);
	let exited = false;
	child.once('exit', () => {
		exited = true;
	});
	// Enough to hold the first error: two workers failing print two tracebacks, then the master's.
	const logTail = () => readFileSync(logFile, 'utf8').slice(-12_000);
	try {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline && !exited) {
			const call = health === 'port'
				? inNamespace(child.pid!, ['/usr/bin/python3', '-c', `import socket; socket.create_connection(('127.0.0.1', ${port}), 2)`])
				: inNamespace(child.pid!, ['curl', '-sS', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '3', `http://127.0.0.1:${port}${health}`]);
			if (call.status === 0 && (health === 'port' || /^2\d\d$/.test(call.stdout))) {
				const running = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
				const test = (parse(readFileSync(path.join(directory, 'compose.yaml'), 'utf8')) as {services: {app: {healthcheck?: {test: string[]}}}}).services.app.healthcheck?.test.slice(1) ?? layout.healthcheck;
				const check = test ? inNamespace(child.pid!, test, {uid, env: environment, cwd}) : undefined;
				if (check && check.status !== 0) {
					return {served: false, detail: `${health} answers, but the image's health check fails: ${check.stderr.trim()}`};
				}

				return {served: true, detail: `${health === 'port' ? `port ${port} accepts connections` : `GET ${health} answered ${call.stdout}`} (uid ${running}, ${image.command.join(' ')})`};
			}

			await sleep(250);
		}

		return {served: false, detail: `${exited ? 'the command exited' : `no answer within ${timeoutMs} ms`} (${image.command.join(' ')}):\n${logTail()}`};
	} finally {
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {}

		await sleep(100);
		rmSync(scratch, {recursive: true, force: true});
	}
}
