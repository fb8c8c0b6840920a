import type {Provider} from '../../core/step.js';
import {settingsStep} from '../settings-step.js';
import {appStep, createFilesStep, verifyStep} from '../shared-steps.js';
import {cloudRunDeployStep} from './cloud-run-deploy-step.js';
import {gcloudCheckStep} from './gcloud-check-step.js';
import {gcpProjectStep} from './gcp-project-step.js';
import {imageStep} from './image-step.js';
import {schedulerStep} from './scheduler-step.js';
import {secretManagerStep} from './secret-manager-step.js';
import {serviceAccountStep} from './service-account-step.js';

export const cloudRunProvider: Provider = {
	id: 'cloud-run',
	name: 'Google Cloud Run',
	description: 'Google runs your container and scales it, down to zero when idle. Needs a Google Cloud account with billing.',
	steps: [appStep, createFilesStep('cloud-run'), settingsStep, gcloudCheckStep, gcpProjectStep, serviceAccountStep, imageStep, secretManagerStep, cloudRunDeployStep, schedulerStep, verifyStep],
};
