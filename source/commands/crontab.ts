// The crontab of the login user on the server: the wizard's lines (from render/cron-lines.ts)
// live in one marked block, replaced as a whole on every run.

export const cronMarker = 'cron';
/** Relative to the home directory, where cron starts every job; deploy creates ~/.mldw. */
export const cronLogPath = '.mldw/cron.log';

export function crontabListArgv(): string[] {
	return ['crontab', '-l'];
}

/** Replaces the whole crontab with standard input. */
export function crontabInstallArgv(): string[] {
	return ['crontab', '-'];
}
