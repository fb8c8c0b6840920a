// The JSON config of `ml-deploy-wizard deploy --config FILE`. Its field names are a public
// interface (scripts and CI depend on them): add fields, never rename them. Values go
// through the same schemas as the wizard's inputs, so an error names the JSON field.
import process from 'node:process';
import {z} from 'zod';
import {checkCronSchedule} from '../core/cron-schedule.js';
import {
	absoluteRemotePathSchema,
	certificateAuthoritySchema,
	emailSchema,
	domainSchema,
	gitBranchSchema,
	healthPathSchema,
	hostKeyFingerprintSchema,
	optionalJsonFileSchema,
	ipv4Schema,
	keyCommentSchema,
	privateKeyPathSchema,
	remoteDirectorySchema,
	repoUrlSchema,
	sshAliasSchema,
	unixUserSchema,
	urlPathSchema,
} from '../core/inputs.js';
import type {Answers, ProviderId} from '../core/step.js';
import {serverHostSchema} from '../ssh/server-host.js';
import {plainSettingsAnswer, secretAnswerName, variableNamePattern} from '../providers/app-environment.js';
import {cloudRunConfigSchema, cloudRunConfigToAnswers, cloudRunFieldNames} from '../providers/cloud-run/cloud-run-config.js';
import {herokuConfigSchema, herokuConfigToAnswers, herokuFieldNames} from '../providers/heroku/heroku-config.js';

const port = z.number({message: 'use a whole number from 1 to 65535'}).int().min(1).max(65_535);
const text = <T extends z.ZodType<string, string>>(schema: T) => z.string().pipe(schema);

export const deployConfigSchema = z.strictObject({
	provider: z.enum(['vps', 'cloud-run', 'heroku']),
	domain: text(domainSchema).optional(),
	/** Where the HTTPS certificate comes from (VPS with a domain). */
	acme: z
		.strictObject({
			/** Given to the certificate authority for notices about the account. */
			email: text(emailSchema).optional(),
			/** "production" (Let's Encrypt, the default), "staging", or an ACME directory URL. */
			ca: text(certificateAuthoritySchema).optional(),
		})
		.optional(),
	app: z
		.strictObject({
			/** Default: what the wizard detects in the project (the app step's default). */
			port: port.optional(),
			/** A route, or "none" when the app has none (only its port is checked). Default: detected. */
			healthPath: text(healthPathSchema).optional(),
			/** A JSON file in the project that the live check POSTs to `predictPath` as a sample prediction. */
			samplePayload: text(optionalJsonFileSchema).optional(),
			predictPath: text(urlPathSchema).optional(),
		})
		.default({}),
	server: z
		.strictObject({
			/** An address, a host name, or a Host in ~/.ssh/config (its HostName, ProxyJump and keys then apply). */
			host: text(serverHostSchema),
			/** The public IPv4 address for the DNS record; defaults to host when host is an IPv4 address. */
			ip: text(ipv4Schema).optional(),
			/** Without port and user: the ssh config's Port and User for that host, else 22 and root. */
			port: port.optional(),
			user: text(unixUserSchema).optional(),
			identityFile: text(privateKeyPathSchema).default('~/.ssh/id_mldw'),
			/** The fingerprint the server must present; required the first time in headless mode. */
			hostKey: text(hostKeyFingerprintSchema).optional(),
			keyComment: text(keyCommentSchema).optional(),
			/** Adds `Host ALIAS` to ~/.ssh/config. */
			sshAlias: text(sshAliasSchema).optional(),
			/** Where the app is cloned on the server, relative to the user's home. */
			appDirectory: text(remoteDirectorySchema).optional(),
			/** Caddy's configuration file on the server. */
			caddyfile: text(absoluteRemotePathSchema).optional(),
		})
		.optional(),
	repo: z
		.strictObject({
			url: text(repoUrlSchema),
			branch: text(gitBranchSchema).default('main'),
			/** No key: a public or local repository. */
			deployKeyFile: text(privateKeyPathSchema).optional(),
			/**
			 * When the branch on the git host lacks the deployment files or the local commit,
			 * commit those files and push, instead of stopping with the commands to run.
			 */
			push: z.boolean().default(false),
		})
		.optional(),
	/**
	 * The app's settings, for every provider. `values` are not secret (they are saved with
	 * the progress); each name in `secrets` is read from the deploy command's environment
	 * and never written anywhere but its destination. The project's .env is delivered too.
	 */
	env: z
		.strictObject({
			values: z.record(z.string().regex(variableNamePattern, {message: 'use a variable name like LOG_LEVEL (letters, digits, _)'}), z.string().refine(value => !/[\n\r']/.test(value), {message: 'one line, without \' (single quotes)'})).default({}),
			secrets: z.array(z.string().regex(variableNamePattern, {message: 'use a variable name like API_TOKEN (letters, digits, _)'})).default([]),
		})
		.default({values: {}, secrets: []}),
	// Each entry is checked by the wizard's own parser (core/cron-schedule.ts), field by field,
	// so the message names cron.N.schedule or cron.N.path.
	cron: z
		.array(
			z.strictObject({
				schedule: z.string().superRefine((value, context) => {
					const checked = checkCronSchedule(value);
					if (!checked.ok) {
						context.addIssue({code: 'custom', message: checked.message});
					}
				}),
				path: text(urlPathSchema),
				method: z.enum(['GET', 'POST'], {message: 'use "GET" or "POST"'}).default('GET'),
			}),
		)
		.default([]),
	// Owned by the Cloud Run and Heroku steps (their *-config.ts files), declared here so one
	// schema checks the whole file and every error names its JSON path.
	cloudRun: cloudRunConfigSchema.optional(),
	heroku: herokuConfigSchema.optional(),
});

