import path from 'node:path';
import type {ZodType} from 'zod';
import {
	certificateAuthoritySchema,
	appModuleSchema,
	type CronEntry,
	domainSchema,
	emailSchema,
	firstIssueMessage,
	frameworkSchema,
	optional,
	parseCronEntries,
	portSchema,
	pythonVersionSchema,
	serviceNameSchema,
	urlPathSchema,
	yesNoSchema,
} from '../core/inputs.js';
import type {Answers, ProviderId} from '../core/step.js';
import {type Dependencies, type EnvironmentVariable, fallbacks, type Framework, type ProjectDetection} from '../detect/project-detection.js';

/** Everything the templates need, each value validated. */
export type FileSettings = {
	provider: ProviderId;
	serviceName: string;
	framework: Framework;
	appModule: string;
	pythonVersion: string;
	appPort: number;
	healthPath: string;
	domain?: string;
	acmeEmail?: string;
	acmeCa?: string;
	cron: CronEntry[];
	postgres: boolean;
	dependencies: Dependencies;
	environmentVariables: EnvironmentVariable[];
};

export type SettingsResult = {ok: true; settings: FileSettings} | {ok: false; field: string; message: string};

/** A Docker- and DNS-friendly name from the project folder: "My Model_v2" becomes my-model-v2. */
export function serviceNameFromDirectory(directory: string): string {
	const name = path.basename(path.resolve(directory)).toLowerCase().replaceAll(/[^a-z\d]+/g, '-').replaceAll(/^[^a-z]+|-+$/g, '').slice(0, 30).replace(/-+$/, '');
	return serviceNameSchema.safeParse(name).success ? name : 'ml-api';
}

/** The defaults the app step offers, from what detection found. */
export function detectedDefaults(detection: ProjectDetection, directory: string) {
	const framework = detection.framework?.value ?? fallbacks.framework;
	return {
		serviceName: serviceNameFromDirectory(directory),
		framework,
		appModule: detection.appModule?.value ?? fallbacks.appModule(framework),
		pythonVersion: detection.pythonVersion?.value ?? fallbacks.pythonVersion,
		appPort: String(detection.port?.value ?? fallbacks.port),
		healthPath: detection.healthPath?.value ?? fallbacks.healthPath,
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
		pythonVersion: read('pythonVersion', pythonVersionSchema, defaults.pythonVersion),
		appPort: read('appPort', portSchema, defaults.appPort),
		healthPath: read('healthPath', urlPathSchema, defaults.healthPath),
		domain: read('domain', optional(domainSchema), '') || undefined,
		acmeEmail: read('acmeEmail', optional(emailSchema), '') || undefined,
		acmeCa: read('acmeCa', certificateAuthoritySchema, '') || undefined,
		cron: [] as CronEntry[],
		postgres: read('postgres', yesNoSchema, 'no'),
		dependencies: detection.dependencies,
		// Names only (a lower-case one is rare but real: pydantic with case_sensitive, decouple):
		// each becomes a NAME= line, so nothing else may get through.
		environmentVariables: detection.environmentVariables.filter(variable => /^[A-Za-z_][A-Za-z\d_]{0,63}$/.test(variable.name)),
	};
	const cron = parseCronEntries(String(answers.cron ?? ''));
	if (cron.ok) {
		settings.cron = cron.entries;
	} else {
		problems.push({field: 'cron', message: cron.message});
	}

	const [problem] = problems;
	return problem ? {ok: false, ...problem} : {ok: true, settings};
}
