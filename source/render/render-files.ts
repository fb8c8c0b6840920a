import {formatCronEntry} from '../core/inputs.js';
import {quoteShellArgument, toShellCommand} from '../core/shell-quote.js';
import type {ProviderId} from '../core/step.js';
import {appFolderMode, healthCheckCode, serverCommand, writableFolders, writtenProjectFiles} from './container-command.js';
import {cronLines} from './cron-lines.js';
import {installScope} from './install-scope.js';
import type {FileSettings} from './file-settings.js';
import {portHealthCheck} from '../detect/project-detection.js';
import {withHeader} from './generated-header.js';
import {renderTemplate, type TemplateScope} from './template.js';
import type {TemplateName, Templates} from './templates-directory.js';

export type GeneratedFile = {
	/** Relative to the project directory, / separated. */
	path: string;
	content: string;
	mode?: number;
	/** What the file is, for the header and for listings. */
	purpose: string;
	/**
	 * .env.example only: the names the app reads (minus those the deployment files list or
	 * set). The file on disk is merged with them rather than replaced: see env-example.ts.
	 */
	envExample?: AppVariables;
};

export type AppVariables = {required: string[]; optional: string[]};

export type RenderedFiles = {
	files: GeneratedFile[];
	/** Things worth telling the person about the files (not errors). */
	notes: string[];
};

type FileSpec = {path: string; template: TemplateName; purpose: string; mode?: number; when?: (settings: FileSettings) => boolean};

const common: FileSpec[] = [
	// A project with its own Dockerfile (or dockerfile) is built with it: the wizard writes none.
	{path: 'Dockerfile', template: 'Dockerfile', purpose: 'the recipe for your app\'s container image.', when: settings => settings.ownDockerfile === undefined},
	{path: '.dockerignore', template: 'dockerignore', purpose: 'what Docker keeps out of the image (secrets first).'},
];

const fileSpecs: Record<ProviderId, FileSpec[]> = {
	vps: [
		...common,
		{path: 'compose.yaml', template: 'compose.yaml', purpose: 'how the server runs your app with Docker Compose.'},
		{path: 'Caddyfile', template: 'Caddyfile.https', purpose: 'Caddy, the HTTPS front door on your server.', when: settings => settings.domain !== undefined},
		{path: 'Caddyfile', template: 'Caddyfile.http', purpose: 'Caddy, the front door on your server (HTTP until you add a domain).', when: settings => settings.domain === undefined},
		{path: '.env.example', template: 'env.example', purpose: 'the settings your app needs, without their secret values.'},
		{path: 'deploy/crontab', template: 'crontab', purpose: 'the scheduled calls to your API, for the server\'s crontab.', when: settings => settings.cron.length > 0},
	],
	'cloud-run': [
		...common,
		{path: '.env.example', template: 'env.example', purpose: 'the settings your app and deploy/cloud-run.sh need, without secret values.'},
		{path: 'deploy/cloud-run.sh', template: 'cloud-run/cloud-run.sh', purpose: 'the gcloud commands that deploy to Cloud Run.', mode: 0o755},
	],
	heroku: [
		...common,
		{path: '.env.example', template: 'env.example', purpose: 'the settings your app and deploy/heroku.sh need, without secret values.'},
		{path: 'heroku.yml', template: 'heroku/heroku.yml', purpose: 'how Heroku builds your container on git push.'},
		{path: 'deploy/heroku.sh', template: 'heroku/heroku.sh', purpose: 'the heroku commands that deploy your container.', mode: 0o755},
	],
};

/** The command that writes the same files again, for every file's header. */
export function regenerateCommand(settings: FileSettings, defaults: Record<string, string>): string {
	const argv = ['npx', 'ml-deploy-wizard', 'generate', '--provider', settings.provider];
	const add = (flag: string, value: string | undefined, detected?: string) => {
		if (value !== undefined && value !== detected) {
			argv.push(flag, value);
		}
	};

	add('--name', settings.serviceName, defaults.serviceName);
	add('--framework', settings.framework, defaults.framework);
	add('--app-module', settings.appModule, defaults.appModule);
	add('--app-dir', settings.appDirectory === '' ? '.' : settings.appDirectory, defaults.appDirectory === '' ? '.' : defaults.appDirectory);
	add('--python', settings.pythonVersion, defaults.pythonVersion);
	add('--app-port', String(settings.appPort), defaults.appPort);
	add('--health-path', settings.healthPath ?? portHealthCheck, defaults.healthPath);
	add('--domain', settings.domain);
	add('--acme-email', settings.acmeEmail);
	add('--acme-ca', settings.acmeCa);
	for (const entry of settings.cron) {
		argv.push('--cron', formatCronEntry(entry));
	}

	if (settings.postgres) {
		argv.push('--postgres');
	}

	return toShellCommand([...argv, '--yes']);
}

