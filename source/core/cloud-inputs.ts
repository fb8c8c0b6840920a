// Validation for the values the Cloud Run and Heroku steps pass to gcloud, heroku and
// docker. Same rule as inputs.ts: strict first, quoting second, and every message names
// the field and says how to fix it.
import {z} from 'zod';

const trimmed = z.string().trim();

export const gcpProjectSchema = trimmed.toLowerCase().regex(/^[a-z][a-z\d-]{4,28}[a-z\d]$/, {
	message: 'Project id: 6 to 30 characters, lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen, like my-ml-api-123.',
});

export const gcpRegionSchema = trimmed.toLowerCase().regex(/^[a-z]+-[a-z]+\d{1,2}$/, {
	message: 'Region: type a Google Cloud region like europe-west1 or us-central1.',
});

export const cloudRunServiceSchema = trimmed.toLowerCase().regex(/^[a-z](?:[a-z\d-]{0,47}[a-z\d])?$/, {
	message: 'Service name: up to 49 lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen, like forecast-api.',
});

export const gcpServiceAccountSchema = trimmed.toLowerCase().regex(/^[a-z][a-z\d-]{4,28}[a-z\d]$/, {
	message: 'Service account name: 6 to 30 lower-case letters, digits and hyphens, starting with a letter, like ml-deployer.',
});

export const artifactRepositorySchema = trimmed.toLowerCase().regex(/^[a-z](?:[a-z\d-]{0,61}[a-z\d])?$/, {
	message: 'Repository name: lower-case letters, digits and hyphens, starting with a letter, like ml-images.',
});

/** An email address as gcloud and heroku print the logged-in account; empty accepts any. */
export const accountSchema = trimmed.refine(value => value === '' || /^[^\s@'"]+@[^\s@'"]+\.[^\s@'"]+$/.test(value), {
	message: 'Account: type the email address you log in with, like you@example.com, or leave it empty to accept any.',
});

export const keyPathSchema = trimmed.refine(value => /^(~\/|\/)[^\0\n\r]*\.json$/.test(value) && !value.split('/').includes('..'), {
	message: 'Key file: type a full path ending in .json outside your project, like ~/.config/ml-deploy-wizard/keys/deployer.json.',
});

export const cloudRunMemorySchema = trimmed.refine(
	value => {
		const match = /^(\d+)(Mi|Gi)$/.exec(value);
		if (!match) {
			return false;
		}

		const mebibytes = Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
		return mebibytes >= 128 && mebibytes <= 32_768;
	},
	{message: 'Memory: a size from 128Mi to 32Gi, written like 512Mi or 2Gi.'},
);

export const cloudRunCpuSchema = trimmed.refine(
	value => ['1', '2', '4', '6', '8'].includes(value) || (/^0\.\d{1,2}$/.test(value) && Number(value) >= 0.08),
	{message: 'CPU: 1, 2, 4, 6 or 8, or a fraction from 0.08 to 0.99 like 0.5.'},
);

function wholeNumber(field: string, minimum: number, maximum: number) {
	return trimmed
		.regex(/^\d+$/, {message: `${field}: type a whole number from ${minimum} to ${maximum}.`})
		.transform(Number)
		.refine(value => value >= minimum && value <= maximum, {message: `${field}: type a whole number from ${minimum} to ${maximum}.`});
}

export const minInstancesSchema = wholeNumber('Minimum instances', 0, 100);
export const maxInstancesSchema = wholeNumber('Maximum instances', 1, 1000);

export const herokuAppSchema = trimmed.toLowerCase().regex(/^[a-z][a-z\d-]{2,29}$/, {
	message: 'App name: 3 to 30 lower-case letters, digits and dashes, starting with a letter, like forecast-api-42.',
});

export const herokuPlanSchema = trimmed.toLowerCase().regex(/^[a-z\d]+(?:-[a-z\d]+)*$/, {
	message: 'Postgres plan: a Heroku plan name like essential-0.',
});

const variableName = /^[A-Za-z_]\w*$/;
const reservedVariables = new Set(['PORT']);

/**
 * Config vars as KEY=value pairs separated by ";" or new lines (what a person types), or as
 * a JSON object (what the config file gives). Always parsed to canonical JSON, so a saved
 * value parses to itself again.
 */
export const configVarsSchema = z.string().transform((text, context) => {
	const source = text.trim();
	let entries: Array<[string, string]>;
	if (source.startsWith('{')) {
		try {
			const parsed = JSON.parse(source) as unknown;
			if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.values(parsed).some(value => typeof value !== 'string')) {
				throw new TypeError('not an object of strings');
			}

			entries = Object.entries(parsed as Record<string, string>);
		} catch {
			context.addIssue({code: 'custom', message: 'Config vars: give an object of names to text values, like {"MODEL_PATH": "models/model.onnx"}.'});
			return z.NEVER;
		}
	} else {
		entries = [];
		for (const pair of source.split(/[;\n]/).map(part => part.trim()).filter(Boolean)) {
			const equals = pair.indexOf('=');
			if (equals <= 0) {
				context.addIssue({code: 'custom', message: `Config vars: "${pair}" is not NAME=value. Separate pairs with ";", like MODEL_PATH=models/m.onnx; LOG_LEVEL=info.`});
				return z.NEVER;
			}

			entries.push([pair.slice(0, equals).trim(), pair.slice(equals + 1).trim()]);
		}
	}

	for (const [name] of entries) {
		if (!variableName.test(name)) {
			context.addIssue({code: 'custom', message: `Config vars: "${name}" is not a variable name; use letters, digits and _, starting with a letter.`});
			return z.NEVER;
		}

		if (reservedVariables.has(name)) {
			context.addIssue({code: 'custom', message: `Config vars: leave out ${name}; Heroku sets it for you.`});
			return z.NEVER;
		}
	}

	return JSON.stringify(Object.fromEntries(entries));
});

/** The pairs of a value parsed by configVarsSchema. */
export function configVarEntries(canonical: unknown): Array<[string, string]> {
	if (typeof canonical !== 'string' || canonical === '') {
		return [];
	}

	return Object.entries(JSON.parse(canonical) as Record<string, string>);
}
