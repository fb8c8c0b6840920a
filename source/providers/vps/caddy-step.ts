import type {Action} from '../../core/action.js';
import type {Step} from '../../core/step.js';
import {caddyfileTarget, caddyInstallActions, serverSite} from './caddy-install.js';
import {hasDomain} from './dns-step.js';
import {needsSudo, publicAddress, serverFrom} from './remote-host.js';

export const caddyStep: Step = {
	id: 'caddy',
	title: 'Put Caddy in front',
	summary: 'Puts Caddy in front of your app (on port 80 of the server\'s IP address when there is no domain) and checks from here that the firewall lets the SSH port, 80 and 443 through.',
	learn:
		'Your app listens only on the server itself. Caddy is a reverse proxy: it accepts requests from the internet on ports 80 and 443 and passes them to your app. '
		+ 'Later it also fetches and renews the HTTPS certificate for you. The wizard keeps your app\'s site in a file of its own (sites/NAME.caddy beside the Caddyfile) '
		+ 'and adds one marked import line to your Caddyfile, so other sites you serve keep working; your original Caddyfile is kept once as Caddyfile.mldw-original.',
	inputs: [],
	available: true,
	async plan(context) {
		const {answers} = context;
		const server = serverFrom(answers);
		// By the address the internet uses: an ssh alias ("myserver") is not a DNS name.
		const address = publicAddress(answers);
		const ports: Action = {kind: 'check-ports', label: `Check ports ${server.port}, 80 and 443 from here`, address, ports: [server.port, 80, 443], required: false, refusedCountsAsReachable: true};
		// With a domain, the HTTPS step installs the site once DNS is right: one install per run.
		if (hasDomain(answers)) {
			return [ports, {kind: 'instruct', informational: true, label: 'Caddy serves your domain from the HTTPS step', text: `Your app's site for ${String(answers.domain)} is installed in the HTTPS step, once DNS points at the server.`}];
		}

		const site = await serverSite('http', context);
		if (!site.ok) {
			return [site.stop];
		}

		return [
			ports,
			...caddyInstallActions(server, site, caddyfileTarget(answers), needsSudo(answers)),
			// The app's address without a domain; the verify step checks it. The text is the fact.
			{kind: 'instruct', label: 'Your API\'s address (plain HTTP: give a domain for HTTPS)', text: `http://${address}/`, factName: 'publicUrl'},
		];
	},
};
