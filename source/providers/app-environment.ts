// The app's settings and secrets, one shape for every provider. Three sources, later ones
// winning: the project's own .env (read when a step plans, never saved), plain values from
// the config file (`env.values`, saved with the answers: they are not secret), and secret
// values typed in the wizard or read from the deploy command's environment (`env.secrets`),
// which live only in memory for the run.
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {z} from 'zod';
import type {Answers, InputField, PlanContext} from '../core/step.js';
import {cachedDetection} from '../detect/detect-project.js';
import {readDotEnv} from '../detect/dot-env.js';

/** Answer holding the plain values as JSON ({"LOG_LEVEL": "info"}). */
export const plainSettingsAnswer = 'appSettings';

const secretPrefix = 'secret:';

/** The in-memory answer that holds one secret's value. */
export function secretAnswerName(name: string): string {
	return `${secretPrefix}${name}`;
}

export function isSecretAnswerName(answerName: string): boolean {
	return answerName.startsWith(secretPrefix);
}

export function variableOfSecretAnswer(answerName: string): string {
	return answerName.slice(secretPrefix.length);
}

export const variableNamePattern = /^[A-Za-z_]\w{0,127}$/;

/** A typed secret: one line, and no ' (the server's .env holds it single-quoted, read literally). */
export function secretValueSchema(name: string) {
	return z.string().refine(value => value.trim() !== '' && !/[\n\r']/.test(value), {
		message: `${name}: type the value on one line, without ' (single quotes).`,
	});
}

export type AppEnvironment = {
	/** Every name the app gets, with its value, later sources winning. */
	values: Map<string, string>;
	/** Names whose values are masked everywhere (on Cloud Run: kept in Secret Manager). */
	secretNames: Set<string>;
	/** The project's .env text as written, so the server's copy reads exactly as the laptop's. */
	projectDotEnv: string;
	/** The values that file gives. */
	projectValues: Map<string, string>;
};

function readProjectDotEnv(projectDirectory: string): string {
	const file = path.join(projectDirectory, '.env');
	return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function plainSettings(answers: Answers): Record<string, string> {
	try {
		const parsed = JSON.parse(String(answers[plainSettingsAnswer] ?? '{}')) as unknown;
		return parsed && typeof parsed === 'object' ? Object.fromEntries(Object.entries(parsed).map(([name, value]) => [name, String(value)])) : {};
	} catch {
		return {};
	}
}

export function appEnvironment(context: Pick<PlanContext, 'answers' | 'projectDirectory'>): AppEnvironment {
	const projectDotEnv = readProjectDotEnv(context.projectDirectory);
	const projectValues = readDotEnv(projectDotEnv);
	const values = new Map<string, string>();
	const secretNames = new Set<string>();
	// The person's .env may hold anything: every value in it is treated as a secret.
	for (const [name, value] of projectValues) {
		values.set(name, value);
		secretNames.add(name);
	}

	for (const [name, value] of Object.entries(plainSettings(context.answers))) {
		values.set(name, value);
		secretNames.delete(name);
	}

	for (const [answerName, value] of Object.entries(context.answers)) {
		if (isSecretAnswerName(answerName)) {
			values.set(variableOfSecretAnswer(answerName), String(value));
			secretNames.add(variableOfSecretAnswer(answerName));
		}
	}

	return {values, secretNames, projectDotEnv, projectValues};
}

/**
 * Names a step reported as already delivered (the VPS deploy step reads them back from the
 * server's .env): a secret typed in an earlier run is not asked for again.
 */
export function deliveredNames(context: Pick<PlanContext, 'facts'>): Set<string> {
	const names = new Set<string>();
	for (const facts of Object.values(context.facts)) {
		// An array of names, or the names a remote command printed, separated by spaces.
		const delivered = facts.deliveredSettings;
		const list = Array.isArray(delivered) ? delivered : typeof delivered === 'string' ? delivered.split(/\s+/) : [];
		for (const name of list) {
			if (name !== '') {
				names.add(String(name));
			}
		}
	}

	return names;
}

/** Variables the app reads without a default that no source gives a value, in the app's order. */
export function missingRequiredVariables(context: PlanContext): Array<{name: string; source?: string}> {
	const {values} = appEnvironment(context);
	const delivered = deliveredNames(context);
	return cachedDetection(context.projectDirectory).environmentVariables
		.filter(variable => !variable.optional && variableNamePattern.test(variable.name))
		.filter(variable => (values.get(variable.name) ?? '') === '' && !delivered.has(variable.name))
		.map(variable => ({name: variable.name, source: variable.source}));
}

/** One hidden question per missing required variable: asked in the wizard, `env.secrets` headless. */
export function secretInputs(context: PlanContext): InputField[] {
	return missingRequiredVariables(context).map(({name, source}) => ({
		name: secretAnswerName(name),
		label: `Value for ${name}`,
		help: `Your app reads ${name}${source ? ` (${source})` : ''} at start-up and has no default. Typed hidden and never saved; in a config file, name it in env.secrets and set it in the environment, or put it in .env.`,
		schema: secretValueSchema(name),
		secret: true,
	}));
}

/** A value as one .env line that Docker Compose reads literally (single quotes: no interpolation). */
export function dotEnvLine(name: string, value: string): string {
	return `${name}='${value}'`;
}
