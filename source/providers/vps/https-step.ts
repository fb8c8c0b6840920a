import type {Step} from '../../core/step.js';
import {caddyfileTarget, caddyInstallActions, serverSite} from './caddy-install.js';
import {defaultServerIp, hasDomain} from './dns-step.js';
import {certificateWaitActions, httpsPreflightActions} from './https-checks.js';
import {needsSudo, serverFrom} from './remote-host.js';

export const httpsStep: Step = {
	id: 'https',
	title: 'Switch on HTTPS',
	summary: 'Once DNS is right and ports 80 and 443 are open, Caddy gets a certificate and redirects plain HTTP to HTTPS.',
	learn:
		'HTTPS encrypts traffic between your users and the server, and the certificate proves the server really is api.example.com. '
		+ 'Caddy obtains a free certificate from Let\'s Encrypt automatically, which only works once the name points at this server and ports 80 and 443 are open. '
		+ 'Let\'s Encrypt limits how many certificates one name can get per week; its staging CA has far higher limits but issues certificates browsers do not trust, so it suits practice runs.',
	inputs: [],
	available: true,
	async plan(context) {
		const {answers} = context;
		if (!hasDomain(answers)) {
			return [{kind: 'instruct', informational: true, label: 'No domain: HTTP only', text: 'No domain was given, so the app stays on plain HTTP at the server\'s IP address. Add a domain and run again to switch on HTTPS.'}];
		}

		const server = serverFrom(answers);
		const domain = String(answers.domain);
		// The address the dns step checked; the same default, so the two steps agree.
		const serverIp = typeof answers.serverIp === 'string' && answers.serverIp !== '' ? answers.serverIp : defaultServerIp(context);
		if (serverIp === undefined) {
			return [{kind: 'stop', label: 'The server\'s IP address is not known', message: `${server.host} is a name, and the HTTPS checks need the server's numeric IPv4 address ("serverIp").`, hint: 'Give the address in the DNS step (headless: server.ip), then run again.'}];
		}

		const site = await serverSite('https', context);
		if (!site.ok) {
			return [site.stop];
		}

		return [
			...httpsPreflightActions(domain, serverIp),
			...caddyInstallActions(server, site, caddyfileTarget(answers), needsSudo(answers)),
			...certificateWaitActions(domain),
		];
	},
};
