import type {Provider} from '../../core/step.js';
import {notAvailableYet} from '../not-yet.js';
import {appStep, createFilesStep, verifyStep} from '../shared-steps.js';
import {dnsStep} from './dns-step.js';

export const vpsProvider: Provider = {
	id: 'vps',
	name: 'Your own server (VPS)',
	description: 'A rented Linux server reached over SSH: Docker Compose, Caddy for HTTPS, cron. Cheapest; you hold the keys.',
	steps: [
		appStep,
		createFilesStep('vps'),
		notAvailableYet({
			id: 'ssh-key',
			title: 'Create an SSH key for the server',
			summary: 'A key pair that lets this laptop log in to the server without a password.',
			learn:
				'SSH is how you open a terminal on a remote machine. Instead of a password it can use a key pair: '
				+ 'the private half stays on your laptop (never share it), the public half goes on the server in ~/.ssh/authorized_keys. '
				+ 'Whoever holds the private half can log in, so it is saved readable only by you.',
		}),
		notAvailableYet({
			id: 'deploy-key',
			title: 'Create a GitHub deploy key',
			summary: 'A second key, for the server only, that can read this one repository and nothing else.',
			learn:
				'The server needs to download your code from GitHub. A deploy key is an SSH key attached to one repository, read-only: '
				+ 'if the server is ever compromised, the attacker gets read access to that repository only, not to your GitHub account. '
				+ 'A public repository needs no key at all.',
		}),
		notAvailableYet({
			id: 'connect',
			title: 'Connect to the server',
			summary: 'Logs in over SSH and checks that the server is the one you expect.',
			learn:
				'Every SSH server has its own host key. The first time you connect you see its fingerprint and decide to trust it; '
				+ 'after that, a different fingerprint means either the server was rebuilt or someone is in the middle, so the wizard refuses to continue until you check.',
		}),
		notAvailableYet({
			id: 'server-check',
			title: 'Check the server',
			summary: 'Looks for sudo, git, Docker with Compose, Caddy, cron and free disk; offers to install what is missing.',
			learn:
				'A fresh VPS is a bare Linux system. Docker runs your container, Compose describes it in a file, Caddy is the front door that handles HTTPS, '
				+ 'and cron runs scheduled jobs. Installing them needs administrator rights (sudo).',
		}),
		notAvailableYet({
			id: 'deploy',
			title: 'Deploy your app',
			summary: 'Clones your repository with the deploy key, uploads .env, and starts the containers.',
			learn:
				'`docker compose up -d --build` builds the image from your Dockerfile and starts the container in the background. '
				+ 'Your settings and secrets travel separately in .env, uploaded straight to the server and never baked into the image.',
		}),
		notAvailableYet({
			id: 'caddy',
			title: 'Put Caddy in front',
			summary: 'Makes the app reachable on port 80 of the server\'s IP address, through Caddy.',
			learn:
				'Your app listens only on the server itself. Caddy is a reverse proxy: it accepts requests from the internet on ports 80 and 443 and passes them to your app. '
				+ 'Later it also fetches and renews the HTTPS certificate for you.',
		}),
		dnsStep,
		notAvailableYet({
			id: 'https',
			title: 'Switch on HTTPS',
			summary: 'Once DNS is right, Caddy gets a certificate and redirects plain HTTP to HTTPS.',
			learn:
				'HTTPS encrypts traffic between your users and the server, and the certificate proves the server really is api.example.com. '
				+ 'Caddy obtains a free certificate from Let\'s Encrypt automatically, which only works once the name points at this server and ports 80 and 443 are open.',
		}),
		notAvailableYet({
			id: 'cron',
			title: 'Schedule the recurring job',
			summary: 'Installs a cron entry on the server that calls a route of your API on a schedule.',
			learn:
				'cron is the Unix scheduler: a line like "15 * * * *" means "at minute 15 of every hour". '
				+ 'The wizard adds its lines in one marked block of the crontab, so re-running replaces them instead of adding duplicates.',
		}),
		verifyStep,
	],
};
