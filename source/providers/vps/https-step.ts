import type {Step} from '../../core/step.js';
import {caddyfileTarget, caddyInstallActions} from './caddy-install.js';
import {needsSudo, serverFrom} from './remote-host.js';
import {caddyfileHttps} from './templates-adapter.js';

export const httpsStep: Step = {
	id: 'https',
	title: 'Switch on HTTPS',
	summary: 'Once DNS is right and ports 80 and 443 are open, Caddy gets a certificate and redirects plain HTTP to HTTPS.',
	learn:
		'HTTPS encrypts traffic between your users and the server, and the certificate proves the server really is api.example.com. '
		+ 'Caddy obtains a free certificate from Let\'s Encrypt automatically, which only works once the name points at this server and ports 80 and 443 are open.',
	inputs: [],
	available: true,
	plan({answers}) {
		if (answers.domain === undefined || answers.domain === '') {
			return [{kind: 'instruct', label: 'No domain: HTTP only', text: 'No domain was given, so the app stays on plain HTTP at the server\'s IP address. Add a domain and run again to switch on HTTPS.'}];
		}

		const server = serverFrom(answers);
		const domain = String(answers.domain);
		return [
			{kind: 'check-dns', label: `Check that ${domain} points at ${server.host}`, name: domain, expectedAddress: server.host},
			{kind: 'check-ports', label: 'Check ports 80 and 443 are open (Let\'s Encrypt needs them)', address: server.host, ports: [80, 443], required: true},
			...caddyInstallActions(server, caddyfileHttps(answers), caddyfileTarget(answers), needsSudo(answers)),
		];
	},
};
