import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import type {ActionOutcome, RemoteHost} from '../core/action.js';
import {replaceMarkedBlock} from '../commands/marked-block.js';
import {crontabInstallArgv, crontabListArgv, stagedCrontabPath} from '../commands/crontab.js';
import {probeArgv, readProbe} from '../commands/server-probes.js';
import type {ActionHandlers, RunContext} from '../run/execute.js';
import {lastLines} from '../run/run-command.js';
import {holdLock} from './lock-handler.js';
import {asOutcome} from './outcome.js';
import {expandHome} from '../run/expand-home.js';
import {execRemote, writeRemoteFile} from './session.js';
import {SshError} from './ssh-error.js';

function requireServer(server: RemoteHost | undefined): RemoteHost {
	if (!server) {
		throw new SshError('Internal error: a remote action was planned without its server.', undefined, 'other');
	}

	return server;
}

function failedCommand(argv: readonly string[], code: number, stdout: string, stderr: string, sudo: boolean): ActionOutcome {
	if (sudo && /a password is required|no tty present/i.test(stderr)) {
		return {
			ok: false,
			message: 'sudo on the server asks for a password, which this wizard does not type for you.',
			hint: 'Log in as root, or allow this user passwordless sudo (a line "USER ALL=(ALL) NOPASSWD:ALL" in /etc/sudoers.d/), then run again.',
			exitCode: code,
		};
	}

	const program = argv[0] === 'sh' || argv[0] === 'env' ? (argv.find(argument => argument.startsWith('mldw-')) ?? argv[0]) : argv[0];
	const known = knownFailures.find(failure => failure.pattern.test(stderr));
	return {
		ok: false,
		message: `${program} exited with code ${code} on the server${known ? `: ${known.message}` : '.'}`,
		hint: known?.hint,
		exitCode: code,
		output: lastLines(`${stdout}${stderr}`),
	};
}

/** Errors whose cause is known, said in the person's terms with the fix. */
export const knownFailures: Array<{pattern: RegExp; message: string; hint: string}> = [
	{
		pattern: /Host key verification failed/,
		message: 'the git host\'s SSH key is not one the server trusts',
		hint: 'For cloning, the server trusts only GitHub\'s published host keys (~/.mldw/github_known_hosts). For another git host, add its key to that file on the server, or use an https:// URL.',
	},
	{
		// Before the deploy-key line: git ends a DNS failure with "Could not read from remote repository" too.
		pattern: /Could not resolve host|Name or service not known|Temporary failure in name resolution/,
		message: 'the server cannot look up the git host\'s name (DNS)',
		hint: 'On the server, check that it resolves names: getent hosts github.com (its DNS settings are in /etc/resolv.conf or resolvectl status), then run again.',
	},
	{
		pattern: /Permission denied \(publickey\)|Repository not found|Could not read from remote repository/,
		message: 'the git host refused the deploy key',
		hint: 'Add the deploy key\'s public half under GitHub > your repository > Settings > Deploy keys (read-only), check repo.url, then run again.',
	},
	{
		pattern: /Remote branch .* not found|couldn't find remote ref/,
		message: 'that branch does not exist in the repository',
		hint: 'Check the branch name (repo.branch) and that it was pushed.',
	},
	{
		pattern: /it changed since/,
		message: 'someone pushed to the branch after your computer checked it',
		hint: 'Run the wizard again: it checks the new commit and deploys that one.',
	},
	{
		pattern: /keeps files in Git LFS, and git-lfs is not installed/,
		message: 'your models are in Git LFS and the server has no git-lfs to fetch them',
		hint: 'Run the wizard again and let the install step add git-lfs, or install it yourself (sudo apt-get install git-lfs).',
	},
	{
		pattern: /batch response: .*(Repository or object not found|Authentication required)|error: failed to fetch some objects/,
		message: 'the git host would not hand over the files kept in Git LFS',
		hint: 'Check that they were pushed (git lfs push --all origin on your computer) and that the repository\'s LFS storage is within its quota, then run again.',
	},
	{
		pattern: /no configuration file provided|open .*compose\.ya?ml: no such file/i,
		message: 'the server\'s clone has no compose file',
		hint: 'Commit and push compose.yaml (the "Send your code to the repository" step does this), then run again.',
	},
	{
		pattern: /env file .* not found/i,
		message: 'the app\'s .env is missing on the server',
		hint: 'Run the wizard again: the deploy step writes it before starting the containers.',
	},
	{
		pattern: /failed to read dockerfile|open Dockerfile: no such file/i,
		message: 'the server\'s clone has no Dockerfile',
		hint: 'Commit and push the Dockerfile, then run again.',
	},
	{
		pattern: /permission denied while trying to connect to the Docker daemon/i,
		message: 'this user may not use Docker',
		hint: 'Run as root, or allow passwordless sudo for this user.',
	},
	{
		pattern: /Cannot connect to the Docker daemon/i,
		message: 'the Docker service is not running',
		hint: 'Start it on the server: sudo systemctl enable --now docker.',
	},
];

/**
 * Every change on a server happens under this run's deployment lock: taken here if this run
 * does not hold it yet (a run resumed past the server check included).
 */
async function underLock(server: RemoteHost, context: RunContext, change: () => Promise<ActionOutcome>): Promise<ActionOutcome> {
	const lock = await holdLock(server, {onOutput: context.onOutput});
	return lock.ok ? change() : lock;
}

