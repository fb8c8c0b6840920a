import {optionalJsonFileSchema, urlPathSchema} from '../core/inputs.js';
import type {PlanContext, Step} from '../core/step.js';

/**
 * The address to verify: https:// plus the domain when the person gave one, else the
 * `publicUrl` fact a deploy step left (Cloud Run and Heroku give each app its own URL).
 */
export function endpointUrl(context: Pick<PlanContext, 'answers' | 'facts'>): string | undefined {
	if (typeof context.answers.domain === 'string' && context.answers.domain) {
		return `https://${context.answers.domain}`;
	}

	return stringFact(context, 'publicUrl');
}

/** The route that proves the app is up; undefined when the app has none ("none": only its port is checked). */
export function healthRoute(answers: Record<string, unknown>): string | undefined {
	return typeof answers.healthPath === 'string' && answers.healthPath !== 'none' ? answers.healthPath : undefined;
}

/** A fact any earlier step left under this name (the latest step wins). */
export function stringFact(context: Pick<PlanContext, 'facts'>, name: string): string | undefined {
	const values = Object.values(context.facts)
		.map(facts => facts[name])
		.filter((value): value is string => typeof value === 'string' && value !== '');
	return values.at(-1);
}

export const verifyStep: Step = {
	id: 'verify',
	title: 'Check the live endpoint',
	summary: 'Proves the API answers on the internet: DNS, TLS certificate, redirect, health route and a sample prediction.',
	learn:
		'A deployment is only done when a stranger can reach it. This check walks the same path a request takes: '
		+ 'the name is looked up (DNS), a connection is opened (TCP), the certificate is checked (TLS), plain HTTP is redirected to HTTPS, and your health route answers. '
		+ 'Optionally it sends a sample request to your prediction route, the way a real client would. '
		+ 'When something fails, knowing which layer failed tells you where to look.',
	inputs: [
		{
			name: 'samplePayload',
			label: 'Sample prediction payload (optional)',
			help: 'A JSON file in your project to POST as a test prediction, like samples/predict.json. Leave empty to skip.',
			schema: optionalJsonFileSchema,
			defaultValue: () => '',
		},
		{
			name: 'predictPath',
			label: 'Prediction route',
			help: 'The route that takes the JSON and answers with a prediction. Example: /predict',
			schema: urlPathSchema,
			defaultValue: () => '/predict',
			when: ({answers}) => typeof answers.samplePayload === 'string' && answers.samplePayload !== '',
		},
	],
	available: true,
	plan(context) {
		// A dry run has no deploy step's result yet: it shows where the address will go (a
		// server without a domain is plain HTTP at its address; a platform gives an https URL).
		const placeholder = typeof context.answers.serverHost === 'string' ? 'http://SERVER-ADDRESS/' : 'https://ADDRESS-FROM-THE-DEPLOY-STEP';
		const url = endpointUrl(context) ?? (context.dryRun ? placeholder : undefined);
		if (!url) {
			throw new Error('there is no address to check yet: give your domain, or finish the deploy step first.');
		}

		const {answers} = context;
		const payloadFile = typeof answers.samplePayload === 'string' && answers.samplePayload ? answers.samplePayload : undefined;
		return [{
			kind: 'verify-endpoint',
			label: `Check ${url} layer by layer`,
			url,
			healthPath: healthRoute(answers),
			expectedAddress: answers.domain && typeof answers.serverIp === 'string' ? answers.serverIp : undefined,
			// Only a server we configured (Caddy on a VPS) is expected to redirect plain HTTP.
			checkRedirect: typeof answers.serverIp === 'string',
			payloadFile,
			predictPath: payloadFile && typeof answers.predictPath === 'string' ? answers.predictPath : undefined,
			logsCommand: stringFact(context, 'logsCommand'),
			factName: 'verification',
		}];
	},
};