export type DeployConfig = z.infer<typeof deployConfigSchema>;

export type ConfigProblem = {field: string; message: string};

/** Parses the file's text; every problem names its JSON path (server.port, cron.0.schedule). */
export function parseDeployConfig(textContent: string): {config: DeployConfig} | {problems: ConfigProblem[]} {
	let raw: unknown;
	try {
		raw = JSON.parse(textContent);
	} catch (error) {
		return {problems: [{field: '(file)', message: `not valid JSON: ${(error as Error).message}`}]};
	}

	const parsed = deployConfigSchema.safeParse(raw);
	if (!parsed.success) {
		return {
			problems: parsed.error.issues.map(issue => ({
				field: issue.path.length > 0 ? issue.path.join('.') : '(top level)',
				message: issue.message,
			})),
		};
	}

	const config = parsed.data;
	const problems: ConfigProblem[] = [];
	if (config.provider === 'vps') {
		if (!config.server) {
			problems.push({field: 'server', message: 'required for provider "vps": give at least {"host": "203.0.113.7"}'});
		}

		if (!config.repo) {
			problems.push({field: 'repo', message: 'required for provider "vps": give at least {"url": "git@github.com:me/api.git"}'});
		}
	}

	if (config.provider === 'cloud-run' && !config.cloudRun) {
		problems.push({field: 'cloudRun', message: 'required for provider "cloud-run": give at least {"project": "my-project-42", "region": "europe-west1", "service": "forecast-api"}'});
	}

	if (config.provider === 'heroku' && !config.heroku) {
		problems.push({field: 'heroku', message: 'required for provider "heroku": give at least {"app": "forecast-api-42"}'});
	}

	return problems.length > 0 ? {problems} : {config};
}

/**
 * The config's "cron" list as the one scheduled-calls answer every provider reads:
 * "SCHEDULE [GET|POST] PATH" entries joined with "; " (empty: no scheduled calls).
 */
export function cronAnswer(jobs: ReadonlyArray<{schedule: string; path: string; method?: string}>): string {
	return jobs.map(job => [job.schedule, ...(job.method ? [job.method] : []), job.path].join(' ')).join('; ');
}

/** The fields every provider shares (app.*, cron, env.values), as answers and as their JSON paths. */
const sharedFieldNames: Record<string, string> = {
	appPort: 'app.port',
	healthPath: 'app.healthPath',
	samplePayload: 'app.samplePayload',
	predictPath: 'app.predictPath',
	cron: 'cron',
	[plainSettingsAnswer]: 'env.values',
};

function sharedAnswers(config: DeployConfig): Answers {
	return {
		...(config.app.port === undefined ? {} : {appPort: String(config.app.port)}),
		...(config.app.healthPath === undefined ? {} : {healthPath: config.app.healthPath}),
		samplePayload: config.app.samplePayload ?? '',
		...(config.app.predictPath ? {predictPath: config.app.predictPath} : {}),
		cron: cronAnswer(config.cron),
		[plainSettingsAnswer]: JSON.stringify(config.env.values),
	};
}

/**
 * `env.secrets`, each read from the environment of the deploy command: answers that live
 * in memory only. A missing or unusable value is a problem named by its config field.
 */
