import {portSchema, urlPathSchema} from '../core/inputs.js';
import type {Step} from '../core/step.js';
import {notAvailableYet} from './not-yet.js';

export const appStep: Step = {
	id: 'app',
	title: 'Tell us about your app',
	summary: 'Which port your API listens on inside its container, and which route says it is healthy.',
	learn:
		'Your ML API is a small web server: it waits on a numbered "port" for requests, loads the model once, and answers each request with a prediction. '
		+ 'Everything that follows (the container, the reverse proxy, the checks) needs to know that port. '
		+ 'A health route is a cheap URL such as /health that answers 200 when the app is up; the container and the final check use it to tell "running" from "broken".',
	inputs: [
		{
			name: 'appPort',
			label: 'Port your app listens on',
			help: 'FastAPI/uvicorn usually uses 8000, Flask 5000. Example: 8000',
			schema: portSchema,
			defaultValue: () => '8000',
		},
		{
			name: 'healthPath',
			label: 'Health route',
			help: 'A route that answers 200 when the app is up. Example: /health',
			schema: urlPathSchema,
			defaultValue: () => '/health',
		},
	],
	available: true,
	plan: () => [],
};

export const filesStep: Step = notAvailableYet({
	id: 'files',
	title: 'Write the deployment files',
	summary: 'Dockerfile, .dockerignore, compose file, Caddyfile and .env.example, written into your project.',
	learn:
		'A container packs your code, its Python version and its libraries into one image that runs the same on your laptop and on the server. '
		+ 'The Dockerfile is the recipe for that image; .dockerignore keeps secrets and clutter out of it; the compose file says how to run it (port, restart policy, volumes). '
		+ 'The Caddyfile configures Caddy, the web server that sits in front of your app. '
		+ '.env.example lists the settings your app needs, without their secret values.',
});

// The final check lives in its own file; re-exported so every provider imports it from here.
export {verifyStep} from './verify-step.js';
