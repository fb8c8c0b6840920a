// The crontab of the login user on the server: the wizard's lines (from render/cron-lines.ts)
// live in one marked block, replaced as a whole on every run.

export const cronMarker = 'cron';
/** Relative to the home directory, where cron starts every job; deploy creates ~/.mldw. */
export const cronLogPath = '.mldw/cron.log';

export function crontabListArgv(): string[] {
	return ['crontab', '-l'];
}

/** Where the next crontab is staged on the server, relative to home, before it is installed. */
export const stagedCrontabPath = '.mldw/crontab.new';

/**
 * Installs the staged crontab only if it arrived whole (its sha256 is the one computed here):
 * a connection cut while it travels leaves the person's crontab as it was, never emptied.
 */
export function crontabInstallArgv(file: string, sha256: string): string[] {
	return ['sh', '-c', 'set -e\nprintf \'%s  %s\\n\' "$2" "$1" | sha256sum -c --status -\ncrontab "$1"\nrm -f "$1"', 'mldw-crontab-install', file, sha256];
}
