// A STAND-IN for systemctl that really runs Caddy: no systemd runs here, but the wizard's
// install script ends in `systemctl reload-or-restart caddy`, and a journey test wants Caddy
// to start on the Caddyfile the wizard installed and obtain its certificate for real.
//
// Like Debian's caddy.service (ExecStart `caddy run --config FILE`, ExecReload `caddy reload
// --config FILE --force`), for the one unit caddy it starts Caddy when it is not running and
// reloads it when it is, and fails with Caddy's own message plus systemctl's "Job for
// caddy.service failed" when Caddy refuses the file. Caddy runs as root (as a service would,
// not as the caller) in its own session, its output in a log file, with an environment of its
// own: SSL_CERT_FILE trusts pebble's endpoint CA (the way a server trusts Let's Encrypt), and
// HOME, XDG_DATA_HOME (certificate storage) and XDG_CONFIG_HOME point into a fresh folder, so
// no certificate from an earlier test (and an earlier pebble root) is ever served. Admin stays
// on Caddy's default localhost:2019: free inside a private network namespace.
//
// Like the real one, it refuses to change a service for a caller that is not root ("Interactive
// authentication required"): the wizard must go through sudo. Every call is appended to
// systemctl.calls.jsonl in the bin folder, one JSON array per line (the format of stand-in.ts).
import {spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {requireBinary} from './daemon.js';

export type SystemctlCaddyOptions = {
	/** Folder first on the PATH of whoever runs `systemctl` (sshd.ts binDirectory, and sudo's secure_path). */
	binDirectory: string;
	/** The Caddyfile the service runs: the wizard's config field server.caddyfile. */
	caddyfile: string;
	/** CA file Caddy trusts for outgoing HTTPS (pebble's endpointCaFile). Default: the system's. */
	trustFile?: string;
};

export type SystemctlCaddy = {
	/** Every systemctl call so far, oldest first. */
	calls(): string[][];
	/** Everything Caddy (and `caddy reload`) printed so far. */
	caddyLog(): string;
	/** Where Caddy keeps certificates (XDG_DATA_HOME/caddy). */
	storageDirectory: string;
	isRunning(): boolean;
	/** Stops Caddy if it runs (SIGTERM, then SIGKILL after 5 s) and removes its folder. */
	stop(): Promise<void>;
};

const runnerSource = String.raw`#!/usr/bin/env node
// STAND-IN for systemctl, made by test/support/systemctl-caddy.ts: runs the real Caddy.
const fs = require('node:fs');
const {spawnSync} = require('node:child_process');
const settings = __SETTINGS__;
const argv = process.argv.slice(2);
fs.appendFileSync(settings.callsPath, JSON.stringify(argv) + '\n');
const words = argv.filter(word => !word.startsWith('-'));
const [verb, unit] = [words[0], (words[1] || '').replace(/\.service$/, '')];
const fail = (message, code = 1) => { process.stderr.write(message + '\n'); process.exit(code); };

function runningPid() {
	try {
		const pid = Number(fs.readFileSync(settings.pidPath, 'utf8').trim());
		return fs.readFileSync('/proc/' + pid + '/cmdline', 'utf8').includes('caddy') ? pid : undefined;
	} catch { return undefined; }
}

function caddy(arguments_) {
	const log = fs.openSync(settings.logPath, 'a');
	const before = fs.statSync(settings.logPath).size;
	// Its own session and the log as output: the Caddy that "caddy start" leaves behind must not
	// hold this command's pipes (an SSH session would never end).
	const result = spawnSync(settings.caddy, arguments_, {env: settings.environment, cwd: settings.home, stdio: ['ignore', log, log], detached: true});
	fs.closeSync(log);
	if (result.status !== 0) {
		const output = fs.readFileSync(settings.logPath, 'utf8').slice(before);
		fail(output + 'Job for caddy.service failed because the control process exited with error code.\nSee "systemctl status caddy.service" and "journalctl -xeu caddy.service" for details.');
	}
}

const start = () => caddy(['start', '--config', settings.caddyfile, '--adapter', 'caddyfile', '--pidfile', settings.pidPath]);
const reload = () => caddy(['reload', '--config', settings.caddyfile, '--adapter', 'caddyfile', '--force']);
function stop() {
	const pid = runningPid();
	if (pid === undefined) return;
	process.kill(pid, 'SIGTERM');
	for (let waited = 0; waited < 5000 && runningPid() !== undefined; waited += 50) spawnSync('sleep', ['0.05']);
	if (runningPid() !== undefined) process.kill(pid, 'SIGKILL');
}

if (!verb) fail('systemctl STAND-IN: no command given (it knows is-active, start, stop, restart, reload, reload-or-restart).');
if (unit !== 'caddy') fail('Unit ' + unit + '.service could not be found (systemctl STAND-IN: it only knows caddy).', verb === 'is-active' ? 4 : 5);
if (verb === 'is-active') {
	const active = runningPid() !== undefined;
	if (!argv.includes('--quiet') && !argv.includes('-q')) process.stdout.write(active ? 'active\n' : 'inactive\n');
	process.exit(active ? 0 : 3);
}
if (!['start', 'stop', 'restart', 'reload', 'reload-or-restart', 'try-reload-or-restart'].includes(verb)) fail('systemctl STAND-IN: unknown command "' + verb + '".');
if (process.getuid() !== 0) fail('Failed to ' + verb + ' caddy.service: Interactive authentication required.\nSee system logs and \'systemctl status caddy.service\' for details.');
const running = runningPid() !== undefined;
if (verb === 'stop') stop();
else if (verb === 'start') { if (!running) start(); }
else if (verb === 'restart') { stop(); start(); }
else if (verb === 'reload') { if (running) reload(); else fail('caddy.service is not active, cannot reload.'); }
else if (running) reload();
else if (verb === 'reload-or-restart') start();
`;

function readPid(pidPath: string): number | undefined {
	try {
		const pid = Number(readFileSync(pidPath, 'utf8').trim());
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('caddy') ? pid : undefined;
	} catch {
		return undefined;
	}
}

export function createSystemctlCaddy(options: SystemctlCaddyOptions): SystemctlCaddy {
	const caddy = requireBinary('caddy', 'caddy');
	const home = mkdtempSync(path.join(tmpdir(), 'mldw-systemctl-caddy-'));
	chmodSync(home, 0o755);
	mkdirSync(options.binDirectory, {recursive: true});
	const callsPath = path.join(options.binDirectory, 'systemctl.calls.jsonl');
	const logPath = path.join(home, 'caddy.log');
	const pidPath = path.join(home, 'caddy.pid');
	writeFileSync(callsPath, '');
	// Any caller (the SSH test user too) appends its calls.
	chmodSync(callsPath, 0o666);
	writeFileSync(logPath, '');
	const environment: Record<string, string> = {
		PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
		HOME: home,
		XDG_DATA_HOME: path.join(home, 'data'),
		XDG_CONFIG_HOME: path.join(home, 'config'),
		...options.trustFile ? {SSL_CERT_FILE: options.trustFile} : {},
	};
	const settings = {callsPath, logPath, pidPath, caddy, home, caddyfile: options.caddyfile, environment};
	const executable = path.join(options.binDirectory, 'systemctl');
	writeFileSync(executable, runnerSource.replace('__SETTINGS__', JSON.stringify(settings)).replace('#!/usr/bin/env node', `#!${process.execPath}`));
	chmodSync(executable, 0o755);
	return {
		calls: () => readFileSync(callsPath, 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as string[]),
		caddyLog: () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : ''),
		storageDirectory: path.join(home, 'data', 'caddy'),
		isRunning: () => readPid(pidPath) !== undefined,
		async stop() {
			const pid = readPid(pidPath);
			if (pid !== undefined) {
				process.kill(pid, 'SIGTERM');
				const deadline = Date.now() + 5000;
				while (readPid(pidPath) !== undefined && Date.now() < deadline) {
					await new Promise(resolve => setTimeout(resolve, 50));
				}

				if (readPid(pidPath) !== undefined) {
					process.kill(pid, 'SIGKILL');
				}
			}

			rmSync(home, {recursive: true, force: true});
		},
	};
}

/** Runs the stand-in as a caller would, for tests that have no sshd: `{status, stdout, stderr}`. */
export function runSystemctl(binDirectory: string, arguments_: string[]): {status: number | null; stdout: string; stderr: string} {
	const result = spawnSync(path.join(binDirectory, 'systemctl'), arguments_, {encoding: 'utf8'});
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}
