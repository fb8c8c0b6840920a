import {cronField, parseCronEntries, serviceNameSchema} from '../../core/inputs.js';
import type {Action} from '../../core/action.js';
import type {Step} from '../../core/step.js';
import {cronLogPath, cronMarker} from '../../commands/crontab.js';
import {cronLines} from '../../render/cron-lines.js';
import {detectedDefaults, publishedPort} from '../../render/file-settings.js';
import {cachedDetection} from '../../detect/detect-project.js';
import {serverFrom} from './remote-host.js';

export const cronStep: Step = {
	id: 'cron',
	title: 'Schedule the recurring job',
	summary: 'Installs cron entries on the server that call routes of your API on a schedule, then releases the deployment lock.',
	learn:
		'cron is the Unix scheduler: a line like "15 * * * *" means "at minute 15 of every hour". '
		+ 'The wizard adds its lines in one marked block of the crontab, so re-running replaces them instead of adding duplicates. '
		+ `Each job runs under flock (never twice at once) and appends its output to ~/${cronLogPath}. An empty answer removes the block.`,
	// The same answer as the files step's, so it is asked once and the written crontab file matches.
	inputs: [cronField],
	available: true,
	plan(context) {
		const {answers} = context;
		const server = serverFrom(answers);
		const parsed = parseCronEntries(String(answers.cron ?? ''));
		if (!parsed.ok) {
			return [{kind: 'stop', label: 'The scheduled calls cannot be installed', message: parsed.message, hint: 'Correct the answer "cron" and run again. The crontab was not changed.'}];
		}

		const {entries} = parsed;
		const serviceName = serviceNameSchema.safeParse(String(answers.serviceName ?? detectedDefaults(cachedDetection(context.projectDirectory), context.projectDirectory).serviceName));
		if (!serviceName.success) {
			return [{kind: 'stop', label: 'The scheduled calls cannot be installed', message: serviceName.error.issues[0]?.message ?? 'The app name is not valid.', hint: 'Correct the answer "serviceName" and run again.'}];
		}

		const words = entries.map(entry => `${entry.method} ${entry.path} ${entry.description}`);
		const actions: Action[] = [
			{
				kind: 'crontab-block',
				label: entries.length === 0 ? 'Remove the wizard\'s cron entries (if any)' : `Install ${entries.length} cron job${entries.length === 1 ? '' : 's'}: ${words.join('; ')}`,
				server,
				marker: cronMarker,
				// cron starts jobs in the owner's home, so a relative log file lands in ~/.mldw.
				lines: cronLines(entries, {serviceName: serviceName.data, port: publishedPort(Number(answers.appPort))}),
				summary: words,
			},
			{kind: 'server-lock', label: 'Release the deployment lock', server, operation: 'release'},
		];
		return actions;
	},
};