/** Handlers for everything that happens on the server, over the one pooled connection. */
export function createRemoteHandlers(): ActionHandlers {
	return {
		'run-remote': (action, context) =>
			asOutcome(async () => underLock(requireServer(action.server), context, async () => {
				const result = await execRemote(requireServer(action.server), action.argv, {sudo: action.sudo, input: action.input, onOutput: context.onOutput});
				return result.code === 0
					? {ok: true, output: result.stdout, data: result.stdout.trim()}
					: failedCommand(action.argv, result.code, result.stdout, result.stderr, Boolean(action.sudo));
			})),

		upload: (action, context) =>
			asOutcome(async () => underLock(requireServer(action.server), context, async () => {
				const content = await readFile(path.resolve(context.projectDirectory, expandHome(action.from)));
				await writeRemoteFile(requireServer(action.server), action.to, content, action.mode);
				return {ok: true, output: `uploaded ${action.from} to ${action.to}`};
			})),

		'write-remote-file': (action, context) =>
			asOutcome(async () => underLock(action.server, context, async () => {
				await writeRemoteFile(action.server, action.path, action.content, action.mode);
				return {ok: true, output: `wrote ${action.path}`};
			})),

		'probe-server': (action, context) =>
			asOutcome(async () => {
				const result = await execRemote(action.server, probeArgv(action.check));
				const probe = readProbe(action.check, result.stdout, action.server.user);
				context.onOutput(`${probe.message}\n`);
				return probe.ok
					? {ok: true, output: probe.message, data: {...probe.data, missing: probe.missing}}
					: {ok: false, message: probe.message, hint: 'Use a server running Debian 12 or later, or Ubuntu 22.04 or later.'};
			}),

		'crontab-block': (action, context) =>
			asOutcome(async () => underLock(action.server, context, async () => {
				const listed = await execRemote(action.server, crontabListArgv());
				// crontab -l exits 1 with "no crontab for USER" when there is none yet.
				if (listed.code !== 0 && !/no crontab/i.test(listed.stderr)) {
					return failedCommand(crontabListArgv(), listed.code, listed.stdout, listed.stderr, false);
				}

				const current = listed.code === 0 ? listed.stdout : '';
				const next = replaceMarkedBlock(current, action.marker, action.lines);
				if (next === current) {
					context.onOutput('The crontab already has these entries; nothing changed.\n');
					return {ok: true, output: 'unchanged', data: {changed: false}};
				}

				// Staged in a file first and checked there: streaming it into `crontab -` would
				// install whatever arrived before a cut, an empty table included.
				await writeRemoteFile(action.server, stagedCrontabPath, next, 0o600);
				const install = crontabInstallArgv(stagedCrontabPath, createHash('sha256').update(next).digest('hex'));
				const installed = await execRemote(action.server, install);
				if (installed.code !== 0) {
					return failedCommand(install, installed.code, installed.stdout, installed.stderr, false);
				}

				return {ok: true, output: action.lines.length === 0 ? 'removed the wizard\'s cron entries' : 'installed the cron entries', data: {changed: true}};
			})),

		'check-app': (action, context) =>
			asOutcome(async () => {
				const url = `http://127.0.0.1:${action.port}${action.path ?? '/'}`;
				const argv = ['curl', '-sS', '-o', '/dev/null', '-w', '%{http_code}', '--retry', '10', '--retry-connrefused', '--retry-delay', '2', '--max-time', '10', url];
				const result = await execRemote(action.server, argv);
				const outcome = readAppCheck(result.code, result.stdout.trim(), action.port, action.path);
				if (outcome.ok) {
					context.onOutput(`${outcome.output ?? ''}\n`);
				}

				return outcome;
			}),
	};
}

/** What curl's answer from the server means for the app, with the fix for each case. */
export function readAppCheck(curlExit: number, status: string, port: number, healthPath: string | undefined): ActionOutcome {
	const where = `127.0.0.1:${port}`;
	if (curlExit === 0) {
		const code = Number(status);
		if (healthPath === undefined && code > 0) {
			// No health route to ask: any HTTP answer proves the app listens.
			return {ok: true, output: `The app answers on ${where} (HTTP ${code}; it has no health route to check).`, data: {status: code}};
		}

		if (code >= 200 && code < 400) {
			return {ok: true, output: `The app answers on ${where}${healthPath} (HTTP ${code}).`, data: {status: code}};
		}

		if (code === 404) {
			return {ok: false, message: `The app answers on ${where}, but ${healthPath} gives 404 Not Found.`, hint: `Add a route ${healthPath} that answers 200, or set app.healthPath to a route your app has.`};
		}

		return {ok: false, message: `The app answers on ${where}${healthPath} with HTTP ${status}.`, hint: 'Look at the app\'s log on the server: docker compose logs --tail 50.'};
	}

	if (curlExit === 52 || curlExit === 56) {
		return {
			ok: false,
			message: `Something accepts connections on ${where} but the app closes them at once: the classic sign that the app listens on 127.0.0.1 inside its container, which nothing outside the container can reach.`,
			hint: 'Make the app listen on 0.0.0.0: uvicorn main:app --host 0.0.0.0 --port 8000, gunicorn -b 0.0.0.0:8000 app:app, or flask run --host=0.0.0.0. Then run the wizard again.',
		};
	}

	if (curlExit === 7) {
		return {
			ok: false,
			message: `Nothing listens on ${where} on the server: the container is not running, or it publishes a different port.`,
			hint: `Check that your app and the compose file both use port ${port}, and read the container's log: docker compose logs --tail 50.`,
		};
	}

	if (curlExit === 28) {
		return {ok: false, message: `The app on ${where} did not answer ${healthPath ?? 'on its port'} within 10 seconds.`, hint: 'It may still be loading the model; look at docker compose logs, then run the wizard again.'};
	}

	return {ok: false, message: `Could not check the app on ${where} (curl exit code ${curlExit}).`, hint: 'Is curl installed on the server? The server check installs it.'};
}
