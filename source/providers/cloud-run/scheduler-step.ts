import {addInvoker, createJob, describeJob, type SchedulerJob, updateJob} from '../../commands/gcloud.js';
import type {Action} from '../../core/action.js';
import type {Step} from '../../core/step.js';
import {cronInputs} from '../cron-inputs.js';
import {earlierFact} from '../earlier-fact.js';
import {cloudRunNames} from './cloud-run-names.js';

export const schedulerStep: Step = {
	id: 'scheduler',
	title: 'Schedule the recurring job',
	summary: 'A Cloud Scheduler job calls your route on a cron schedule, with a token when the service is private.',
	learn:
		'Cloud Scheduler is Google\'s cron: it sends an HTTP request on a schedule such as "15 * * * *" (minute 15 of every hour, in UTC). '
		+ 'For a private service it signs each request with an identity token of the service account, and the account is allowed to call the service, so Cloud Run lets it through.',
	inputs: cronInputs,
	available: true,
	plan(context) {
		const schedule = String(context.answers.cronSchedule ?? '');
		if (schedule === '') {
			return [{kind: 'instruct', label: 'No scheduled job', text: 'No schedule was given, so no Cloud Scheduler job is made.'}];
		}

		const names = cloudRunNames(context.answers);
		const scope = {project: names.project, configuration: names.configuration};
		const isPublic = context.answers.cloudRunPublic === true;
		const base = earlierFact(context, 'cloud-run-deploy', 'serviceUrl', `https://${names.service}-URL.run.app`, 'Deploy to Cloud Run');
		const job: SchedulerJob = {
			name: names.jobName,
			region: names.region,
			schedule,
			uri: `${base}${String(context.answers.cronPath)}`,
			...(isPublic ? {} : {oidcServiceAccount: names.serviceAccountEmail, audience: base}),
		};
		const actions: Action[] = [];
		if (!isPublic) {
			actions.push({
				kind: 'run-local',
				label: 'Allow the service account to call the private service',
				argv: addInvoker(names.service, names.region, `serviceAccount:${names.serviceAccountEmail}`, scope),
			});
		}

		actions.push({
			kind: 'ensure',
			label: 'Create or update the scheduler job',
			what: `Cloud Scheduler job ${names.jobName}`,
			check: describeJob(names.jobName, names.region, scope),
			create: createJob(job, scope),
			update: updateJob(job, scope),
			hint: `Cloud Scheduler may not run in ${names.region}; see https://cloud.google.com/scheduler/docs/locations.`,
		});
		return actions;
	},
};
