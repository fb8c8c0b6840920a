import path from 'node:path';
import type {ZodType} from 'zod';
import {
	certificateAuthoritySchema,
	appDirectorySchema,
	appModuleSchema,
	type CronEntry,
	domainSchema,
	emailSchema,
	firstIssueMessage,
	frameworkSchema,
	healthPathSchema,
	optional,
	parseCronEntries,
	portSchema,
	pythonVersionSchema,
	serviceNameSchema,
	yesNoSchema,
} from '../core/inputs.js';
import type {Answers, ProviderId} from '../core/step.js';
import {safeRelativePath} from '../detect/read-dependencies.js';
import {type Dependencies, type EnvironmentVariable, fallbacks, type Framework, portHealthCheck, type ProjectDetection} from '../detect/project-detection.js';

/** Everything the templates need, each value validated. */
export type FileSettings = {
	provider: ProviderId;
	serviceName: string;
	framework: Framework;
	/** module:object, or module:factory() for an app factory. */
	appModule: string;
	/** The folder the app's imports start from, relative to the project ('' for the project itself). */
	appDirectory: string;
	pythonVersion: string;
	/** The port the app listens on inside its container. */
	appPort: number;
	/** The port it is published on, on the server's 127.0.0.1 (Caddy and cron call it there). */
	hostPort: number;
	/** The route the checks GET; undefined when the app has none and only its port is checked. */
	healthPath?: string;
	domain?: string;
	acmeEmail?: string;
	acmeCa?: string;
	cron: CronEntry[];
	postgres: boolean;
	dependencies: Dependencies;
	environmentVariables: EnvironmentVariable[];
	/** The project's own Dockerfile: the image is built with it, and the wizard writes none. */
	ownDockerfile?: {path: string; healthcheck: boolean; fixedPort: boolean};
	/** Files the app writes next to its code, relative to its working folder: made writable, kept out of the image. */
	writtenFiles: string[];
	/** Models that are not in git (DVC, Git LFS): the build checks that they arrived. */
	modelGuards: string[];
};

/**
 * The port the app is published on, on the server's loopback. Ports below 1024 belong to the
 * server itself (Caddy holds 80 and 443, sshd 22) and 2019 is Caddy's admin endpoint: an app
 * listening there in its container is published 8000 higher (80 becomes 8080).
 */
export function publishedPort(appPort: number): number {
	return appPort < 1024 || appPort === 2019 ? appPort + 8000 : appPort;
}

export type SettingsResult = {ok: true; settings: FileSettings} | {ok: false; field: string; message: string};

/** A Docker- and DNS-friendly name from the project folder: "My Model_v2" becomes my-model-v2. */
export function serviceNameFromDirectory(directory: string): string {
	const name = path.basename(path.resolve(directory)).toLowerCase().replaceAll(/[^a-z\d]+/g, '-').replaceAll(/^[^a-z]+|-+$/g, '').slice(0, 30).replace(/-+$/, '');
	return serviceNameSchema.safeParse(name).success ? name : 'ml-api';
}

function ownDockerfile(detection: ProjectDetection): FileSettings['ownDockerfile'] {
	const own = detection.own.dockerfile;
	return own && {path: own.path, healthcheck: own.healthcheck, fixedPort: own.command !== undefined && own.command.server !== 'python' && !own.command.portVariable};
}

/** The defaults the app step offers, from what detection found. */
export function detectedDefaults(detection: ProjectDetection, directory: string) {
	const framework = detection.framework?.value ?? fallbacks.framework;
	return {
		serviceName: serviceNameFromDirectory(directory),
		framework,
		appModule: detection.appModule?.value ?? fallbacks.appModule(framework),
		appDirectory: detection.appDirectory?.value ?? '',
		pythonVersion: detection.pythonVersion?.value ?? fallbacks.pythonVersion,
		appPort: String(detection.port?.value ?? fallbacks.port),
		healthPath: detection.health.kind === 'route' ? detection.health.path : portHealthCheck,
	};
}

/**
 * Turns answers (typed in the wizard, or given as flags) plus detection into validated
 * settings. A missing answer falls back to what was detected; a bad one stops everything
 * with a message naming the field, so nothing is written from half-valid input.
 */
export function settingsFromAnswers(provider: ProviderId, answers: Answers, detection: ProjectDetection, directory: string): SettingsResult {
	const defaults = detectedDefaults(detection, directory);
	const problems: Array<{field: string; message: string}> = [];
	const read = <Value>(field: string, schema: ZodType<Value>, fallback: string): Value => {
		const raw = answers[field];
		const parsed = schema.safeParse(raw === undefined ? fallback : String(raw));
		if (!parsed.success) {
			problems.push({field, message: firstIssueMessage(parsed.error)});
			return undefined as Value;
		}

		return parsed.data;
	};

	const settings = {
		provider,
		serviceName: read('serviceName', serviceNameSchema, defaults.serviceName),
		framework: read('framework', frameworkSchema, defaults.framework),
		appModule: read('appModule', appModuleSchema, defaults.appModule),
		// Its own answer name: "appDirectory" is the VPS's folder on the server (server.appDirectory).
		appDirectory: read('appImportDirectory', appDirectorySchema, defaults.appDirectory),
		pythonVersion: read('pythonVersion', pythonVersionSchema, defaults.pythonVersion),
		appPort: read('appPort', portSchema, defaults.appPort),
		hostPort: 0,
		healthPath: read('healthPath', healthPathSchema, defaults.healthPath) as string | undefined,
		domain: read('domain', optional(domainSchema), '') || undefined,
		acmeEmail: read('acmeEmail', optional(emailSchema), '') || undefined,
		acmeCa: read('acmeCa', certificateAuthoritySchema, '') || undefined,
		cron: [] as CronEntry[],
		postgres: read('postgres', yesNoSchema, 'no'),
		dependencies: detection.dependencies,
		// Names only (a lower-case one is rare but real: pydantic with case_sensitive, decouple):
		// each becomes a NAME= line, so nothing else may get through.
		environmentVariables: detection.environmentVariables.filter(variable => /^[A-Za-z_][A-Za-z\d_]{0,63}$/.test(variable.name)),
		ownDockerfile: ownDockerfile(detection),
		// Paths from the project's code reach a Dockerfile RUN line: plain relative paths only.
		writtenFiles: detection.writtenFiles.filter(file => safeRelativePath.test(file)),
		modelGuards: detection.models.filter(model => model.storage !== 'git' && safeRelativePath.test(model.path)).map(model => model.path),
	};
	settings.hostPort = publishedPort(settings.appPort);
	if (settings.healthPath === portHealthCheck) {
		settings.healthPath = undefined;
	}
	const cron = parseCronEntries(String(answers.cron ?? ''));
	if (cron.ok) {
		settings.cron = cron.entries;
	} else {
		problems.push({field: 'cron', message: cron.message});
	}

	const [problem] = problems;
	return problem ? {ok: false, ...problem} : {ok: true, settings};
}
