// A compose file read the way `docker compose` reads it, as far as the stand-in needs: the
// project name, ${VAR} interpolation (from the caller's environment, then the project's .env),
// and per service its build, image, env_file, environment and ports. What Compose refuses at
// this point, this refuses with Compose's words; what the stand-in cannot do, it refuses with
// its own, naming itself, instead of pretending.
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {parse} from 'yaml';
import {parseEnvFile} from './env-file.js';
import {interpolate, InterpolationError, type Lookup} from './interpolate.js';
import {Refusal} from './refusal.js';

export type PortMapping = {hostIp: string; hostPort: number; containerPort: number; text: string};

export type EnvFileReference = {path: string; required: boolean};

export type ComposeService = {
	name: string;
	build?: {context: string; dockerfile: string};
	image?: string;
	envFiles: EnvFileReference[];
	/** `undefined`: take the value from the caller's environment, or leave it unset. */
	environment: Record<string, string | undefined>;
	ports: PortMapping[];
};

export type ComposeProject = {name: string; file: string; directory: string; services: ComposeService[]};

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Compose's rule: lower case, only a-z 0-9 _ -, starting with a letter or digit. */
export function normalizeProjectName(name: string): string {
	return name.toLowerCase().replaceAll(/[^a-z\d_-]/g, '').replace(/^[^a-z\d]+/, '');
}

function interpolateAll(value: unknown, lookup: Lookup, where: string): unknown {
	if (typeof value === 'string') {
		try {
			return interpolate(value, lookup);
		} catch (error) {
			if (error instanceof InterpolationError) {
				throw new Refusal(`error while interpolating ${where}: ${error.message}`);
			}

			throw error;
		}
	}

	if (Array.isArray(value)) {
		return value.map((item, index) => interpolateAll(item, lookup, `${where}[${index}]`));
	}

	if (isRecord(value)) {
		return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateAll(item, lookup, where ? `${where}.${key}` : key)]));
	}

	return value;
}

function ports(service: string, value: unknown): PortMapping[] {
	return (Array.isArray(value) ? value : []).map(entry => {
		if (isRecord(entry)) {
			const containerPort = Number(entry.target);
			const hostPort = Number(entry.published ?? Number.NaN);
			return {hostIp: String(entry.host_ip ?? '0.0.0.0'), hostPort, containerPort, text: JSON.stringify(entry)};
		}

		const text = String(entry);
		const parts = text.replace(/\/(tcp|udp)$/, '').split(':');
		const containerPort = Number(parts.at(-1));
		const hostPort = parts.length > 1 ? Number(parts.at(-2)) : Number.NaN;
		const hostIp = parts.length > 2 ? parts.slice(0, -2).join(':').replaceAll(/[[\]]/g, '') : '0.0.0.0';
		if (!Number.isInteger(containerPort)) {
			throw new Refusal(`services.${service}.ports: invalid port "${text}"`);
		}

		return {hostIp, hostPort, containerPort, text};
	});
}

function envFiles(directory: string, value: unknown): EnvFileReference[] {
	if (value === undefined || value === null) {
		return [];
	}

	return (Array.isArray(value) ? value : [value]).map(entry => {
		const reference = isRecord(entry) ? {path: String(entry.path), required: entry.required !== false} : {path: String(entry), required: true};
		return {...reference, path: path.resolve(directory, reference.path)};
	});
}

function environment(value: unknown): Record<string, string | undefined> {
	if (Array.isArray(value)) {
		return Object.fromEntries(value.map(entry => {
			const text = String(entry);
			const equals = text.indexOf('=');
			return equals === -1 ? [text, undefined] : [text.slice(0, equals), text.slice(equals + 1)];
		}));
	}

	return Object.fromEntries(Object.entries(isRecord(value) ? value : {}).map(([key, item]) => [key, item === null || item === undefined ? undefined : String(item)]));
}

function service(name: string, raw: Raw, directory: string): ComposeService {
	for (const unsupported of ['command', 'entrypoint', 'extends', 'network_mode', 'working_dir', 'user']) {
		if (raw[unsupported] !== undefined) {
			throw new Refusal(`docker STAND-IN: services.${name}.${unsupported} is not supported by test/support/docker-stand-in; extend it rather than ignore it`);
		}
	}

	let build: ComposeService['build'];
	if (raw.build !== undefined) {
		const spec = isRecord(raw.build) ? raw.build : {context: raw.build};
		build = {context: path.resolve(directory, String(spec.context ?? '.')), dockerfile: String(spec.dockerfile ?? 'Dockerfile')};
	}

	const image = raw.image === undefined ? undefined : String(raw.image);
	if (!build && !image) {
		throw new Refusal(`service "${name}" has neither an image nor a build context specified: invalid compose project`);
	}

	return {name, build, image, envFiles: envFiles(directory, raw.env_file), environment: environment(raw.environment), ports: ports(name, raw.ports)};
}

/**
 * Loads `file` (absolute). `callerEnvironment` is the environment `docker compose` runs in;
 * it wins over the project's .env for interpolation, as in Compose.
 */
export function loadComposeFile(file: string, callerEnvironment: Record<string, string | undefined>, projectName?: string): ComposeProject {
	if (!existsSync(file)) {
		// Compose v2 stats every -f file first (github.com/dunglas/symfony-docker/issues/510).
		throw new Refusal(`stat ${file}: no such file or directory`);
	}

	const directory = path.dirname(file);
	const dotEnvPath = path.join(directory, '.env');
	const dotEnv = existsSync(dotEnvPath) ? parseEnvFile(readFileSync(dotEnvPath, 'utf8'), name => callerEnvironment[name]) : {};
	let document: unknown;
	try {
		document = parse(readFileSync(file, 'utf8'));
	} catch (error) {
		throw new Refusal(`yaml: ${(error as Error).message.split('\n')[0]}`);
	}

	if (!isRecord(document)) {
		throw new Refusal(`Top-level object must be a mapping (${file})`);
	}

	const resolved = interpolateAll(document, name => callerEnvironment[name] ?? dotEnv[name], '') as Raw;
	const services = isRecord(resolved.services) ? resolved.services : {};
	return {
		name: normalizeProjectName(projectName ?? callerEnvironment.COMPOSE_PROJECT_NAME ?? (typeof resolved.name === 'string' ? resolved.name : path.basename(directory))),
		file,
		directory,
		services: Object.entries(services).map(([name, raw]) => service(name, isRecord(raw) ? raw : {}, directory)),
	};
}
