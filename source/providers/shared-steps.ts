import {
	acmeEmailField,
	appModuleSchema,
	certificateAuthorityField,
	cronField,
	domainField,
	frameworkSchema,
	healthPathSchema,
	parseCronEntries,
	portSchema,
	postgresField,
	pythonVersionSchema,
	serviceNameSchema,
} from '../core/inputs.js';
import type {InputField, PlanContext, ProviderId, Step} from '../core/step.js';
import {describeDetection} from '../detect/describe-detection.js';
import {cachedDetection} from '../detect/detect-project.js';
import {detectedDefaults} from '../render/file-settings.js';

const defaults = (context: PlanContext) => detectedDefaults(cachedDetection(context.projectDirectory), context.projectDirectory);

export const appStep: Step = {
	id: 'app',
	title: 'Tell us about your app',
	summary: 'The wizard looked at your project. Confirm what it found, or correct it.',
	learn:
		'Your ML API is a small web server: it waits on a numbered "port" for requests, loads the model once, and answers each request with a prediction. '
		+ 'Everything that follows (the container, the reverse proxy, the checks) needs to know that port. '
		+ 'A health route is a cheap URL such as /health that answers 200 when the app is up; the container and the final check use it to tell "running" from "broken". '
		+ 'The app object (like main:app) is where the production server finds your app: the file main.py, the variable app.',
	notes: context => describeDetection(cachedDetection(context.projectDirectory), 'form'),
	inputs: [
		{
			name: 'serviceName',
			label: 'Name for your app',
			help: 'Used for the image, the service and the app on the platform. Example: churn-model',
			schema: serviceNameSchema,
			defaultValue: context => defaults(context).serviceName,
		},
		{
			name: 'framework',
			label: 'Web framework (fastapi or flask)',
			help: 'FastAPI runs under uvicorn, Flask under gunicorn.',
			schema: frameworkSchema,
			defaultValue: context => defaults(context).framework,
			// Asked only when the project did not tell us.
			when: context => cachedDetection(context.projectDirectory).framework === undefined,
		},
		{
			name: 'appModule',
			label: 'App object (module:object)',
			help: 'The file and variable of your app: app = FastAPI() in main.py is main:app.',
			schema: appModuleSchema,
			defaultValue: context => defaults(context).appModule,
		},
		{
			name: 'pythonVersion',
			label: 'Python version',
			help: 'The image uses this version. Example: 3.12',
			schema: pythonVersionSchema,
			defaultValue: context => defaults(context).pythonVersion,
		},
		{
			name: 'appPort',
			label: 'Port your app listens on',
			help: 'Inside the container. FastAPI/uvicorn usually uses 8000, Flask 5000. Example: 8000',
			schema: portSchema,
			defaultValue: context => defaults(context).appPort,
		},
		{
			name: 'healthPath',
			label: 'Health route',
			help: 'A route that answers 200 when the app is up. Example: /health (none: the app has no such route yet; only its port is checked)',
			schema: healthPathSchema,
			defaultValue: context => defaults(context).healthPath,
		},
	],
	available: true,
	plan: () => [{kind: 'detect-project', label: 'Look at your project', factName: 'project'}],
};

const fileInputs: Record<ProviderId, InputField[]> = {
	vps: [domainField, acmeEmailField, certificateAuthorityField, cronField, postgresField],
	'cloud-run': [cronField],
	heroku: [cronField, postgresField],
};

/**
 * The files step of one provider: each needs different files and asks different questions.
 * "Only write the files" runs the steps up to and including this one.
 */
export function createFilesStep(provider: ProviderId): Step {
	return {
		id: 'files',
		title: 'Write the deployment files',
		summary: provider === 'vps'
			? 'Dockerfile, .dockerignore, compose.yaml, Caddyfile and .env.example (and the cron lines), written into your project.'
			: `Dockerfile, .dockerignore, .env.example and the ${provider === 'heroku' ? 'heroku' : 'gcloud'} commands, written into your project.`,
		learn:
			'A container packs your code, its Python version and its libraries into one image that runs the same on your laptop and on the server. '
			+ 'The Dockerfile is the recipe for that image; .dockerignore keeps secrets and clutter out of it; the compose file says how to run it (port, restart policy, volumes). '
			+ 'The Caddyfile configures Caddy, the web server that sits in front of your app. '
			+ '.env.example lists the settings your app needs, without their secret values. '
			+ 'Every file starts with a comment saying how to make it again; if you edit one, the wizard shows you the difference and asks before replacing it.',
		inputs: fileInputs[provider],
		notes(context) {
			const parsed = parseCronEntries(String(context.answers.cron ?? ''));
			return parsed.ok ? parsed.entries.map(entry => `Scheduled: ${entry.method} ${entry.path} ${entry.description}.`) : [];
		},
		available: true,
		async plan(context) {
			const {prepareFiles, fileActions} = await import('../render/prepare-files.js');
			const prepared = await prepareFiles(provider, context.answers, context.projectDirectory);
			if (!prepared.ok) {
				throw new Error(prepared.message);
			}

			return fileActions(prepared.writes);
		},
	};
}

// The final check lives in its own file; re-exported so every provider imports it from here.
export {verifyStep} from './verify-step.js';
