// The checks around the switch to HTTPS, for the https step to put before and after its
// remote actions (installing the HTTPS Caddyfile and reloading Caddy over SSH).
import type {Action} from '../../core/action.js';
import {certificateRateLimitText, certificateWaitText, httpsPreconditionsText} from '../../run/https-guidance.js';

/**
 * Before switching: DNS must match and the firewall must let 80 and 443 through, or issuance
 * would fail. On a fresh server nothing listens on 443 until this very switch, so a refused
 * connection passes; only silence (a firewall dropping packets) stops the step.
 */
export function httpsPreflightActions(domain: string, serverIp: string): Action[] {
	return [
		{kind: 'instruct', label: 'Before asking for a certificate', text: `${httpsPreconditionsText}\n\n${certificateRateLimitText}`},
		{kind: 'check-dns', label: `Check that ${domain} points at ${serverIp}`, name: domain, expectedAddress: serverIp},
		{kind: 'check-ports', label: 'Check that the firewall lets ports 80 and 443 through', address: serverIp, ports: [80, 443], required: true, refusedCountsAsReachable: true, factName: 'ports'},
	];
}

/** After the reload: wait until Caddy serves a trusted certificate for the name. */
export function certificateWaitActions(domain: string): Action[] {
	return [
		{kind: 'instruct', label: 'Waiting for the certificate', text: certificateWaitText},
		{kind: 'check-certificate', label: `Wait for the certificate of ${domain}`, name: domain, wait: true, factName: 'certificate'},
	];
}
