import {domainSchema, ipv4Schema, isIpv4Address} from '../../core/inputs.js';
import type {Step} from '../../core/step.js';
import {dnsRecordGuidance} from '../../run/dns-guidance.js';

export const dnsStep: Step = {
	id: 'dns',
	title: 'Point your domain at the server',
	summary: 'Tells you which DNS record to create, then waits until the name resolves to your server.',
	learn:
		'DNS is the internet\'s phone book: it turns a name like api.example.com into an address like 203.0.113.7. '
		+ 'You add an "A record" at the company where you bought the domain (an AAAA record is the same for IPv6 addresses). '
		+ 'Resolvers around the world keep answers for a while (the record\'s TTL), so a change can take from minutes to a day or two to reach everyone. '
		+ 'HTTPS depends on this: the certificate authority looks the name up and must find this server.',
	inputs: [
		{
			name: 'domain',
			label: 'Domain for your API',
			help: 'A name you own, or a subdomain of it. Example: api.example.com',
			schema: domainSchema,
		},
		{
			name: 'serverIp',
			label: 'Server IP address',
			help: 'The public IPv4 address of your server, from your provider\'s panel. Example: 203.0.113.7',
			schema: ipv4Schema,
			defaultValue: ({answers}) => (typeof answers.host === 'string' && isIpv4Address(answers.host) ? answers.host : undefined),
		},
	],
	available: true,
	plan({answers}) {
		const domain = String(answers.domain);
		const serverIpv4 = String(answers.serverIp);
		return [
			{kind: 'instruct', label: 'Create the DNS record', text: dnsRecordGuidance({domain, serverIpv4})},
			{kind: 'check-dns', label: `Wait until ${domain} points at ${serverIpv4}`, name: domain, expectedAddress: serverIpv4, wait: true, factName: 'dns'},
		];
	},
};