/**
 * Names the deployment itself sets or lists in .env.example for these settings, so the app's
 * list does not repeat them. Only those: an app that reads DATABASE_URL without the wizard's
 * database, or its own POSTGRES_HOST, still gets its names listed.
 */
function deploymentVariables(settings: FileSettings): Set<string> {
	// PORT: set by the platform or compose.yaml. WEB_CONCURRENCY: always in the template.
	const names = ['PORT', 'WEB_CONCURRENCY'];
	if (settings.postgres) {
		// compose.yaml sets DATABASE_URL on a VPS; elsewhere the template lists it.
		names.push('DATABASE_URL');
		if (settings.provider === 'vps') {
			names.push('POSTGRES_USER', 'POSTGRES_DB', 'POSTGRES_PASSWORD');
		}
	}

	if (settings.provider === 'cloud-run') {
		names.push('GCP_PROJECT_ID', 'GCP_REGION', 'GCP_REPOSITORY', 'CLOUD_RUN_MEMORY', 'CLOUD_RUN_MAX_INSTANCES', 'GCP_SCHEDULER_SERVICE_ACCOUNT');
	}

	if (settings.provider === 'heroku') {
		names.push('HEROKU_APP');
	}

	return new Set(names);
}

/** What .env.example lists for the app: required ones to fill in, optional ones commented out. */
function appVariables(settings: FileSettings): AppVariables {
	const deployment = deploymentVariables(settings);
	const variables = settings.environmentVariables.filter(variable => !deployment.has(variable.name));
	return {
		required: variables.filter(variable => !variable.optional).map(({name}) => name),
		optional: variables.filter(variable => variable.optional).map(({name}) => name),
	};
}

function scopeFor(settings: FileSettings): TemplateScope {
	const healthCode = healthCheckCode(settings);
	const lines = cronLines(settings.cron, {serviceName: settings.serviceName, port: settings.hostPort});
	const variables = appVariables(settings);
	const required = variables.required.map(name => ({name}));
	const optional = variables.optional.map(name => ({name}));
	const folders = writableFolders(settings);
	const written = writtenProjectFiles(settings);
	return {
		...installScope(settings),
		serviceName: settings.serviceName,
		pythonVersion: settings.pythonVersion,
		appPort: settings.appPort,
		hostPort: settings.hostPort,
		healthTarget: settings.healthPath ?? 'the port',
		workingDirectory: appFolderMode(settings) === 'working-directory' ? settings.appDirectory : '',
		hasModelGuards: settings.modelGuards.length > 0,
		modelGuardList: settings.modelGuards.map(model => ` ${model}`).join(''),
		hasWritableFolders: folders.length > 0,
		writableFolderList: folders.map(folder => ` ${folder}`).join(''),
		writtenFileList: settings.writtenFiles.join(', '),
		writtenFiles: written.map(file => ({file})),
		hasWrittenFiles: written.length > 0,
		dockerfile: settings.ownDockerfile?.path ?? 'Dockerfile',
		customDockerfile: settings.ownDockerfile !== undefined && settings.ownDockerfile.path !== 'Dockerfile',
		composeHealthcheck: !settings.ownDockerfile?.healthcheck,
		healthCheckCommand: JSON.stringify(['python', '-c', healthCode]).replaceAll('","', '", "'),
		healthCheckTest: JSON.stringify(['CMD', 'python', '-c', healthCode]).replaceAll('","', '", "'),
		serverCommand: serverCommand(settings),
		postgres: settings.postgres,
		postgresService: settings.postgres && settings.provider === 'vps',
		postgresUrl: settings.postgres && settings.provider !== 'vps',
		domain: settings.domain ?? '',
		globalOptions: settings.acmeEmail !== undefined || settings.acmeCa !== undefined,
		acmeEmail: settings.acmeEmail ?? '',
		acmeCa: settings.acmeCa ?? '',
		cloudRun: settings.provider === 'cloud-run',
		heroku: settings.provider === 'heroku',
		required,
		hasRequired: required.length > 0,
		optional,
		hasOptional: optional.length > 0,
		jobs: settings.cron.map((entry, index) => ({
			description: entry.description,
			method: entry.method,
			path: entry.path,
			line: lines[index]!,
			jobName: `${settings.serviceName}-job-${index + 1}`,
			scheduleQuoted: quoteShellArgument(entry.schedule),
			pathQuoted: quoteShellArgument(entry.path),
		})),
	};
}

