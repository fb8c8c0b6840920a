import type {Provider} from '../../core/step.js';
import {settingsStep} from '../settings-step.js';
import {appStep, createFilesStep, verifyStep} from '../shared-steps.js';
import {herokuAppStep} from './heroku-app-step.js';
import {herokuCheckStep} from './heroku-check-step.js';
import {herokuConfigVarsStep} from './heroku-config-vars-step.js';
import {herokuReleaseStep} from './heroku-release-step.js';
import {herokuSchedulerStep} from './heroku-scheduler-step.js';

export const herokuProvider: Provider = {
	id: 'heroku',
	name: 'Heroku',
	description: 'A managed platform: push a container, get an HTTPS URL. Postgres and a scheduler are add-ons.',
	steps: [appStep, createFilesStep('heroku'), settingsStep, herokuCheckStep, herokuAppStep, herokuConfigVarsStep, herokuReleaseStep, herokuSchedulerStep, verifyStep],
};
