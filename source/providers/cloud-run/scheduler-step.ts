import {addInvoker, createJob, describeJob, type SchedulerJob, updateJob} from '../../commands/gcloud.js';
import type {Action} from '../../core/action.js';
import {answeredCronEntries, cronField} from '../../core/inputs.js';
import type {Step} from '../../core/step.js';
import {earlierFact} from '../earlier-fact.js';
import {cloudRunNames, schedulerJobName} from './cloud-run-names.js';

export const schedulerStep: Step = {
	id: 'scheduler',
	title: 'Schedule the recurring jobs',
	summary: 'One Cloud Scheduler job per scheduled call calls your route on its cron schedule, with a token when the service is private.',
	learn:
		'Cloud Scheduler is Google\'s cron: it sends an HTTP request on a schedule such as "15 * * * *" (minute 15 of every hour, in UTC). '
		+ 'For a private service it signs each request with an identity token of the service account, and the account is allowed to call the service, so Cloud Run lets it through.',
	// The same answer the files step asks for: given there, it is not asked again.
	inputs: [cronField],
	available: true,
	plan(context) {
		const entries = answeredCronEntries(context.answers);
		if (entries.length === 0) {
			return [{kind: 'instruct', label: 'No scheduled job', text: 'No scheduled calls were given, so no Cloud Scheduler job is made. To add one, answer the scheduled calls question (or pass --cron "15 * * * * /update-forecast") and run this step again.'}];
		}

		const names = cloudRunNames(context.answers);
		const scope = {project: names.project, configuration: names.configuration};
		const isPublic = context.answers.cloudRunPublic === true;
		const base = earlierFact(context, 'cloud-run-deploy', 'publicUrl', `https://${names.service}-URL.run.app`, 'Deploy to Cloud Run');
		const actions: Action[] = [];
		if (!isPublic) {
			actions.push({
				kind: 'run-local',
				label: 'Allow the service account to call the private service',
				argv: addInvoker(names.service, names.region, `serviceAccount:${names.serviceAccountEmail}`, scope),
			});
		}

		for (const [index, entry] of entries.entries()) {
			const job: SchedulerJob = {
				name: schedulerJobName(names.service, index),
				region: names.region,
				schedule: entry.schedule,
				method: entry.method,
				uri: `${base}${entry.path}`,
				...(isPublic ? {} : {oidcServiceAccount: names.serviceAccountEmail, audience: base}),
			};
			actions.push({
				kind: 'ensure',
				label: `Create or update the scheduler job: ${entry.method} ${entry.path} ${entry.description}`,
				what: `Cloud Scheduler job ${job.name}`,
				check: describeJob(job.name, names.region, scope),
				create: createJob(job, scope),
				update: updateJob(job, scope),
				hint: `Cloud Scheduler may not run in ${names.region}; see https://cloud.google.com/scheduler/docs/locations.`,
			});
		}

		return actions;
	},
};
