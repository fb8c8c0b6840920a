// Validation for the values the Cloud Run and Heroku steps pass to gcloud, heroku and
// docker. Same rule as inputs.ts: strict first, quoting second, and every message names
// the field and says how to fix it.
import {z} from 'zod';
import type {Action} from './action.js';

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

export const deployerAuthSchema = trimmed.toLowerCase().refine(value => value === 'impersonation' || value === 'key', {
	message: 'Authentication: impersonation (your own gcloud login, no key file) or key (a key file for the deployer).',
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

// Heroku retired these Postgres plans (the free hobby ones in 2022, mini and basic in 2024):
// they still appear in old tutorials, and Heroku refuses them. Each with its successor.
const retiredPostgresPlans = new Map([
	['hobby-dev', 'essential-0'],
	['hobby-basic', 'essential-1'],
	['mini', 'essential-0'],
	['basic', 'essential-1'],
	['dev', 'essential-0'],
]);

export const herokuPlanSchema = trimmed
	.toLowerCase()
	.regex(/^[a-z\d]+(?:-[a-z\d]+)*$/, {message: 'Postgres plan: a Heroku plan name like essential-0.'})
	.superRefine((plan, context) => {
		const successor = retiredPostgresPlans.get(plan);
		if (successor) {
			context.addIssue({
				code: 'custom',
				message: `Postgres plan: Heroku no longer offers ${plan}; ${successor} replaces it. See the current plans with \`heroku addons:plans heroku-postgresql\`.`,
			});
		}
	});

// Settings as Heroku and Cloud Run get them: names both accept, values not empty, plain
// ones apart from secrets. Some names belong to the platform (PORT): those are left out,
// and the person is told which and why rather than meeting the platform's refusal.
const variableName = /^[A-Za-z_]\w*$/;

export type CloudSettings = {
	/** Shown as they are in previews and output. */
	plain: Array<[string, string]>;
	/** Masked everywhere; on Cloud Run kept in Secret Manager. */
	secrets: Array<[string, string]>;
	/** "NAME (why)" for each name left out. */
	skipped: string[];
};

export function cloudSettings(
	environment: {values: ReadonlyMap<string, string>; secretNames: ReadonlySet<string>},
	/** Name -> why the platform's own value is used instead ("Heroku sets it"). */
	reserved: ReadonlyMap<string, string>,
): CloudSettings {
	const settings: CloudSettings = {plain: [], secrets: [], skipped: []};
	for (const [name, value] of environment.values) {
		const reason = reserved.get(name)
			?? (variableName.test(name) ? undefined : 'not a name the platform accepts: letters, digits and _ only')
			// Empty means "not given" everywhere else too (and Secret Manager holds no empty value).
			?? (value === '' ? 'empty' : undefined);
		if (reason) {
			settings.skipped.push(`${name} (${reason})`);
		} else {
			(environment.secretNames.has(name) ? settings.secrets : settings.plain).push([name, value]);
		}
	}

	return settings;
}

/** Says which settings were left out and why; nothing when none were. */
export function skippedSettingsActions(settings: CloudSettings): Action[] {
	return settings.skipped.length === 0
		? []
		: [{kind: 'instruct', label: 'Settings not delivered', text: `Left out: ${settings.skipped.join(', ')}.`}];
}

/**
 * Planned after the action that delivered the settings, so it only runs when that succeeded:
 * its text, the names separated by spaces (never values), is kept as the `deliveredSettings`
 * fact, the form deliveredNames reads, so a secret delivered once is not asked for again.
 */
export function deliveredSettingsActions(names: readonly string[], earlier: Iterable<string> = []): Action[] {
	// Heroku and Cloud Run keep what is not given again (config:set and --update-* only add):
	// names delivered by an earlier run are still there, so they stay in the fact.
	const all = [...new Set([...names, ...earlier])];
	return all.length === 0
		? []
		: [{kind: 'instruct', label: 'Settings your app now has (values never shown)', factName: 'deliveredSettings', text: all.join(' ')}];
}
