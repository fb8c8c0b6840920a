import {addonInfo, createAddon} from '../../commands/heroku.js';
import type {Action} from '../../core/action.js';
import {answeredCronEntries, cronField} from '../../core/inputs.js';
import type {Step} from '../../core/step.js';
import {earlierFact} from '../earlier-fact.js';
import {herokuSchedulerFrequency, schedulerJobCommand} from './heroku-schedule.js';

export function clockProcessText(schedule: string, url: string, app: string, method: 'GET' | 'POST' = 'GET'): string {
	return `Heroku Scheduler cannot run "${schedule}": it offers every 10 minutes, every hour at :00, :10 ... :50, or once a day at a full or half hour (UTC). `
		+ 'Either choose one of those and run this step again, or run a clock process: a second, always-on process (one more dyno to pay for) '
		+ `that sleeps until each time in your schedule and then ${method === 'POST' ? 'sends a POST to' : 'calls'} ${url}. Build it from the same image with a different command, `
		+ `push it as registry.heroku.com/${app}/clock, release both with \`heroku container:release web clock --app=${app}\`, and start it with \`heroku ps:scale clock=1 --app=${app}\`.`;
}

export const herokuSchedulerStep: Step = {
	id: 'heroku-scheduler',
	title: 'Schedule the recurring jobs',
	summary: 'Adds the Scheduler add-on and tells you the exact job to enter for each scheduled call, or explains a clock process.',
	learn:
		'Heroku Scheduler starts a one-off container from your app\'s image on a schedule and runs one command in it. '
		+ 'It is set up in its dashboard (the CLI can only add it), and it offers every 10 minutes, every hour or every day. '
		+ 'For other schedules, a small always-on "clock" process can do the timing instead.',
	// The same answer the files step asks for: given there, it is not asked again.
	inputs: [cronField],
	available: true,
	plan(context) {
		const entries = answeredCronEntries(context.answers);
		if (entries.length === 0) {
			return [{kind: 'instruct', informational: true, label: 'No scheduled job', text: 'No scheduled calls were given, so no Scheduler job is needed. To add one, answer the scheduled calls question (or pass --cron "10 * * * * /update-forecast") and run this step again.'}];
		}

		const app = String(context.answers.herokuApp);
		const base = earlierFact(context, 'heroku-release', 'publicUrl', `https://${app}-URL.herokuapp.com`, 'Push and release the container');
		const jobs = entries.map(entry => ({entry, url: `${base}${entry.path}`, frequency: herokuSchedulerFrequency(entry.schedule)}));
		const actions: Action[] = [];
		// The add-on costs nothing by itself, but it is only added when some entry can use it.
		if (jobs.some(job => job.frequency !== undefined)) {
			actions.push({
				kind: 'ensure',
				label: 'Use or add the Scheduler add-on',
				what: `Scheduler add-on of ${app}`,
				check: addonInfo('SCHEDULER', app),
				create: createAddon('scheduler:standard', app),
			});
		}

		for (const {entry, url, frequency} of jobs) {
			const call = `${entry.method} ${entry.path} ${entry.description}`;
			actions.push(frequency === undefined
				? {kind: 'instruct', label: `Set up a clock process for ${call}`, text: clockProcessText(entry.schedule, url, app, entry.method)}
				: {
					kind: 'instruct',
					label: `Enter the job for ${call} in the Scheduler dashboard`,
					text: `Run \`heroku addons:open scheduler --app=${app}\`, choose "Add Job", pick "${frequency}", enter this command and save:\n${schedulerJobCommand(url, entry.method)}`,
				});
		}

		return actions;
	},
};
