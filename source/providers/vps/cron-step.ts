import {cronJobsSchema, parseCronJobs} from '../../core/inputs.js';
import type {Action} from '../../core/action.js';
import type {Step} from '../../core/step.js';
import {cronMarker} from '../../commands/crontab.js';
import {serverFrom} from './remote-host.js';
import {cronLines} from './templates-adapter.js';

/** "15 * * * *" -> "At 15 minutes past the hour"; falls back to the schedule itself. */
async function inWords(schedule: string): Promise<string> {
	try {
		const {default: cronstrue} = await import('cronstrue');
		return cronstrue.toString(schedule, {use24HourTimeFormat: true});
	} catch {
		return schedule;
	}
}

export const cronStep: Step = {
	id: 'cron',
	title: 'Schedule the recurring job',
	summary: 'Installs cron entries on the server that call routes of your API on a schedule, then releases the deployment lock.',
	learn:
		'cron is the Unix scheduler: a line like "15 * * * *" means "at minute 15 of every hour". '
		+ 'The wizard adds its lines in one marked block of the crontab, so re-running replaces them instead of adding duplicates. '
		+ 'Each job runs under flock (never twice at once) and appends its output to ~/.mldw/cron.log. An empty answer removes the block.',
	inputs: [
		{
			name: 'cronJobs',
			label: 'Scheduled calls (optional)',
			help: 'SCHEDULE PATH, several separated by ";". Example: 15 * * * * /update-forecast. Leave empty for none (removes earlier ones).',
			schema: cronJobsSchema,
			defaultValue: () => '',
		},
	],
	available: true,
	async plan({answers}) {
		const server = serverFrom(answers);
		const parsed = parseCronJobs(String(answers.cronJobs ?? ''));
		const jobs = 'jobs' in parsed ? parsed.jobs : [];
		const words = await Promise.all(jobs.map(async job => `${await inWords(job.schedule)}: GET ${job.path}`));
		const actions: Action[] = [
			{
				kind: 'crontab-block',
				label: jobs.length === 0 ? 'Remove the wizard\'s cron entries (if any)' : `Install ${jobs.length} cron job${jobs.length === 1 ? '' : 's'}: ${words.join('; ')}`,
				server,
				marker: cronMarker,
				lines: cronLines(jobs, answers),
				summary: words,
			},
			{kind: 'server-lock', label: 'Release the deployment lock', server, operation: 'release'},
		];
		return actions;
	},
};
