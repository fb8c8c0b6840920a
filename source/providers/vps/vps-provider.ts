import type {Provider} from '../../core/step.js';
import {appStep, createFilesStep, verifyStep} from '../shared-steps.js';
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
import {dnsStep} from './dns-step.js';
import {publishStep} from './publish-step.js';
import {settingsStep} from '../settings-step.js';

export const vpsProvider: Provider = {
	id: 'vps',
	name: 'Your own server (VPS)',
	description: 'A rented Linux server reached over SSH: Docker Compose, Caddy for HTTPS, cron. Cheapest; you hold the keys.',
	steps: [
		appStep,
		createFilesStep('vps'),
		settingsStep,
		sshKeyStep,
		deployKeyStep,
		publishStep,
		connectStep,
		hostTrustStep,
		serverCheckStep,
		serverSetupStep,
		deployStep,
		caddyStep,
		dnsStep,
		httpsStep,
		cronStep,
		verifyStep,
	],
};
