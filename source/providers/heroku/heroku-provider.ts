import type {Provider} from '../../core/step.js';
import {notAvailableYet} from '../not-yet.js';
import {appStep, createFilesStep, verifyStep} from '../shared-steps.js';

export const herokuProvider: Provider = {
	id: 'heroku',
	name: 'Heroku',
	description: 'A managed platform: push a container, get an HTTPS URL. Postgres and a scheduler are add-ons.',
	steps: [
		appStep,
		createFilesStep('heroku'),
		notAvailableYet({
			id: 'heroku-check',
			title: 'Check the Heroku CLI',
			summary: 'Makes sure the heroku and docker commands are installed and that you are logged in.',
			learn:
				'The Heroku CLI talks to your Heroku account; each step after this is a heroku command shown before it runs, so you could repeat it by hand.',
		}),
		notAvailableYet({
			id: 'heroku-app',
			title: 'Create the Heroku app',
			summary: 'Creates the app (or reuses it) and, if you want one, a Postgres database add-on.',
			learn:
				'A Heroku "app" is the unit you deploy and pay for. Add-ons attach services to it; the Postgres add-on creates a database and sets DATABASE_URL for you.',
		}),
		notAvailableYet({
			id: 'heroku-config',
			title: 'Set config vars',
			summary: 'Sets your app\'s settings as Heroku config vars; secret values are typed without echo and never saved.',
			learn:
				'Config vars are environment variables Heroku gives your app at start-up. They keep settings and secrets out of your code and image. '
				+ 'Heroku chooses the port and passes it in $PORT; your app must listen on it, on 0.0.0.0.',
		}),
		notAvailableYet({
			id: 'heroku-release',
			title: 'Push and release the container',
			summary: 'Builds your image, pushes it to Heroku\'s registry and releases it as the web process.',
			learn:
				'Heroku runs containers from its own registry. Pushing uploads the image; releasing makes it the running version of the "web" process.',
		}),
		notAvailableYet({
			id: 'heroku-scheduler',
			title: 'Schedule the recurring job',
			summary: 'Sets up the Scheduler add-on (or a clock process) to call your route on a schedule.',
			learn:
				'Heroku Scheduler runs a command every 10 minutes, hour or day. For other schedules, a small always-on "clock" process can do the timing instead.',
		}),
		verifyStep,
	],
};
