import type {Action} from '../../core/action.js';
import type {Step} from '../../core/step.js';
import {caddyfileTarget, caddyInstallActions, serverCaddyfile} from './caddy-install.js';
import {fact, needsSudo, serverFrom} from './remote-host.js';

export const caddyStep: Step = {
	id: 'caddy',
	title: 'Put Caddy in front',
	summary: 'Makes the app reachable on port 80 of the server\'s IP address, through Caddy, and checks from here that the firewall lets the SSH port, 80 and 443 through.',
	learn:
		'Your app listens only on the server itself. Caddy is a reverse proxy: it accepts requests from the internet on ports 80 and 443 and passes them to your app. '
		+ 'Later it also fetches and renews the HTTPS certificate for you. The old Caddyfile is kept as Caddyfile.mldw-backup.',
	inputs: [],
	available: true,
	async plan(context) {
		const {answers} = context;
		const server = serverFrom(answers);
		// Once HTTPS is on, a re-run keeps it on instead of going back to plain HTTP.
		const httpsOn = fact<string>(context, 'https', 'caddyfile') !== undefined && typeof answers.domain === 'string' && answers.domain !== '';
		const caddyfile = await serverCaddyfile(httpsOn ? 'https' : 'http', context);
		if (!caddyfile.ok) {
			return [caddyfile.stop];
		}

		const actions: Action[] = [
			{kind: 'check-ports', label: `Check ports ${server.port}, 80 and 443 from here`, address: server.host, ports: [server.port, 80, 443], required: false, refusedCountsAsReachable: true},
			...caddyInstallActions(server, caddyfile.content, caddyfileTarget(answers), needsSudo(answers)),
		];
		if (!httpsOn) {
			// Until HTTPS, this is the app's address; the verify step checks it when there is no domain.
			// The text is the fact (as for every instruct action).
			actions.push({kind: 'instruct', label: 'Your API\'s address, plain HTTP until the HTTPS step', text: `http://${server.host}/`, factName: 'publicUrl'});
		}

		return actions;
	},
};
