// The checks around the switch to HTTPS, for the https step to put before and after its
// remote actions (installing the HTTPS Caddyfile and reloading Caddy over SSH).
import type {Action} from '../../core/action.js';
import {certificateRateLimitText, certificateWaitText, httpsPreconditionsText} from '../../run/https-guidance.js';

/** Before switching: DNS must match and ports 80/443 must answer, or issuance would fail. */
export function httpsPreflightActions(domain: string, serverIp: string): Action[] {
	return [
		{kind: 'instruct', label: 'Before asking for a certificate', text: `${httpsPreconditionsText}\n\n${certificateRateLimitText}`},
		{kind: 'check-dns', label: `Check that ${domain} points at ${serverIp}`, name: domain, expectedAddress: serverIp},
		{kind: 'check-ports', label: 'Check that ports 80 and 443 answer', host: serverIp, ports: [80, 443], factName: 'ports'},
	];
}

/** After the reload: wait until Caddy serves a trusted certificate for the name. */
export function certificateWaitActions(domain: string): Action[] {
	return [
		{kind: 'instruct', label: 'Waiting for the certificate', text: certificateWaitText},
		{kind: 'check-certificate', label: `Wait for the certificate of ${domain}`, name: domain, wait: true, factName: 'certificate'},
	];
}