/**
 * The files one provider needs, rendered from the templates with validated settings.
 * Pure: the same settings and templates always give the same bytes, which is what makes
 * golden tests and "unchanged since last time" possible.
 */
export function renderFiles(settings: FileSettings, templates: Templates, defaults: Record<string, string> = {}): RenderedFiles {
	const scope = scopeFor(settings);
	const regenerate = regenerateCommand(settings, defaults);
	const files = fileSpecs[settings.provider]
		.filter(spec => spec.when?.(settings) ?? true)
		.map((spec): GeneratedFile => ({
			path: spec.path,
			content: withHeader(renderTemplate(templates[spec.template], scope, spec.template), {purpose: spec.purpose, regenerate}),
			mode: spec.mode,
			purpose: spec.purpose,
			...(spec.template === 'env.example' ? {envExample: appVariables(settings)} : {}),
		}));
	return {files, notes: renderNotes(settings)};
}

/** What is worth telling about the files: what they assume, and what differs by provider. */
function renderNotes(settings: FileSettings): string[] {
	const notes: string[] = [];
	const server = settings.framework === 'flask' ? 'gunicorn' : 'uvicorn';
	const own = settings.ownDockerfile;
	if (own) {
		notes.push(`The image is built with your ${own.path}, as it is: the wizard wrote no Dockerfile.${settings.provider === 'vps' ? ` compose.yaml builds it and checks ${settings.healthPath ?? 'the port'}${own.healthcheck ? ' with its own HEALTHCHECK' : ''}.` : ''}`);
		if (own.fixedPort && settings.provider === 'heroku') {
			notes.push(`Your ${own.path} starts the app on port ${settings.appPort} whatever PORT says, but Heroku gives every dyno its own PORT: start it on $PORT (like --port \${PORT:-${settings.appPort}}), or Heroku finds nothing listening.`);
		}

		if (own.path !== 'Dockerfile' && settings.provider === 'heroku') {
			notes.push(`heroku.yml builds with your ${own.path}; only "heroku container:push" insists on a file named Dockerfile, so deploy with deploy/heroku.sh or git push instead.`);
		}
	} else if (settings.dependencies.file !== undefined && !settings.dependencies.packages.includes(server)) {
		notes.push(`${server} is not in ${settings.dependencies.file}: the Dockerfile installs it too. Add it to ${settings.dependencies.file} to pin its version.`);
	}

	if (settings.provider === 'vps' && settings.hostPort !== settings.appPort) {
		notes.push(`The app listens on ${settings.appPort} in its container; on the server it is published on 127.0.0.1:${settings.hostPort}, because ${settings.appPort} belongs to the server itself (Caddy holds 80 and 443).`);
	}

	if (settings.domain !== undefined && settings.provider !== 'vps') {
		notes.push(`The domain is used by the VPS Caddyfile only; on ${settings.provider === 'heroku' ? 'Heroku' : 'Cloud Run'}, map it in the platform's settings.`);
	}

	for (const entry of settings.cron) {
		notes.push(`Scheduled: ${entry.method} ${entry.path} ${entry.description}.`);
	}

	return notes;
}

/** The Caddyfile alone, in either form: the VPS steps install the HTTP one first, then HTTPS. */
export function renderCaddyfile(variant: 'http' | 'https', settings: FileSettings, templates: Templates): string {
	if (variant === 'https' && settings.domain === undefined) {
		throw new Error('An HTTPS Caddyfile needs a domain.');
	}

	return renderTemplate(templates[variant === 'https' ? 'Caddyfile.https' : 'Caddyfile.http'], scopeFor(settings), `Caddyfile.${variant}`);
}
