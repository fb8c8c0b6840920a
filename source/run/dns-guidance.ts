// What to type at the registrar, in plain words. Pure text, shared by the DNS step and the
// headless commands.
import {digCommands} from './dns-diagnosis.js';

// Registries that sell names one level below a two-label suffix (example.co.uk). Without the
// full public suffix list this covers the common cases; the text says what to do otherwise.
const twoLabelSuffixes = new Set([
	'co.uk', 'org.uk', 'me.uk', 'ac.uk', 'com.au', 'net.au', 'org.au', 'co.nz', 'co.jp', 'ne.jp',
	'com.br', 'com.mx', 'com.ar', 'co.za', 'co.in', 'co.kr', 'com.cn', 'com.tr', 'com.sg', 'co.il',
]);

export type RecordName = {
	/** What goes in the registrar's "Name"/"Host" field: "@" for the domain itself. */
	host: string;
	/** The domain the person bought (where the record is created). */
	zone: string;
	apex: boolean;
};

export function recordNameFor(domain: string): RecordName {
	const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
	const suffixLength = twoLabelSuffixes.has(labels.slice(-2).join('.')) ? 3 : 2;
	const zone = labels.slice(-suffixLength).join('.');
	const host = labels.slice(0, -suffixLength).join('.');
	return {host: host || '@', zone, apex: host === ''};
}

export const suggestedTtlSeconds = 300;

export type DnsGuidanceInput = {
	domain: string;
	serverIpv4: string;
	serverIpv6?: string;
};

/** The record to create, why AAAA matters, how long it takes and how to check by hand. */
export function dnsRecordGuidance({domain, serverIpv4, serverIpv6}: DnsGuidanceInput): string {
	const record = recordNameFor(domain);
	const where = record.apex
		? `"@" (which means ${record.zone} itself; some registrars want the field left empty)`
		: `"${record.host}" (only the part before ${record.zone}; most registrars add the rest themselves, so typing ${domain} there would create ${domain}.${record.zone})`;
	const lines = [
		`At the company where you bought ${record.zone} (the registrar, or your DNS host), open the DNS settings and add:`,
		'',
		`  Type: A    Name: ${record.host}    Value: ${serverIpv4}    TTL: ${suggestedTtlSeconds} (5 minutes; "Auto" is fine too)`,
		...(serverIpv6 ? [`  Type: AAAA Name: ${record.host}    Value: ${serverIpv6}    TTL: ${suggestedTtlSeconds}`] : []),
		'',
		`The Name is ${where}.`,
		'If an A record for this name already exists, edit it instead of adding a second one: two A records send visitors to either address at random.',
		serverIpv6
			? 'The AAAA record publishes the server\'s IPv6 address; keep it pointing at this same server.'
			: `If an AAAA record (an IPv6 address) exists for ${domain}, delete it, unless it is this server's own IPv6 address. Let's Encrypt prefers IPv6 when it is there, so a stale AAAA record makes certificate issuance fail even when the A record is right.`,
		'If your DNS host is Cloudflare, set the record to "DNS only" (grey cloud) for now: the proxy hides your server and gets in the way of the certificate.',
		'',
		'Changes usually show up within minutes, but resolvers may keep an old answer until its TTL runs out, and some take up to two days. The wizard checks for you and waits.',
		`To check by hand: ${digCommands(domain)}. It should print ${serverIpv4} and nothing else.`,
	];
	return lines.join('\n');
}
