// Cron entries the wizard installs: each calls one route of the app on the server itself,
// under flock (a slow run is never started twice), with its output appended to a log.
import type {CronJob} from '../core/inputs.js';

export const cronMarker = 'cron';
export const cronLogPath = '.mldw/cron.log';

/** One crontab line. cron runs it with sh in the home directory, so relative paths work. */
export function cronLine(job: CronJob, index: number, appPort: number): string {
	const url = `http://127.0.0.1:${appPort}${job.path}`;
	return `${job.schedule} flock -n .mldw/cron-${index}.lock curl -fsS --max-time 600 ${url} >> ${cronLogPath} 2>&1`;
}

export function crontabListArgv(): string[] {
	return ['crontab', '-l'];
}

/** Replaces the whole crontab with standard input. */
export function crontabInstallArgv(): string[] {
	return ['crontab', '-'];
}
