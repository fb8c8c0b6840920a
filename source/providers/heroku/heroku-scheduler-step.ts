import {addonInfo, createAddon} from '../../commands/heroku.js';
import type {Step} from '../../core/step.js';
import {cronInputs} from '../cron-inputs.js';
import {earlierFact} from '../earlier-fact.js';
import {herokuSchedulerFrequency, schedulerJobCommand} from './heroku-schedule.js';

export function clockProcessText(schedule: string, url: string, app: string): string {
	return `Heroku Scheduler cannot run "${schedule}": it offers every 10 minutes, every hour at :00, :10 ... :50, or once a day at a full or half hour (UTC). `
		+ 'Either choose one of those and run this step again, or run a clock process: a second, always-on process (one more dyno to pay for) '
		+ `that sleeps until each time in your schedule and then calls ${url}. Build it from the same image with a different command, `
		+ `push it as registry.heroku.com/${app}/clock, release both with \`heroku container:release web clock --app=${app}\`, and start it with \`heroku ps:scale clock=1 --app=${app}\`.`;
}

export const herokuSchedulerStep: Step = {
	id: 'heroku-scheduler',
	title: 'Schedule the recurring job',
	summary: 'Adds the Scheduler add-on and tells you the exact job to enter, or explains a clock process.',
	learn:
		'Heroku Scheduler starts a one-off container from your app\'s image on a schedule and runs one command in it. '
		+ 'It is set up in its dashboard (the CLI can only add it), and it offers every 10 minutes, every hour or every day. '
		+ 'For other schedules, a small always-on "clock" process can do the timing instead.',
	inputs: cronInputs,
	available: true,
	plan(context) {
		const schedule = String(context.answers.cronSchedule ?? '');
		if (schedule === '') {
			return [{kind: 'instruct', label: 'No scheduled job', text: 'No schedule was given, so no Scheduler job is needed.'}];
		}

		const app = String(context.answers.herokuApp);
		const url = `${earlierFact(context, 'heroku-release', 'appUrl', `https://${app}-URL.herokuapp.com`, 'Push and release the container')}${String(context.answers.cronPath)}`;
		const frequency = herokuSchedulerFrequency(schedule);
		if (!frequency) {
			return [{kind: 'instruct', label: 'Set up a clock process', text: clockProcessText(schedule, url, app)}];
		}

		return [
			{
				kind: 'ensure',
				label: 'Use or add the Scheduler add-on',
				what: `Scheduler add-on of ${app}`,
				check: addonInfo('SCHEDULER', app),
				create: createAddon('scheduler:standard', app),
			},
			{
				kind: 'instruct',
				label: 'Enter the job in the Scheduler dashboard',
				text: `Run \`heroku addons:open scheduler --app=${app}\`, choose "Add Job", pick "${frequency}", enter this command and save:\n${schedulerJobCommand(url)}`,
			},
		];
	},
};
