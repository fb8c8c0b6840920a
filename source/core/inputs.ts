// Every value that can end up in a shell command, a Caddyfile or YAML is validated here,
// with a message that names the field and says how to fix it. Validation is strict on
// purpose: quoting is the second line of defence, not the first.
import {z} from 'zod';
import {checkCronSchedule, describeCronSchedule} from './cron-schedule.js';
import type {InputField} from './step.js';

const labelPattern = /^(?!-)[a-z\d-]{1,63}(?<!-)$/i;

export function isDomainName(value: string): boolean {
	if (value.length > 253 || !value.includes('.')) {
		return false;
	}

	return value.split('.').every(label => labelPattern.test(label));
}

export function isIpv4Address(value: string): boolean {
	const parts = value.split('.');
	return parts.length === 4 && parts.every(part => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

const trimmed = z.string().trim();

export const domainSchema = trimmed
	.toLowerCase()
	.refine(isDomainName, {
		message: 'Domain: type a name like api.example.com (letters, digits, hyphens and dots only; no spaces, no http://).',
	});

export const portSchema = trimmed
	.regex(/^\d+$/, {message: 'Port: type a whole number, like 8000.'})
	.transform(Number)
	.refine(port => port >= 1 && port <= 65_535, {message: 'Port: use a number from 1 to 65535.'});

export const urlPathSchema = trimmed.refine(path => /^\/[\w\-./~%]*$/.test(path) && !path.includes('..'), {
	message: 'Path: start with / and use letters, digits, - _ . / ~ only, like /health.',
});

export const hostSchema = trimmed.refine(host => isIpv4Address(host) || isDomainName(host) || host === 'localhost', {
	message: 'Server address: type an IPv4 address like 203.0.113.7 or a host name like vps.example.com.',
});

export const ipv4Schema = trimmed.refine(isIpv4Address, {
	message: 'Server IP address: type the IPv4 address your provider shows for the server, like 203.0.113.7.',
});

/** A JSON file inside the project, or empty for "none". */
export const optionalJsonFileSchema = trimmed.refine(file => file === '' || (/^[\w\-./]+\.json$/.test(file) && !file.startsWith('/') && !file.split('/').includes('..')), {
	message: 'Payload file: give a .json file inside your project, like samples/predict.json, or leave it empty to skip.',
});

export const unixUserSchema = trimmed.regex(/^[a-z_][a-z\d_-]{0,31}$/, {
	message: 'User: use a Linux user name such as deploy or ubuntu (lower-case letters, digits, _ and -).',
});

export const yesNoSchema = trimmed.toLowerCase().transform((value, context) => {
	if (['y', 'yes', 'true'].includes(value)) {
		return true;
	}

	if (['n', 'no', 'false'].includes(value)) {
		return false;
	}

	context.addIssue({code: 'custom', message: 'Answer yes or no.'});
	return z.NEVER;
});

/** The first message of a failed parse, ready to show under the field. */
export function firstIssueMessage(error: z.ZodError): string {
	return error.issues[0]?.message ?? 'This value is not valid.';
}

/** An optional answer: empty means "not set"; anything else must pass `schema`. */
export function optional<Output extends string>(schema: z.ZodType<Output, string>) {
	return z.string().trim().transform((value, context): Output | '' => {
		if (value === '') {
			return '';
		}

		const parsed = schema.safeParse(value);
		if (!parsed.success) {
			context.addIssue({code: 'custom', message: firstIssueMessage(parsed.error)});
			return z.NEVER;
		}

		return parsed.data;
	});
}

/** A name used for the image, the compose project, the Cloud Run service and the Heroku app. */
export const serviceNameSchema = trimmed.toLowerCase().regex(/^[a-z][a-z\d-]{1,28}[a-z\d]$/, {
	message: 'App name: 3 to 30 lower-case letters, digits and hyphens, starting with a letter, like churn-model.',
});

/**
 * Where the app object lives, as the server expects it: module:object, like main:app; or a
 * factory the server calls, module:function(), like app:create_app().
 */
export const appModuleSchema = trimmed.regex(/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*:[A-Za-z_]\w*(\(\))?$/, {
	message: 'App object: type module:object, like main:app or api.server:app, or module:factory() for an app factory, like app:create_app() (letters, digits, _ and dots only).',
});

/** The folder the app's imports start from, relative to the project: "" (the project itself), src, api/service. */
export const appDirectorySchema = trimmed.transform(value => value.replace(/^\.(?:\/|$)/, '').replace(/\/+$/, '')).refine(value => value === '' || (/^[\w-]+(\/[\w-]+)*$/.test(value)), {
	message: 'App folder: type a folder inside your project, like src or services/api (letters, digits, - and _), or . for the project folder itself.',
});

/** A health route (/health), or "none" when the app has no route to check and only its port is checked. */
export const healthPathSchema = trimmed.refine(path => path === 'none' || (/^\/[\w\-./~%]*$/.test(path) && !path.includes('..')), {
	message: 'Path: start with / and use letters, digits, - _ . / ~ only, like /health (or none, to check only the port).',
});

export const frameworkSchema = trimmed.toLowerCase().pipe(z.enum(['fastapi', 'flask'], {
	message: 'Framework: type fastapi or flask.',
}));

// From 3.6: old projects pin old Pythons (their python:3.6-slim images still exist), and the
// wizard warns when one is past its end of life.
export const pythonVersionSchema = trimmed.regex(/^3\.(?:[6-9]|1\d)$/, {
	message: 'Python version: type a version like 3.12 (3.6 to 3.19).',
});

export const emailSchema = trimmed.refine(value => {
	const [local, domain, ...rest] = value.split('@');
	return rest.length === 0 && local !== undefined && /^[\w.+-]{1,64}$/.test(local) && domain !== undefined && isDomainName(domain);
}, {message: 'Email: type an address like you@example.com (it is only given to the certificate authority).'});

/** An ACME directory URL, for example Let's Encrypt's staging CA while you try things out. */
export const acmeCaSchema = trimmed.refine(value => {
	const match = /^https:\/\/([^/:]+)(?::(\d{1,5}))?(\/[\w\-./~]*)?$/.exec(value);
	return match !== null && (isDomainName(match[1]!) || isIpv4Address(match[1]!) || match[1] === 'localhost') && !value.includes('..');
}, {message: 'ACME CA: type an https:// URL like https://acme-staging-v02.api.letsencrypt.org/directory.'});

/** Let's Encrypt's staging CA: far higher limits, certificates no browser trusts; for practice runs. */
export const letsEncryptStagingUrl = 'https://acme-staging-v02.api.letsencrypt.org/directory';

/**
 * Which certificate authority Caddy asks: "production" (Caddy's default, Let's Encrypt),
 * "staging", or an ACME directory URL. Kept as the URL, or '' for the default.
 */
export const certificateAuthoritySchema = z.string().trim().transform((value, context): string => {
	const word = value.toLowerCase();
	if (word === '' || word === 'production') {
		return '';
	}

	if (word === 'staging') {
		return letsEncryptStagingUrl;
	}

	const parsed = acmeCaSchema.safeParse(value);
	if (!parsed.success) {
		context.addIssue({code: 'custom', message: 'Certificate authority: type production, staging, or an ACME directory URL like https://acme.example.com/directory.'});
		return z.NEVER;
	}

	return parsed.data;
});

export type CronEntry = {
	/** Five validated fields, like "15 * * * *". */
	schedule: string;
	method: 'GET' | 'POST';
	path: string;
	/** The schedule in words: "at minute 15 of every hour". */
	description: string;
};

/** Reads one scheduled call: "SCHEDULE [GET|POST] PATH", like "15 * * * * /update-forecast". */
export function parseCronEntry(text: string): {ok: true; entry: CronEntry} | {ok: false; message: string} {
	const words = text.trim().split(/[ \t]+/);
	const path = words.at(-1) ?? '';
	const methodWord = words.length === 7 ? words[5]!.toUpperCase() : undefined;
	if (words.length < 6 || words.length > 7 || (methodWord !== undefined && methodWord !== 'GET' && methodWord !== 'POST')) {
		return {ok: false, message: 'Cron job: write the five schedule fields, then the route, like "15 * * * * /update-forecast" (GET or POST may come before the route).'};
	}

	const checked = checkCronSchedule(words.slice(0, 5).join(' '));
	if (!checked.ok) {
		return checked;
	}

	const parsedPath = urlPathSchema.safeParse(path);
	if (!parsedPath.success) {
		return {ok: false, message: `Cron route: ${firstIssueMessage(parsedPath.error).replace(/^Path: /, '')}`};
	}

	return {
		ok: true,
		entry: {
			schedule: checked.schedule.text,
			method: methodWord === 'POST' ? 'POST' : 'GET',
			path: parsedPath.data,
			description: describeCronSchedule(checked.schedule),
		},
	};
}

/** Several jobs in one answer are separated by ";", a character no valid job contains. */
export function parseCronEntries(text: string): {ok: true; entries: CronEntry[]} | {ok: false; message: string} {
	const entries: CronEntry[] = [];
	for (const piece of text.split(';')) {
		if (piece.trim() === '') {
			continue;
		}

		const parsed = parseCronEntry(piece);
		if (!parsed.ok) {
			return parsed;
		}

		entries.push(parsed.entry);
	}

	return {ok: true, entries};
}

/**
 * The scheduled calls of the answer named "cron", the one place every provider reads them
 * from. The answer was validated when given; a value edited by hand in the progress file
 * is refused here with the same message.
 */
export function answeredCronEntries(answers: Readonly<Record<string, unknown>>): CronEntry[] {
	const parsed = parseCronEntries(String(answers.cron ?? ''));
	if (!parsed.ok) {
		throw new Error(parsed.message);
	}

	return parsed.entries;
}

export function formatCronEntry(entry: CronEntry): string {
	return `${entry.schedule} ${entry.method} ${entry.path}`;
}

/** The answer as typed, normalised ("15 * * * * GET /update-forecast; ..."), or "" for none. */
export const cronEntriesSchema = z.string().transform((value, context) => {
	const parsed = parseCronEntries(value);
	if (!parsed.ok) {
		context.addIssue({code: 'custom', message: parsed.message});
		return z.NEVER;
	}

	return parsed.entries.map(entry => formatCronEntry(entry)).join('; ');
});

// The inputs the deployment files need beyond the app step. Answers are shared by name,
// so a step that asks for the domain later finds it already given.

export const domainField: InputField = {
	name: 'domain',
	label: 'Domain for HTTPS (optional)',
	help: 'Like api.example.com. Leave empty to start with plain HTTP on the server\'s IP address.',
	schema: optional(domainSchema),
	defaultValue: () => '',
};

export const acmeEmailField: InputField = {
	name: 'acmeEmail',
	label: 'Email for your certificate account (optional)',
	help: 'Given to the certificate authority with your account, for notices about it. Example: you@example.com',
	schema: optional(emailSchema),
	defaultValue: () => '',
	when: context => typeof context.answers.domain === 'string' && context.answers.domain !== '',
};

export const certificateAuthorityField: InputField = {
	name: 'acmeCa',
	label: 'Certificate authority',
	help: 'production: Let\'s Encrypt, trusted everywhere. staging: Let\'s Encrypt\'s practice CA (untrusted certificates, far higher limits) while you expect several tries. Or an ACME directory URL.',
	schema: certificateAuthoritySchema,
	// An answer saved by an earlier version ("practise with staging?") still counts.
	defaultValue: context => (context.answers.useStagingCa === true ? 'staging' : 'production'),
	when: context => typeof context.answers.domain === 'string' && context.answers.domain !== '',
};

export const cronField: InputField = {
	name: 'cron',
	label: 'Scheduled calls to your API (optional)',
	help: 'Schedule and route, like "15 * * * * /update-forecast" (minute 15 of every hour). Separate several with ;',
	schema: cronEntriesSchema,
	defaultValue: () => '',
};

export const postgresField: InputField = {
	name: 'postgres',
	label: 'Add a PostgreSQL database? (yes/no)',
	help: 'A database beside your app, with its data kept across restarts. Most model APIs do not need one.',
	schema: yesNoSchema,
	defaultValue: () => 'no',
};

// ---- VPS over SSH -------------------------------------------------------------------

const noControlCharacters = (value: string) => !/[\u0000-\u001F\u007F]/.test(value);

export const localPathSchema = trimmed.refine(
	value => value.length > 0 && value.length <= 4096 && noControlCharacters(value) && !value.startsWith('-'),
	{message: 'Path: type a file path such as ~/.ssh/id_mldw (no line breaks, not starting with -).'},
);

/**
 * Where a private key lives on this computer. Relative paths are refused: they would put the
 * key inside the project, where git or an image build could pick it up. A double quote
 * cannot be written into ~/.ssh/config, which would then be refused whole by OpenSSH.
 */
export const privateKeyPathSchema = localPathSchema.refine(value => value.startsWith('~/') || value.startsWith('/'), {
	message: 'Key file: give a path outside your project, like ~/.ssh/id_mldw (a relative path would put the private key inside the project, where git or docker could pick it up).',
}).refine(value => !value.includes('"'), {
	message: 'Key file: a path with a double quote (") cannot be written into ~/.ssh/config; choose another path, like ~/.ssh/id_mldw.',
});

export const keyCommentSchema = trimmed.regex(/^[\w@.+-]{1,64}$/, {
	message: 'Key comment: use letters, digits and @ . + - _ only, like me@laptop.',
});

export const hostKeyFingerprintSchema = trimmed.regex(/^SHA256:[A-Za-z\d+/]{43}$/, {
	message: 'Host key: give the fingerprint as OpenSSH prints it, like SHA256: followed by 43 characters (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the server).',
});

export const repoUrlSchema = trimmed.refine(
	value =>
		value.length > 0
		&& value.length <= 1000
		&& noControlCharacters(value)
		&& !/\s/.test(value)
		&& !value.startsWith('-')
		// Transports that run programs instead of fetching code.
		&& !/^(ext|fd)::/i.test(value),
	{message: 'Repository: type what git clones from, like git@github.com:me/api.git, https://github.com/me/api.git or a path (no spaces).'},
);

export const gitBranchSchema = trimmed.refine(
	value => /^[\w./-]{1,200}$/.test(value) && !value.startsWith('-') && !value.includes('..') && !value.endsWith('.lock') && !value.endsWith('/'),
	{message: 'Branch: type a branch name such as main (letters, digits, . _ / - only).'},
);

export const remoteDirectorySchema = trimmed.refine(
	value => /^\/?[\w.-]+(\/[\w.-]+)*$/.test(value) && !value.split('/').some(part => part === '..' || part === '.'),
	{message: 'Server folder: a path like apps/api (relative to the user\'s home) or /srv/api; letters, digits, . _ - and / only.'},
);

export const absoluteRemotePathSchema = trimmed.refine(
	value => /^(\/[\w.-]+)+$/.test(value) && !value.split('/').includes('..'),
	{message: 'Server file: an absolute path such as /etc/caddy/Caddyfile (letters, digits, . _ - and / only).'},
);

// Not starting with "-": `ssh -x` would read it as an option.
export const sshAliasSchema = trimmed.regex(/^(?!-)[\w.-]{0,64}$/, {
	message: 'SSH alias: a short name such as api-server (letters, digits, . _ -, not starting with -), or leave it empty to skip.',
});
