import type {CronEntry} from '../core/inputs.js';
import {toShellCommand} from '../core/shell-quote.js';
import {cronLogPath} from '../commands/crontab.js';

export type CronLineOptions = {
	/** Used for the lock and log file names; validated by serviceNameSchema. */
	serviceName: string;
	/** The port the app is published on, on the server's 127.0.0.1. */
	port: number;
};

/**
 * The crontab line for each job: the schedule, then curl calling the route on 127.0.0.1
 * under flock (a slow run is never started twice), appending output to ~/.mldw/cron.log (the
 * same log whether the wizard installs the lines or a person pastes deploy/crontab). Pure,
 * so the VPS step can install exactly these lines over SSH and tests can read them.
 */
export function cronLines(entries: readonly CronEntry[], options: CronLineOptions): string[] {
	const log = `"$HOME"/${cronLogPath}`;
	return entries.map((entry, index) => {
		const command = toShellCommand([
			'flock', '-n', `/tmp/${options.serviceName}-cron-${index + 1}.lock`,
			'curl', '-fsS', '-X', entry.method, '--max-time', '600', `http://127.0.0.1:${options.port}${entry.path}`,
		]);
		// cron turns an unescaped % into a line break; a backslash keeps it a literal %.
		return `${entry.schedule} ${command.replaceAll('%', String.raw`\%`)} >> ${log} 2>&1`;
	});
}
