// heroku argv builders. Pure: each returns the exact argv the wizard runs.

export const herokuVersion = (): string[] => ['heroku', '--version'];

export const whoAmI = (): string[] => ['heroku', 'auth:whoami'];

/** Logs docker in to registry.heroku.com with the CLI's token. */
export const containerLogin = (): string[] => ['heroku', 'container:login'];

export const appInfo = (app: string): string[] => ['heroku', 'apps:info', `--app=${app}`];

/** Prints key=value lines, among them web_url=..., which the release step keeps as a fact. */
export const appInfoShell = (app: string): string[] => ['heroku', 'apps:info', '--shell', `--app=${app}`];

export const createApp = (app: string): string[] => ['heroku', 'apps:create', app, '--stack=container'];

export const destroyApp = (app: string): string[] => ['heroku', 'apps:destroy', `--app=${app}`, `--confirm=${app}`];

/** `attachment` is the add-on's name inside the app: DATABASE for Postgres, SCHEDULER for Scheduler. */
export const addonInfo = (attachment: string, app: string): string[] => ['heroku', 'addons:info', attachment, `--app=${app}`];

export const createAddon = (service: string, app: string, wait = false): string[] => [
	'heroku',
	'addons:create',
	service,
	`--app=${app}`,
	...(wait ? ['--wait'] : []),
];

export const setConfigVars = (pairs: ReadonlyArray<readonly [string, string]>, app: string): string[] => [
	'heroku',
	'config:set',
	...pairs.map(([name, value]) => `${name}=${value}`),
	`--app=${app}`,
];

export const registryImage = (app: string, processType = 'web'): string => `registry.heroku.com/${app}/${processType}`;

export const releaseContainer = (app: string, processType = 'web'): string[] => ['heroku', 'container:release', processType, `--app=${app}`];

export const recentLogs = (app: string, lines = 50): string[] => ['heroku', 'logs', `--num=${lines}`, `--app=${app}`];