export function secretAnswersFromEnvironment(names: readonly string[], environment: NodeJS.ProcessEnv, field = 'env.secrets'): {answers: Answers; problems: string[]} {
	const answers: Answers = {};
	const problems: string[] = [];
	for (const name of names) {
		const value = environment[name];
		if (value === undefined || value === '') {
			problems.push(`${field}: ${name} is not set in the environment. Run it as ${name}=... ml-deploy-wizard deploy ..., or export it first.`);
		} else if (/[\n\r']/.test(value)) {
			problems.push(`${field}: the value of ${name} must be one line, without ' (single quotes).`);
		} else {
			answers[secretAnswerName(name)] = value;
		}
	}

	return {answers, problems};
}

/** Answer names of the VPS steps -> JSON paths, so runtime messages name the config field. */
export const vpsFieldNames: Record<string, string> = {
	...sharedFieldNames,
	domain: 'domain',
	acmeEmail: 'acme.email',
	acmeCa: 'acme.ca',
	serverHost: 'server.host',
	serverIp: 'server.ip',
	serverPort: 'server.port',
	serverUser: 'server.user',
	identityFile: 'server.identityFile',
	keyComment: 'server.keyComment',
	hostKeyFingerprint: 'server.hostKey',
	trustHostKey: 'server.hostKey',
	sshAlias: 'server.sshAlias',
	appDirectory: 'server.appDirectory',
	caddyfilePath: 'server.caddyfile',
	repoUrl: 'repo.url',
	repoBranch: 'repo.branch',
	repoPrivate: 'repo.deployKeyFile',
	deployKeyFile: 'repo.deployKeyFile',
	installPackages: '--yes',
	releaseStaleLock: '--yes',
	publishCode: 'repo.push',
};

/** The VPS config as the steps' answers. `yes` is the consent --yes gives to installs and stale locks. */
export function vpsAnswers(config: DeployConfig, yes: boolean): Answers {
	const answers: Answers = {
		...sharedAnswers(config),
		installPackages: yes,
		releaseStaleLock: yes,
	};
	const optional: Record<string, string | undefined> = {
		domain: config.domain,
		acmeEmail: config.acme?.email,
		acmeCa: config.acme?.ca,
		serverHost: config.server?.host,
		serverIp: config.server?.ip,
		serverPort: config.server?.port === undefined ? undefined : String(config.server.port),
		serverUser: config.server?.user,
		identityFile: config.server?.identityFile,
		hostKeyFingerprint: config.server?.hostKey,
		keyComment: config.server?.keyComment,
		sshAlias: config.server?.sshAlias ?? '',
		appDirectory: config.server?.appDirectory,
		caddyfilePath: config.server?.caddyfile,
		repoUrl: config.repo?.url,
		repoBranch: config.repo?.branch,
		deployKeyFile: config.repo?.deployKeyFile,
	};
	for (const [name, value] of Object.entries(optional)) {
		if (value !== undefined) {
			answers[name] = value;
		}
	}

	answers.repoPrivate = config.repo?.deployKeyFile !== undefined;
	answers.publishCode = config.repo?.push ?? false;
	return answers;
}

export type ProviderConfigMapping = {
	answers: Answers;
	/** Secret values (from the environment): given to the steps, never saved with the progress. */
	secretAnswers: Answers;
	fieldNames: Record<string, string>;
	/** Values the file points at but that are missing (a secret's environment variable), as "field: message". */
	problems?: string[];
};

/**
 * The config as answers for the chosen provider. `environment` holds the values of the
 * Heroku secrets the file names (never the file itself).
 */
export function answersForProvider(
	provider: ProviderId,
	config: DeployConfig,
	yes: boolean,
	environment: NodeJS.ProcessEnv = process.env,
): ProviderConfigMapping | undefined {
	const secrets = secretAnswersFromEnvironment(config.env.secrets, environment);
	switch (provider) {
		case 'vps': {
			return {answers: vpsAnswers(config, yes), secretAnswers: secrets.answers, fieldNames: vpsFieldNames, problems: secrets.problems};
		}

		case 'cloud-run': {
			if (!config.cloudRun) {
				return undefined;
			}

			return {answers: {...sharedAnswers(config), ...cloudRunConfigToAnswers(config.cloudRun)}, secretAnswers: secrets.answers, fieldNames: {...sharedFieldNames, ...cloudRunFieldNames}, problems: secrets.problems};
		}

		case 'heroku': {
			if (!config.heroku) {
				return undefined;
			}

			// heroku.config and heroku.secrets predate env: they join it, env winning on a name in both.
			const herokuSecrets = secretAnswersFromEnvironment((config.heroku.secrets ?? []).filter(name => !config.env.secrets.includes(name)), environment, 'heroku.secrets');
			return {
				answers: {...sharedAnswers(config), ...herokuConfigToAnswers(config.heroku), [plainSettingsAnswer]: JSON.stringify({...config.heroku.config, ...config.env.values})},
				secretAnswers: {...herokuSecrets.answers, ...secrets.answers},
				fieldNames: {...sharedFieldNames, ...herokuFieldNames},
				problems: [...secrets.problems, ...herokuSecrets.problems],
			};
		}
	}
}
