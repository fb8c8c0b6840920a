// Pure: turns what DNS answered into a verdict a person can act on. Shared by the DNS
// step's live check, the https step (before switching) and the final verification.
import {isIpv4Address} from '../core/inputs.js';
import type {LayerResult} from './layer-result.js';
import type {AddressRecords} from './resolver.js';

export type DnsExpectation = {
	/** The server's IPv4 address; absent for Cloud Run and Heroku, where any answer will do. */
	ipv4?: string;
	/** The server's IPv6 address, when it has one the person wants published. */
	ipv6?: string;
};

// Cloudflare's published ranges: the usual reason a name "points elsewhere" on purpose.
const cloudflareIpv4 = [
	'173.245.48.0/20', '103.21.244.0/22', '103.22.200.0/22', '103.31.4.0/22', '141.101.64.0/18',
	'108.162.192.0/18', '190.93.240.0/20', '188.114.96.0/20', '197.234.240.0/22', '198.41.128.0/17',
	'162.158.0.0/15', '104.16.0.0/13', '104.24.0.0/14', '172.64.0.0/13', '131.0.72.0/22',
];
const cloudflareIpv6Prefixes = ['2400:cb00:', '2606:4700:', '2803:f800:', '2405:b500:', '2405:8100:', '2c0f:f248:'];

function ipv4ToNumber(address: string): number {
	return address.split('.').reduce((total, part) => (total * 256) + Number(part), 0);
}

export function isCdnAddress(address: string): boolean {
	if (isIpv4Address(address)) {
		const value = ipv4ToNumber(address);
		return cloudflareIpv4.some(range => {
			const [base, bits] = range.split('/') as [string, string];
			const size = 2 ** (32 - Number(bits));
			const start = ipv4ToNumber(base);
			return value >= start && value < start + size;
		});
	}

	return cloudflareIpv6Prefixes.some(prefix => address.toLowerCase().startsWith(prefix));
}

const serverUnreachable = new Set(['ETIMEOUT', 'ECONNREFUSED', 'EREFUSED', 'ESERVFAIL', 'ECANCELLED']);

export function digCommands(name: string): string {
	return `dig +short A ${name}  and  dig +short AAAA ${name}  (on Windows: nslookup ${name})`;
}

/** Compares DNS answers with the server's address and explains any mismatch. */
export function diagnoseDns(records: AddressRecords, expected: DnsExpectation = {}): LayerResult {
	const {name, a, aaaa} = records;
	const details: LayerResult['details'] = {name, a, aaaa};
	if (records.ttlSeconds !== undefined) {
		details.ttlSeconds = records.ttlSeconds;
	}

	if (expected.ipv4) {
		details.expected = expected.ipv4;
	}

	const fail = (summary: string, cause: string, nextStep: string): LayerResult => ({
		layer: 'dns', ok: false, summary, details, cause, nextStep,
	});
	const check = `check by hand with: ${digCommands(name)}`;
	const recordAdvice = expected.ipv4
		? `At your registrar, create an A record for ${name} with the value ${expected.ipv4}, then ${check}.`
		: `Create the DNS record your provider asks for, then ${check}.`;

	if (a.length === 0 && aaaa.length === 0) {
		if (serverUnreachable.has(records.aError ?? '') && serverUnreachable.has(records.aaaaError ?? '')) {
			return fail(
				`no answer from the DNS server (${records.aError})`,
				'The DNS resolver did not answer or refused the question, so nothing can be said about the record yet.',
				'Check your internet connection, or ask another resolver (for example --dns-server 1.1.1.1).',
			);
		}

		return fail(
			records.aError === 'ENOTFOUND' ? `${name} does not exist in DNS yet` : `${name} has no address record yet`,
			'No record yet: either it was not created, it was created under another name (a typo, or the full name typed into a field that adds the domain itself), or it has not propagated yet (minutes, sometimes up to two days).',
			recordAdvice,
		);
	}

	if (!expected.ipv4) {
		const all = [...a, ...aaaa];
		const proxied = all.some(address => isCdnAddress(address));
		return {
			layer: 'dns',
			ok: true,
			summary: `${name} -> ${all.join(', ')}${proxied ? ' (behind Cloudflare)' : ''}`,
			details,
		};
	}

	if (a.length === 0) {
		return fail(
			`${name} has only AAAA (IPv6) records: ${aaaa.join(', ')}`,
			`There is no A record, so visitors on IPv4 cannot reach ${expected.ipv4}.`,
			recordAdvice,
		);
	}

	if (!a.includes(expected.ipv4)) {
		if (a.some(address => isCdnAddress(address))) {
			return fail(
				`${name} -> ${a.join(', ')}: a Cloudflare address, not ${expected.ipv4}`,
				'The record is proxied through a CDN (the orange cloud in Cloudflare), so DNS shows the CDN, not your server. The certificate check and this wizard need the name to reach your server directly.',
				`In Cloudflare's DNS page, switch the record for ${name} to "DNS only" (grey cloud), then ${check}.`,
			);
		}

		const ttl = records.ttlSeconds === undefined ? '' : ` Resolvers may keep the old answer for up to ${records.ttlSeconds} s (the record's TTL).`;
		return fail(
			`${name} -> ${a.join(', ')}, expected ${expected.ipv4}`,
			`The name points elsewhere: the A record holds ${a.join(', ')}, not your server's address. Either the record still has an old value, a second A record exists, or the change has not reached this resolver yet.${ttl}`,
			`Change the A record for ${name} to ${expected.ipv4} (and delete any other A record for it), then ${check}.`,
		);
	}

	if (a.length > 1) {
		const others = a.filter(address => address !== expected.ipv4);
		return fail(
			`${name} -> ${a.join(', ')}: extra A record ${others.join(', ')}`,
			`Besides your server, the name also points at ${others.join(', ')}. Visitors (and the certificate authority) are sent to either one at random.`,
			`Delete the A record with ${others.join(', ')} at your registrar, then ${check}.`,
		);
	}

	const staleAaaa = aaaa.filter(address => address !== expected.ipv6);
	if (staleAaaa.length > 0) {
		details.staleAaaa = staleAaaa;
		return fail(
			`${name} -> ${expected.ipv4} (A ok), but AAAA -> ${staleAaaa.join(', ')}`,
			`A stale AAAA record: the IPv6 record points at ${staleAaaa.join(', ')}, not at this server. Let's Encrypt prefers IPv6 when a name has it, so it would try to validate there and certificate issuance fails; visitors on IPv6 also land on the wrong machine.`,
			expected.ipv6
				? `Change the AAAA record for ${name} to ${expected.ipv6}, then ${check}.`
				: `Delete the AAAA record for ${name} (or point it at your server's own IPv6 address), then ${check}.`,
		);
	}

	return {layer: 'dns', ok: true, summary: `${name} -> ${[...a, ...aaaa].join(', ')}`, details};
}
