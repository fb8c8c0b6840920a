// The checks around the switch to HTTPS, for the https step to put before and after its
// remote actions (installing the HTTPS Caddyfile and reloading Caddy over SSH).
import type {Action} from '../../core/action.js';
import {yesNoSchema} from '../../core/inputs.js';
import type {Answers, InputField} from '../../core/step.js';
import {
	certificateRateLimitText,
	certificateWaitText,
	httpsPreconditionsText,
	letsEncryptStagingUrl,
} from '../../run/https-guidance.js';

/** "Use the staging CA?" for the https step: the answer picks the ACME CA of the Caddyfile. */
export const stagingCaInput: InputField = {
	name: 'useStagingCa',
	label: 'Practise with Let\'s Encrypt\'s staging CA first?',
	help: 'yes while you expect several tries (untrusted test certificates, high limits); no for the real certificate. Example: no',
	schema: yesNoSchema,
	defaultValue: () => 'no',
};

/** The ACME CA URL for the HTTPS Caddyfile, or undefined for Caddy's default (production). */
export function acmeCaUrl(answers: Answers): string | undefined {
	return answers.useStagingCa === true ? letsEncryptStagingUrl : undefined;
}

/** Before switching: DNS must match and ports 80/443 must answer, or issuance would fail. */
export function httpsPreflightActions(domain: string, serverIp: string): Action[] {
	return [
		{kind: 'instruct', label: 'Before asking for a certificate', text: `${httpsPreconditionsText}\n\n${certificateRateLimitText}`},
		{kind: 'check-dns', label: `Check that ${domain} points at ${serverIp}`, name: domain, expectedAddress: serverIp},
		{kind: 'check-ports', label: 'Check that ports 80 and 443 answer', address: serverIp, ports: [80, 443], required: true, factName: 'ports'},
	];
}

/** After the reload: wait until Caddy serves a trusted certificate for the name. */
export function certificateWaitActions(domain: string): Action[] {
	return [
		{kind: 'instruct', label: 'Waiting for the certificate', text: certificateWaitText},
		{kind: 'check-certificate', label: `Wait for the certificate of ${domain}`, name: domain, wait: true, factName: 'certificate'},
	];
}
