import {parseArgs} from 'node:util';

// Flags are parsed with node's own parseArgs: no dependency, nothing loaded at start-up.

export const helpText = `ml-deploy-wizard: take your containerized ML API from your laptop to the internet.

Usage
  npx ml-deploy-wizard [options]              start the interactive wizard (resumes saved progress)
  npx ml-deploy-wizard generate [options]     only write the deployment files, no deploying
  npx ml-deploy-wizard deploy --config FILE   run a deployment from a JSON config file, headless
  npx ml-deploy-wizard verify [--url URL]     check a live endpoint layer by layer
  npx ml-deploy-wizard teardown --config FILE --confirm NAME
                                              remove a Cloud Run or Heroku deployment

Options
  --provider vps|cloud-run|heroku   skip the provider question
  --dir DIR                         your project directory (default: the current one)
  --dry-run                         show every file and command, change nothing
  --learn                           explain every step in more depth (for first-timers)
  --reset                           forget the saved progress for this directory (asks first)
  --yes                             answer yes to confirmations (headless commands)
  -h, --help                        show this help
  -v, --version                     show the version

Generate (only write the files)
  npx ml-deploy-wizard generate --provider vps|cloud-run|heroku --yes [options]
  What it cannot find in your project it asks for with these flags:
  --domain D                        HTTPS Caddyfile for this domain (VPS; else HTTP on the IP)
  --acme-email E, --acme-ca CA      certificate account e-mail; CA: production, staging or a URL
  --app-port N                      port the app listens on in the container (default: detected, 8000)
  --health-path P                   route that answers 200 when the app is up (default: detected;
                                    none: the app has no route yet, only its port is checked)
  --cron "SCHEDULE [GET|POST] PATH" a scheduled call, like "15 * * * * /update-forecast" (repeatable)
  --postgres                        add a PostgreSQL database (VPS: compose service; Heroku: add-on)
  --name NAME, --framework fastapi|flask, --python 3.12, --app-module main:app (a factory:
  'app:create_app()'), --app-dir DIR (the folder imports start from: src, api; . the project)
                                    override what was detected
  --dry-run                         print the files instead of writing them
  --check                           write nothing; exit 1 when a generated file is missing or stale
  --force                           also replace files you wrote or edited (otherwise kept)
  Exit codes: 0 written, nothing to do, or your own files kept; 1 a file could not be
  written, or --check found a stale file; 2 bad input.

Deploy (headless, for scripts and CI)
  npx ml-deploy-wizard deploy --config deploy.json --yes [--dry-run]
  Runs the wizard's steps from a JSON file (see the README for its fields). --yes allows
  installing missing server software and releasing a stale deployment lock.
  Exit codes: 0 every step done, 1 a step failed (fix it and run again: that step is
  planned afresh), 2 bad config.

Teardown (Cloud Run and Heroku)
  npx ml-deploy-wizard teardown --config deploy.json --confirm NAME [--dry-run]
  Removes what deploy made, from the same config file. --confirm must be the Cloud Run
  service or Heroku app name. A VPS is not torn down automatically: it says what to undo.
  Exit codes: 0 removed or already gone, 1 a removal failed (run again), 2 bad config or
  confirmation (nothing was removed).

Verify options (without --url, the domain and health route come from the saved progress)
  --url URL                         the endpoint to check, e.g. https://api.example.com
  --health-path PATH                health route to GET (default: saved answer, else /health)
  --payload FILE                    JSON to POST as a sample prediction (expects 2xx and JSON)
  --predict-path PATH               route for the sample prediction (default: /predict)
  --expect-ip IP                    fail DNS unless the name points at this IPv4 address
  --dns-server IP[:PORT]            ask this DNS server (repeatable; default: the system's)
  --ca-file PEM                     also trust this CA certificate (a test or internal CA)
  --timeout SECONDS                 per layer (default: 10)
  --retries N                       extra attempts with backoff while a layer fails (default: 2)
  --http-port PORT                  plain HTTP port for the redirect check (default: 80)
  --skip-redirect                   do not check the HTTP to HTTPS redirect
  --json                            print the results as JSON
  Exit code: 0 when every layer passed, 1 when one failed, 2 for bad options.

Progress is saved after every step, per project directory. Run the same command again
to resume. Press Ctrl-C at any time: nothing is lost.

Colour is off when NO_COLOR is set or TERM=dumb.`;

export const subcommands = ['generate', 'deploy', 'verify', 'teardown'] as const;
export type Subcommand = (typeof subcommands)[number];

export type CliArguments = {
	subcommand: Subcommand | undefined;
	values: Record<string, string | boolean | string[] | undefined>;
};

export class UsageError extends Error {}

const options = {
	provider: {type: 'string'},
	dir: {type: 'string'},
	'dry-run': {type: 'boolean'},
	learn: {type: 'boolean'},
	reset: {type: 'boolean'},
	yes: {type: 'boolean', short: 'y'},
	force: {type: 'boolean'},
	config: {type: 'string'},
	confirm: {type: 'string'},
	domain: {type: 'string'},
	'app-port': {type: 'string'},
	'health-path': {type: 'string'},
	cron: {type: 'string', multiple: true},
	postgres: {type: 'boolean'},
	name: {type: 'string'},
	framework: {type: 'string'},
	'app-module': {type: 'string'},
	'app-dir': {type: 'string'},
	check: {type: 'boolean'},
	python: {type: 'string'},
	'acme-email': {type: 'string'},
	'acme-ca': {type: 'string'},
	url: {type: 'string'},
	json: {type: 'boolean'},
	payload: {type: 'string'},
	'predict-path': {type: 'string'},
	'expect-ip': {type: 'string'},
	'dns-server': {type: 'string', multiple: true},
	'ca-file': {type: 'string'},
	timeout: {type: 'string'},
	retries: {type: 'string'},
	'http-port': {type: 'string'},
	'skip-redirect': {type: 'boolean'},
	help: {type: 'boolean', short: 'h'},
	version: {type: 'boolean', short: 'v'},
} as const;

export function parseCliArguments(argv: string[]): CliArguments {
	let parsed;
	try {
		parsed = parseArgs({args: argv, options, allowPositionals: true, strict: true});
	} catch (error) {
		throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/s, '.')}\nRun ml-deploy-wizard --help to see the options.`);
	}

	const [first, ...rest] = parsed.positionals;
	if (rest.length > 0 || (first !== undefined && !subcommands.includes(first as Subcommand))) {
		throw new UsageError(
			`Unknown command "${parsed.positionals.join(' ')}". Commands: ${subcommands.join(', ')}; or none, for the wizard.`,
		);
	}

	return {subcommand: first as Subcommand | undefined, values: parsed.values};
}
