import {domainSchema, ipv4Schema, isIpv4Address} from '../../core/inputs.js';
import type {Answers, PlanContext, Step} from '../../core/step.js';
import {dnsRecordGuidance} from '../../run/dns-guidance.js';
import {publicAddress} from './remote-host.js';

/** A domain was given (the files step asks for it, optional): only then is there DNS to set up. */
export function hasDomain(answers: Answers): boolean {
	return typeof answers.domain === 'string' && answers.domain !== '';
}

/**
 * The address the A record must hold. It is the SSH host (`serverHost`) when that is an IPv4
 * address, so the two cannot disagree; a host given as a name needs the IP typed once.
 */
export function defaultServerIp({answers}: Pick<PlanContext, 'answers'>): string | undefined {
	if (typeof answers.serverHost !== 'string') {
		return undefined;
	}

	// An ssh alias counts by the address ~/.ssh/config gives it.
	const address = publicAddress({serverHost: answers.serverHost});
	return isIpv4Address(address) ? address : undefined;
}

export const dnsStep: Step = {
	id: 'dns',
	title: 'Point your domain at the server',
	summary: 'Tells you which DNS record to create, then waits until the name resolves to your server.',
	learn:
		'DNS is the internet\'s phone book: it turns a name like api.example.com into an address like 203.0.113.7. '
		+ 'You add an "A record" at the company where you bought the domain (an AAAA record is the same for IPv6 addresses). '
		+ 'Resolvers around the world keep answers for a while (the record\'s TTL), so a change can take from minutes to a day or two to reach everyone. '
		+ 'HTTPS depends on this: the certificate authority looks the name up and must find this server.',
	notes(context) {
		if (!hasDomain(context.answers) || defaultServerIp(context) !== undefined || typeof context.answers.serverHost !== 'string') {
			return [];
		}

		return [`You reach the server as ${context.answers.serverHost}, a name. An A record needs the numeric IPv4 address: copy it from your provider's panel, or see what the name resolves to with: getent ahostsv4 ${context.answers.serverHost}`];
	},
	inputs: [
		{
			name: 'domain',
			label: 'Domain for your API',
			help: 'A name you own, or a subdomain of it. Example: api.example.com',
			schema: domainSchema,
			when: context => hasDomain(context.answers),
		},
		{
			name: 'serverIp',
			label: 'Server IP address',
			help: 'The public IPv4 address of your server, from your provider\'s panel (the same server you connect to over SSH). Example: 203.0.113.7',
			schema: ipv4Schema,
			defaultValue: defaultServerIp,
			when: context => hasDomain(context.answers),
		},
	],
	available: true,
	plan({answers}) {
		if (!hasDomain(answers)) {
			return [{kind: 'instruct', informational: true, label: 'No domain: no DNS record needed', text: 'No domain was given, so the app is reached at the server\'s IP address over plain HTTP. Give a domain and run again to set up DNS and HTTPS.'}];
		}

		const domain = String(answers.domain);
		const serverIpv4 = String(answers.serverIp);
		return [
			{kind: 'instruct', label: 'Create the DNS record', text: dnsRecordGuidance({domain, serverIpv4})},
			{kind: 'check-dns', label: `Wait until ${domain} points at ${serverIpv4}`, name: domain, expectedAddress: serverIpv4, wait: true, factName: 'dns'},
		];
	},
};
