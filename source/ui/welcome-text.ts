// The welcome screen's words, in one place for the screen itself and for the first frame
// painted before the interface loads (which must not load it).
export type WelcomeChoice = 'deploy' | 'generate' | 'learn';

export const welcomeTitle = 'ml-deploy-wizard';
export const welcomeTagline = 'Takes your ML API from this laptop to the internet, one explained step at a time.';
export const welcomeQuestion = 'What would you like to do?';
export const welcomeHints = ['↑↓ choose', 'Enter select'];
// Nothing is saved before a provider is chosen.
export const welcomeQuitHint = 'Ctrl-C quit';
export const dryRunLine = 'Dry run: every file and command is shown, nothing is changed.';

export const welcomeChoices: Array<{label: string; value: WelcomeChoice; description: string}> = [
	{label: 'Deploy my ML API', value: 'deploy', description: 'Files, server or cloud setup, HTTPS, the scheduled job and a live check.'},
	{label: 'Only write the files', value: 'generate', description: 'Dockerfile, compose file, Caddyfile and friends; nothing is deployed.'},
	{label: "I'm new to this: explain every step", value: 'learn', description: 'The same deployment, with what each part is and why it is needed.'},
];

/** The separator between key hints, here and on every screen. */
export const hintSeparator = '  ·  ';
