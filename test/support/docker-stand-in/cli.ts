// The docker STAND-IN's executable (bundled by ../docker-stand-in.ts into one CommonJS file
// first on PATH). `docker compose -f FILE up -d --build` builds by copying the context
// through .dockerignore and runs the image's own command, so a test proves the app starts
// with the files and secrets that reached the server; it refuses what docker refuses, with
// docker's words, and what it cannot imitate, with its own.
import {appendFileSync, existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import path from 'node:path';
import {type ComposeProject, type ComposeService, loadComposeFile} from './compose-file.js';
import {
	type ContainerState, containerFiles, findExecutable, imageDirectory, isRunning, readContainers, recordContainer, removeContainer, startContainer, stopContainer,
} from './container.js';
import {copyContext, parseDockerignore} from './dockerignore.js';
import {type ImageConfig, parseDockerfile} from './dockerfile.js';
import {parseEnvFile} from './env-file.js';
import {Refusal} from './refusal.js';
import type {DockerStandInSettings} from './settings.js';

declare const DOCKER_STAND_IN_SETTINGS: DockerStandInSettings;
const settings = DOCKER_STAND_IN_SETTINGS;
const composeVersion = '2.29.7';
const defaultPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const say = (line: string) => process.stderr.write(`${line}\n`);

function option(arguments_: string[], index: number, name: string): string {
	const value = arguments_[index + 1];
	if (value === undefined) {
		throw new Refusal(`flag needs an argument: ${name}`);
	}

	return value;
}

/** Splits `compose [-f FILE] [-p NAME] COMMAND [flags...]`. */
function parseCompose(arguments_: string[]): {files: string[]; projectName?: string; command?: string; rest: string[]} {
	const files: string[] = [];
	let projectName: string | undefined;
	let index = 0;
	for (; index < arguments_.length && arguments_[index]!.startsWith('-'); index++) {
		const [flag = '', inline] = arguments_[index]!.split(/=(.*)/s);
		const value = () => inline ?? option(arguments_, index++, flag);
		if (flag === '-f' || flag === '--file') {
			files.push(value());
		} else if (flag === '-p' || flag === '--project-name') {
			projectName = value();
		} else {
			throw new Refusal(`unknown flag: ${flag}`);
		}
	}

	return {files, projectName, command: arguments_[index], rest: arguments_.slice(index + 1)};
}

function findComposeFile(files: string[]): string {
	if (files.length > 1) {
		throw new Refusal('docker STAND-IN: several -f files (merged configurations) are not supported by test/support/docker-stand-in');
	}

	if (files[0] !== undefined) {
		return path.resolve(process.cwd(), files[0]);
	}

	const found = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'].map(name => path.resolve(name)).find(file => existsSync(file));
	if (!found) {
		throw new Refusal('no configuration file provided: not found');
	}

	return found;
}

function flags(rest: string[], known: Record<string, 'value' | 'switch'>): {values: Record<string, string>; positional: string[]} {
	const values: Record<string, string> = {};
	const positional: string[] = [];
	for (let index = 0; index < rest.length; index++) {
		const [flag = '', inline] = rest[index]!.split(/=(.*)/s);
		if (!flag.startsWith('-')) {
			positional.push(rest[index]!);
		} else if (known[flag] === 'switch') {
			values[flag] = 'true';
		} else if (known[flag] === 'value') {
			values[flag] = inline ?? option(rest, index++, flag);
		} else {
			throw new Refusal(`unknown flag: ${flag}`);
		}
	}

	return {values, positional};
}

function build(project: ComposeProject, service: ComposeService): ImageConfig {
	const {context, dockerfile} = service.build!;
	if (!existsSync(context)) {
		throw new Refusal(`build path ${context} either does not exist, is not accessible, or is not a valid URL.`);
	}

	const dockerfilePath = path.resolve(context, dockerfile);
	if (!existsSync(dockerfilePath)) {
		throw new Refusal(`failed to solve: failed to read dockerfile: open ${dockerfile}: no such file or directory`);
	}

	const image = parseDockerfile(readFileSync(dockerfilePath, 'utf8'));
	const ignorePath = path.join(context, '.dockerignore');
	const target = imageDirectory(settings.stateDirectory, project.name, service.name);
	rmSync(target, {recursive: true, force: true});
	const copied = copyContext(context, target, existsSync(ignorePath) ? parseDockerignore(readFileSync(ignorePath, 'utf8')) : []);
	writeFileSync(`${target}.image.json`, `${JSON.stringify(image, null, '\t')}\n`);
	say(` => [${service.name}] docker STAND-IN build: ${copied.length} files of ${context} copied through .dockerignore to ${target}`);
	return image;
}

function containerEnvironment(service: ComposeService, image: ImageConfig): Record<string, string> {
	const environment: Record<string, string> = {PATH: defaultPath, HOSTNAME: service.name, HOME: '/root', ...image.environment};
	for (const file of service.envFiles.filter(reference => existsSync(reference.path))) {
		Object.assign(environment, parseEnvFile(readFileSync(file.path, 'utf8'), name => process.env[name]));
	}

	for (const [name, value] of Object.entries(service.environment)) {
		const resolved = value ?? process.env[name];
		if (resolved === undefined) {
			delete environment[name];
		} else {
			environment[name] = resolved;
		}
	}

	// Debian's python, its uvicorn and gunicorn stand in for the image's.
	environment.PATH = `${settings.shimDirectory}:${environment.PATH ?? defaultPath}`;
	return environment;
}

async function portIsFree(host: string, port: number): Promise<boolean> {
	return new Promise(resolve => {
		const server = createServer();
		server.once('error', () => {
			resolve(false);
		});
		server.listen(port, host, () => {
			server.close(() => {
				resolve(true);
			});
		});
	});
}

async function run(project: ComposeProject, service: ComposeService, image: ImageConfig): Promise<void> {
	const name = `${project.name}-${service.name}-1`;
	for (const port of service.ports) {
		if (!Number.isInteger(port.hostPort) || port.hostPort !== port.containerPort) {
			throw new Refusal(`docker STAND-IN: ports "${port.text}" of ${service.name}: the stand-in runs the container's command on the host, so it can only publish a port to the same port (HOST:CONTAINER with HOST = CONTAINER)`);
		}

		if (!await portIsFree(port.hostIp, port.hostPort)) {
			throw new Refusal(`Error response from daemon: driver failed programming external connectivity on endpoint ${name}: Bind for ${port.hostIp}:${port.hostPort} failed: port is already allocated`);
		}
	}

	const environment = containerEnvironment(service, image);
	const cwd = imageDirectory(settings.stateDirectory, project.name, service.name);
	const [command] = image.command;
	if (command === undefined) {
		throw new Refusal(`Error response from daemon: no command specified`);
	}

	if (!findExecutable(command, environment.PATH!, cwd)) {
		throw new Refusal(`Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${command}": executable file not found in $PATH: unknown`);
	}

	startContainer({
		stateDirectory: settings.stateDirectory,
		project: project.name,
		service: service.name,
		image: service.image ?? `${project.name}-${service.name}`,
		command: image.command,
		cwd,
		environment,
		ports: service.ports.map(port => `${port.hostIp}:${port.hostPort}->${port.containerPort}/tcp`),
	});
	say(` ✔ Container ${name}  Started`);
}

async function up(project: ComposeProject, rest: string[]): Promise<void> {
	const {values, positional} = flags(rest, {'-d': 'switch', '--detach': 'switch', '--build': 'switch', '--remove-orphans': 'switch', '--force-recreate': 'switch', '--no-build': 'switch'});
	if (!values['-d'] && !values['--detach']) {
		throw new Refusal('docker STAND-IN: `up` without -d would attach to the containers; the stand-in only runs them detached');
	}

	if (positional.length > 0) {
		throw new Refusal('docker STAND-IN: `up SERVICE...` is not supported; it starts every service');
	}

	if (project.services.length === 0) {
		throw new Refusal('no service selected');
	}

	for (const reference of project.services.flatMap(service => service.envFiles)) {
		if (reference.required && !existsSync(reference.path)) {
			throw new Refusal(`env file ${reference.path} not found: stat ${reference.path}: no such file or directory`);
		}
	}

	const images = new Map<string, ImageConfig>();
	for (const service of project.services.filter(candidate => candidate.build)) {
		const target = imageDirectory(settings.stateDirectory, project.name, service.name);
		if (values['--build'] || !existsSync(`${target}.image.json`)) {
			if (values['--no-build']) {
				throw new Refusal(`docker STAND-IN: no image for ${service.name} and --no-build was given`);
			}

			images.set(service.name, build(project, service));
		} else {
			images.set(service.name, JSON.parse(readFileSync(`${target}.image.json`, 'utf8')) as ImageConfig);
		}
	}

	const wanted = new Set(project.services.map(service => service.name));
	const orphans = readContainers(settings.stateDirectory, project.name).filter(container => !wanted.has(container.service));
	if (orphans.length > 0 && !values['--remove-orphans']) {
		say(`WARN[0000] Found orphan containers ([${orphans.map(container => container.name).join(' ')}]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.`);
	}

	for (const container of values['--remove-orphans'] ? orphans : []) {
		await stopContainer(container);
		removeContainer(settings.stateDirectory, project.name, container.service);
		say(` ✔ Container ${container.name}  Removed`);
	}

	// Every container is recreated, as after a build with a new image.
	for (const container of readContainers(settings.stateDirectory, project.name).filter(candidate => wanted.has(candidate.service))) {
		await stopContainer(container);
	}

	for (const service of project.services) {
		const image = images.get(service.name);
		if (image) {
			await run(project, service, image);
		} else {
			recordContainer(settings.stateDirectory, project.name, {
				name: `${project.name}-${service.name}-1`, service: service.name, command: [], image: service.image!, ports: [], created: new Date().toISOString(),
			});
			say(` ✔ Container ${project.name}-${service.name}-1  Started (docker STAND-IN: ${service.image} is recorded, not run)`);
		}
	}
}

async function down(project: ComposeProject, rest: string[]): Promise<void> {
	flags(rest, {'--remove-orphans': 'switch'});
	for (const container of readContainers(settings.stateDirectory, project.name)) {
		await stopContainer(container);
		removeContainer(settings.stateDirectory, project.name, container.service);
		say(` ✔ Container ${container.name}  Removed`);
	}
}

function logs(project: ComposeProject, rest: string[]): void {
	const {values, positional} = flags(rest, {'--tail': 'value', '-n': 'value', '--no-log-prefix': 'switch', '-t': 'switch', '--timestamps': 'switch'});
	const tail = values['--tail'] ?? values['-n'] ?? 'all';
	const containers = readContainers(settings.stateDirectory, project.name).filter(container => container.pid !== undefined && (positional.length === 0 || positional.includes(container.service)));
	const width = Math.max(0, ...containers.map(container => `${container.service}-1`.length));
	for (const container of containers) {
		const {log} = containerFiles(settings.stateDirectory, project.name, container.service);
		const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n') : [];
		if (lines.at(-1) === '') {
			lines.pop();
		}

		const shown = tail === 'all' ? lines : lines.slice(Math.max(0, lines.length - Number(tail)));
		const prefix = values['--no-log-prefix'] ? '' : `${`${container.service}-1`.padEnd(width)}  | `;
		process.stdout.write(shown.map(line => `${prefix}${line}\n`).join(''));
	}
}

function ps(project: ComposeProject, rest: string[]): void {
	const {values} = flags(rest, {'-a': 'switch', '--all': 'switch', '-q': 'switch', '--quiet': 'switch'});
	const status = (container: ContainerState) => (container.pid === undefined ? 'Created (docker STAND-IN: not run)' : isRunning(container) ? 'Up' : 'Exited');
	const shown = readContainers(settings.stateDirectory, project.name).filter(container => values['-a'] || values['--all'] || status(container) !== 'Exited');
	if (values['-q'] || values['--quiet']) {
		process.stdout.write(shown.map(container => `${container.name}\n`).join(''));
		return;
	}

	const rows = [['NAME', 'IMAGE', 'COMMAND', 'SERVICE', 'CREATED', 'STATUS', 'PORTS'], ...shown.map(container => [
		container.name, container.image, JSON.stringify(container.command.join(' ').slice(0, 20)), container.service, container.created, status(container), container.ports.join(', '),
	])];
	const widths = rows[0]!.map((_, column) => Math.max(...rows.map(row => row[column]!.length)));
	process.stdout.write(rows.map(row => `${row.map((cell, column) => cell.padEnd(widths[column]!)).join('   ').trimEnd()}\n`).join(''));
}

async function compose(arguments_: string[]): Promise<void> {
	const {files, projectName, command, rest} = parseCompose(arguments_);
	if (command === 'version') {
		process.stdout.write(rest.includes('--short') ? `${composeVersion}\n` : `Docker Compose version v${composeVersion}\n`);
		return;
	}

	const handlers: Record<string, (project: ComposeProject, rest: string[]) => void | Promise<void>> = {up, down, logs, ps};
	const handler = command === undefined ? undefined : handlers[command];
	if (!handler) {
		throw new Refusal(`docker STAND-IN: \`docker compose ${command ?? ''}\` is not supported by test/support/docker-stand-in (it knows version, up, down, logs, ps)`);
	}

	await handler(loadComposeFile(findComposeFile(files), process.env, projectName), rest);
}

async function main(): Promise<void> {
	// State is shared by the test (root), the SSH user and sudo: nothing may be private to one.
	process.umask(0);
	const arguments_ = process.argv.slice(2);
	appendFileSync(settings.callsPath, `${JSON.stringify(arguments_)}\n`);
	if (arguments_[0] === '--version' || arguments_[0] === '-v') {
		process.stdout.write('Docker version 27.3.1, build ce12230 (STAND-IN)\n');
	} else if (arguments_[0] === 'compose') {
		await compose(arguments_.slice(1));
	} else {
		throw new Refusal(`docker: '${arguments_[0] ?? ''}' is not a docker command.\nSee 'docker --help' (docker STAND-IN: only --version and compose are imitated)`);
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Refusal ? error.message : (error as Error).stack ?? String(error)}\n`);
	process.exitCode = 1;
});
