// The scheduled job's questions, shared by Cloud Run and Heroku (answer names cronSchedule
// and cronPath), so a value given once serves whichever provider runs it.
import {cronScheduleSchema} from '../core/cloud-inputs.js';
import {urlPathSchema} from '../core/inputs.js';
import type {Step} from '../core/step.js';

export const cronInputs: Step['inputs'] = [
	{
		name: 'cronSchedule',
		label: 'Schedule (cron)',
		help: 'Five cron fields in UTC, like "15 * * * *" for minute 15 of every hour. Leave empty for no scheduled job.',
		schema: cronScheduleSchema,
		defaultValue: () => '',
	},
	{
		name: 'cronPath',
		label: 'Route to call',
		help: 'The route your scheduled job calls with GET. Example: /update-forecast',
		schema: urlPathSchema,
		when: ({answers}) => String(answers.cronSchedule ?? '') !== '',
	},
];
