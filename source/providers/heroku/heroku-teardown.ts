import {appInfo, destroyApp} from '../../commands/heroku.js';
import type {Step} from '../../core/step.js';
import {confirmNameField} from '../confirm-name.js';

/** Destroying the app also removes its add-ons (Postgres, Scheduler) and config vars. */
export function herokuTeardownSteps(app: string): Step[] {
	return [
		{
			id: 'heroku-teardown',
			title: 'Remove the Heroku app',
			summary: 'Destroys the app with its add-ons (the database too) and its config vars.',
			learn:
				'Teardown stops the billing for the app and its add-ons. The database goes with it, for good, which is why you type the app name to confirm.',
			inputs: [confirmNameField('teardownConfirm', 'app', app)],
			available: true,
			plan({answers}) {
				const name = String(answers.herokuApp);
				if (answers.teardownConfirm !== name) {
					throw new Error(`Confirm: type the app name ${name} exactly to remove it.`);
				}

				return [
					{kind: 'ensure', label: 'Destroy the app', what: `Heroku app ${name}`, check: appInfo(name), remove: destroyApp(name)},
				];
			},
		},
	];
}
