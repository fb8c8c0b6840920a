import type {Provider} from '../../core/step.js';
import {notAvailableYet} from '../not-yet.js';
import {appStep, filesStep, verifyStep} from '../shared-steps.js';
import {caddyStep} from './caddy-step.js';
import {connectStep} from './connect-step.js';
import {cronStep} from './cron-step.js';
import {deployKeyStep} from './deploy-key-step.js';
import {deployStep} from './deploy-step.js';
import {hostTrustStep} from './host-trust-step.js';
import {httpsStep} from './https-step.js';
import {serverCheckStep} from './server-check-step.js';
import {serverSetupStep} from './server-setup-step.js';
import {sshKeyStep} from './ssh-key-step.js';

export const vpsProvider: Provider = {
	id: 'vps',
	name: 'Your own server (VPS)',
	description: 'A rented Linux server reached over SSH: Docker Compose, Caddy for HTTPS, cron. Cheapest; you hold the keys.',
	steps: [
		appStep,
		filesStep,
		sshKeyStep,
		deployKeyStep,
		connectStep,
		hostTrustStep,
		serverCheckStep,
		serverSetupStep,
		deployStep,
		caddyStep,
		notAvailableYet({
			id: 'dns',
			title: 'Point your domain at the server',
			summary: 'Tells you which DNS record to create, then waits until the name resolves to your server.',
			learn:
				'DNS is the internet\'s phone book: it turns a name like api.example.com into an address like 203.0.113.7. '
				+ 'You add an "A record" at the company where you bought the domain. Changes can take from minutes to a day or two to reach everyone.',
		}),
		httpsStep,
		cronStep,
		verifyStep,
	],
};
