import {addInvoker, createJob, describeJob, type SchedulerJob, updateJob} from '../../commands/gcloud.js';
import {addServiceAccountRole} from '../../commands/gcloud-iam.js';
import type {Action} from '../../core/action.js';
import {answeredCronEntries, cronField} from '../../core/inputs.js';
import type {Step} from '../../core/step.js';
import {earlierFact} from '../earlier-fact.js';
import {cloudRunNames, deployerScope, schedulerJobName} from './cloud-run-names.js';
import {accountUser, grantLabel, invoker, newAccountRetry, newGrantRetry} from './iam-roles.js';
import {ensureServiceAccount} from './service-account-step.js';

export const schedulerStep: Step = {
	id: 'scheduler',
	title: 'Schedule the recurring jobs',
	summary: 'One Cloud Scheduler job per scheduled call calls your route on its cron schedule, signed by an invoker account when the service is private.',
	learn:
		'Cloud Scheduler is Google\'s cron: it sends an HTTP request on a schedule such as "15 * * * *" (minute 15 of every hour, in UTC). '
		+ 'For a private service each request carries an identity token of a separate invoker account, whose only role is to call this service: '
		+ 'not the deployer, which could change the service, and not your own account.',
	// The same answer the files step asks for: given there, it is not asked again.
	inputs: [cronField],
	available: true,
	plan(context) {
		const entries = answeredCronEntries(context.answers);
		if (entries.length === 0) {
			return [{kind: 'instruct', informational: true, label: 'No scheduled job', text: 'No scheduled calls were given, so no Cloud Scheduler job is made. To add one, answer the scheduled calls question (or pass --cron "15 * * * * /update-forecast") and run this step again.'}];
		}

		const names = cloudRunNames(context.answers);
		const scope = deployerScope(names);
		const isPublic = context.answers.cloudRunPublic === true;
		const base = earlierFact(context, 'cloud-run-deploy', 'publicUrl', `https://${names.service}-URL.run.app`, 'Deploy to Cloud Run');
		const actions: Action[] = [];
		if (!isPublic) {
			actions.push(
				ensureServiceAccount('Use or create the invoker account', names.invokerAccountName, names.invokerAccountEmail, names.project, `${names.service} scheduler invoker (ml-deploy-wizard)`),
				{
					kind: 'run-local',
					label: grantLabel('the deployer', accountUser, names.invokerAccountName),
					argv: addServiceAccountRole(names.invokerAccountEmail, `serviceAccount:${names.serviceAccountEmail}`, accountUser.role, names.project),
					retry: newAccountRetry,
				},
				{
					kind: 'run-local',
					label: grantLabel('the invoker account', invoker, names.service),
					argv: addInvoker(names.service, names.region, `serviceAccount:${names.invokerAccountEmail}`, scope),
					retry: newAccountRetry,
				},
			);
		}

		for (const [index, entry] of entries.entries()) {
			const job: SchedulerJob = {
				name: schedulerJobName(names.service, index),
				region: names.region,
				schedule: entry.schedule,
				method: entry.method,
				uri: `${base}${entry.path}`,
				...(isPublic ? {} : {oidcServiceAccount: names.invokerAccountEmail, audience: base}),
			};
			actions.push({
				kind: 'ensure',
				label: `Create or update the scheduler job: ${entry.method} ${entry.path} ${entry.description}`,
				what: `Cloud Scheduler job ${job.name}`,
				check: describeJob(job.name, names.region, scope),
				create: createJob(job, scope),
				update: updateJob(job, scope),
				hint: `Cloud Scheduler may not run in ${names.region}; see https://cloud.google.com/scheduler/docs/locations.`,
				// The deployer may only just have been allowed to give the jobs the invoker's identity.
				retry: newGrantRetry,
			});
		}

		return actions;
	},
};
