// Every value that can end up in a shell command, a Caddyfile or YAML is validated here,
// with a message that names the field and says how to fix it. Validation is strict on
// purpose: quoting is the second line of defence, not the first.
import {z} from 'zod';

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
