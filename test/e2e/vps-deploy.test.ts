// End to end: the real CLI (`deploy --config --yes`) against a real sshd on 127.0.0.1 with
// a throwaway user, real git, real crontab, real `caddy validate` and real sudo. The project
// is a checkout of a bare repository (the git host) with the app's code only: the wizard
// writes the deployment files and, with repo.push, commits and pushes them.
// STAND-INS: docker (test/support/docker-stand-in.ts: refuses what docker refuses and runs
// the Dockerfile's own command, the app, through Debian's python) and systemctl (an
// argv recorder) first on that user's PATH, because no Docker engine or systemd runs here.
// With the recorder systemctl no Caddy runs, so nothing answers on 127.0.0.1:80 (the test
// checks this first): the live check fails there, and the tests assert exactly that
// failure and what ran before it. test/e2e/vps-journey.test.ts walks the same path to a
// live HTTPS endpoint with a real Caddy inside a private network namespace.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {type CliRun, runDeployCli} from '../support/deploy-cli.js';
import {createDockerStandIn, type DockerStandIn} from '../support/docker-stand-in.js';
import {createStandIn, type StandIn} from '../support/stand-in.js';
import {freePort, startTestSshServer, type TestSshServer} from '../support/sshd.js';

let server: TestSshServer;
let appPort: number;
let docker: DockerStandIn;
let systemctl: StandIn;
let work: string;
let laptopHome: string;
let project: string;
let slowFlag: string;
let buildTimes: string;
let config: Record<string, any>;
const weirdRepoName = "repo';$(touch${IFS}pwned)'.git";

function startRun(configObject: Record<string, any>, onStdout?: (text: string) => void, flags?: string[], env?: Record<string, string>): Promise<CliRun> {
	return runDeployCli({config: configObject, work, home: laptopHome, project, onStdout, flags, env});
}

/**
 * Every step up to the live check finished; the live check then fails, truthfully: no Caddy
 * listens on 127.0.0.1:80 here. Exit 1, with the layer that failed and what to look at.
 */
function assertDeployedUpToLiveCheck(run: CliRun): void {
	assert.equal(run.code, 1, run.stdout + run.stderr);
	assert.match(run.stdout, /> Schedule the recurring job\n(?: {2}.*\n)*? {2}done\n> Check the live endpoint\n {2}verify http:\/\/127\.0\.0\.1\/: DNS, TCP, GET \/health\n/);
	assert.match(run.stderr, /^x Check http:\/\/127\.0\.0\.1\/ layer by layer failed: TCP failed: 127\.0\.0\.1 port 80: connection refused\. The server is reachable but nothing listens on port 80: Caddy is not running/m);
}

function portAnswers(port: number): Promise<boolean> {
	return new Promise(resolve => {
		const socket = net.connect({host: '127.0.0.1', port}, () => {
			socket.destroy();
			resolve(true);
		});
		socket.on('error', () => resolve(false));
	});
}

function crontab(): string {
	try {
		return execFileSync('crontab', ['-l', '-u', server.user]).toString();
	} catch {
		return '';
	}
}

before(async () => {
	for (const port of [80, 443]) {
		// Fail loudly instead of asserting a failure this machine would not produce.
		assert.equal(await portAnswers(port), false, `These tests need nothing listening on 127.0.0.1:${port}; stop what listens there and run again.`);
	}

	server = await startTestSshServer();
	work = mkdtempSync(path.join(tmpdir(), 'mldw-e2e-'));
	chmodSync(work, 0o755);
	laptopHome = path.join(work, 'laptop');
	project = path.join(work, 'project');
	mkdirSync(laptopHome);

	// The person's project: a FastAPI app whose code is pushed to its git host, nothing else.
	appPort = await freePort();
	const repository = path.join(work, weirdRepoName);
	execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', repository]);
	execFileSync('git', ['clone', '--quiet', repository, project], {stdio: 'ignore'});
	writeFileSync(path.join(project, 'main.py'), [
		'import os',
		'from fastapi import FastAPI',
		'',
		'app = FastAPI()',
		'',
		'@app.get("/health")',
		'def health():',
		'    return {"status": "ok", "model": os.environ["MODEL_PATH"]}',
		'',
		'@app.get("/update-forecast")',
		'def update_forecast():',
		'    return {"updated": True}',
		'',
	].join('\n'));
	writeFileSync(path.join(project, 'requirements.txt'), 'fastapi\nuvicorn\n');
	writeFileSync(path.join(project, '.gitignore'), '.env\n');
	writeFileSync(path.join(laptopHome, '.gitconfig'), '[user]\n\tname = Test\n\temail = test@example.test\n');
	const git = (...args: string[]) => execFileSync('git', ['-C', project, ...args], {env: {...process.env, HOME: laptopHome}});
	git('add', '.');
	git('commit', '--quiet', '-m', 'app');
	git('push', '--quiet', 'origin', 'main');
	writeFileSync(path.join(project, '.env'), "MODEL_PATH='models/a b.joblib'\nTOKEN=$(touch pwned-env)\n");
	server.runAsUser('git config --global --add safe.directory "*"');

	// Stand-ins, named as such; the docker wrapper can be made slow so a run can be cut mid-way.
	const recorders = path.join(server.binDirectory, 'recorders');
	docker = createDockerStandIn(recorders);
	systemctl = createStandIn(server.binDirectory, 'systemctl');
	slowFlag = path.join(work, 'slow-docker');
	buildTimes = path.join(work, 'build-times');
	writeFileSync(buildTimes, '', {mode: 0o666});
	chmodSync(buildTimes, 0o666);
	// Records when each `compose up` starts and ends (to prove no two overlap), and sleeps as
	// long as the slow flag says, so a run can be cut or raced mid-build.
	writeFileSync(path.join(server.binDirectory, 'docker'), [
		'#!/bin/sh',
		`building() { [ "$1" = compose ] && [ "$4" = up ]; }`,
		`if building "$@"; then echo "start $(date +%s.%N)" >> ${buildTimes}; fi`,
		`if [ -e ${slowFlag} ]; then sleep "$(cat ${slowFlag})"; fi`,
		`${path.join(recorders, 'docker')} "$@"`,
		'code=$?',
		`if building "$@"; then echo "end $(date +%s.%N)" >> ${buildTimes}; fi`,
		'exit $code',
		'',
	].join('\n'), {mode: 0o755});
	chmodSync(recorders, 0o755);
	server.runAsUser('mkdir -p ~/caddy');

	config = {
		provider: 'vps',
		app: {port: appPort, healthPath: '/health'},
		server: {host: '127.0.0.1', port: server.port, user: server.user, identityFile: '~/.ssh/id_mldw', sshAlias: 'mldw-test', caddyfile: `${server.home}/caddy/Caddyfile`},
		repo: {url: repository, branch: 'main', push: true},
		cron: [{schedule: '15 * * * *', path: '/update-forecast'}],
	};
});

after(async () => {
	await docker?.stopAll();
	server?.stop();
	if (work) {
		rmSync(work, {recursive: true, force: true});
	}
});

test('headless deploy: refuses an unconfirmed host key, names a missing key, provisions, then changes nothing', async () => {
	const first = await startRun(config);
	assert.equal(first.code, 1, first.stdout + first.stderr);
	assert.match(first.stderr, new RegExp(`host key ${server.fingerprint().replaceAll('+', '\\+')} has not been confirmed`));
	assert.equal(statSync(path.join(laptopHome, '.ssh/id_mldw')).mode & 0o777, 0o600);

	config.server.hostKey = server.fingerprint();
	const second = await startRun(config);
	assert.equal(second.code, 1);
	assert.match(second.stderr, /refused the key ~\/\.ssh\/id_mldw for user "mldw\w+": either that user does not exist on the server, or the public key is not in \/home\/mldw\w+\/\.ssh\/authorized_keys/);

	server.authorize(readFileSync(path.join(laptopHome, '.ssh/id_mldw.pub'), 'utf8'));
	const loginsBefore = server.acceptedLogins();
	const third = await startRun(config);
	assertDeployedUpToLiveCheck(third);
	assert.equal(server.acceptedLogins() - loginsBefore, 1, 'the whole remote part used one SSH login');
	assert.match(third.stdout, /when: GET \/update-forecast at minute 15 of every hour/);
	assert.match(third.stdout, /you do: ssh mldw-test 'sudo docker compose -f apps\/app\/compose\.yaml logs --tail 40'\n/);

	const cron = crontab();
	assert.equal(cron.match(/# BEGIN ml-deploy-wizard cron/g)?.length, 1);
	assert.match(cron, new RegExp(`^15 \\* \\* \\* \\* flock -n /tmp/project-cron-1\\.lock curl -fsS -X GET --max-time 600 http://127\\.0\\.0\\.1:${appPort}/update-forecast >> "\\$HOME"/\\.mldw/cron\\.log 2>&1$`, 'm'));
	assert.equal(server.runAsUser('ls ~/apps'), 'app\n');
	assert.match(server.runAsUser('git -C ~/apps/app log --oneline'), /app/);
	assert.equal(server.runAsUser('stat -c %a ~/apps/app/.env; cat ~/apps/app/.env'), "600\nMODEL_PATH='models/a b.joblib'\nTOKEN=$(touch pwned-env)\n");
	assert.equal(server.runAsUser('ls ~/pwned ~/pwned-env ~/apps/app/pwned 2>/dev/null | wc -l'), '0\n', 'nothing in the values was executed');
	assert.ok(docker.calls().some(argv => argv.join(' ') === 'compose -f apps/app/compose.yaml up -d --build --remove-orphans'));
	assert.deepEqual(systemctl.calls(), [['reload-or-restart', 'caddy']]);
	assert.match(readFileSync(`${server.home}/caddy/sites/project.caddy`, 'utf8'), new RegExp(`reverse_proxy 127\\.0\\.0\\.1:${appPort}`));
	assert.match(readFileSync(`${server.home}/caddy/Caddyfile`, 'utf8'), new RegExp(`^import ${server.home}/caddy/sites/\\*\\.caddy$`, 'm'));
	assert.match(readFileSync(path.join(laptopHome, '.ssh/config'), 'utf8'), /# BEGIN ml-deploy-wizard host mldw-test\nHost mldw-test\n/);
	assert.match(readFileSync(path.join(laptopHome, '.ssh/mldw_known_hosts'), 'utf8'), new RegExp(`^\\[127\\.0\\.0\\.1\\]:${server.port} ssh-ed25519 `, 'm'));
	assert.equal(server.runAsUser('test -L ~/.mldw/deploy.lock && echo held || echo free'), 'free\n', 'the lock is released at the end');

	const fourth = await startRun(config);
	assertDeployedUpToLiveCheck(fourth);
	assert.equal(crontab(), cron, 'same crontab, one block');
	assert.match(fourth.stdout, /already up to date at/);
	assert.match(fourth.stdout, /Caddy already serves this site; nothing changed/);
	assert.equal(systemctl.calls().length, 1, 'Caddy is not reloaded when nothing changed');
	assert.equal(server.runAsUser('ls ~/apps'), 'app\n', 'no second clone');
	const state = execFileSync('sh', ['-c', 'cat "$1"/*.json', 'sh', path.join(work, 'state')]).toString();
	assert.match(state, /"serverHost":\s*"127\.0\.0\.1"/);
	assert.doesNotMatch(state, /PRIVATE KEY/, 'no private key in the saved progress');
});

test('a dry run lists the remote commands and changes nothing on the server', async () => {
	const before = crontab();
	const dockerCalls = docker.calls().length;
	const run = await startRun({...config, cron: []}, undefined, ['--dry-run']);
	assert.equal(run.code, 0, run.stderr);
	assert.match(run.stdout, /on mldw\w+@127\.0\.0\.1: sudo flock -w 1800 \.mldw\/build\.lock docker compose -f apps\/app\/compose\.yaml up -d --build --remove-orphans/);
	assert.equal(crontab(), before);
	assert.equal(docker.calls().length, dockerCalls);
});

test('killing sshd mid-run gives a clear error, and the next run completes', async () => {
	writeFileSync(slowFlag, '20');
	let killed = false;
	const cut = await startRun(config, stdout => {
		if (!killed && stdout.includes('docker compose -f apps/app/compose.yaml up')) {
			killed = true;
			setTimeout(() => server.kill(), 300);
		}
	});
	rmSync(slowFlag);
	assert.ok(killed, 'the run reached the container start');
	assert.equal(cut.code, 1);
	assert.match(cut.stderr, /Build and start the containers failed: The SSH connection to .* was lost and could not be opened again: Nothing accepts SSH connections/);
	assert.match(cut.stderr, /runs this step again from its start/);

	await server.start();
	const resumed = await startRun(config);
	assertDeployedUpToLiveCheck(resumed);
	assert.match(resumed.stdout, /Releasing a lock left by .*which is no longer running/);
	assert.equal(crontab().match(/# BEGIN ml-deploy-wizard cron/g)?.length, 1);
});

/** The [start, end] of every `compose up` the docker stand-in saw, in seconds, oldest first. */
function builds(): Array<[number, number]> {
	const events = readFileSync(buildTimes, 'utf8').trim().split('\n').filter(Boolean).map(line => line.split(' ') as [string, string]);
	const intervals: Array<[number, number]> = [];
	const open: number[] = [];
	for (const [kind, time] of events) {
		if (kind === 'start') {
			open.push(Number(time));
		} else {
			intervals.push([open.shift()!, Number(time)]);
		}
	}

	return intervals.sort((a, b) => a[0] - b[0]);
}

function assertNoOverlap(intervals: Array<[number, number]>): void {
	for (let index = 1; index < intervals.length; index++) {
		assert.ok(intervals[index]![0] >= intervals[index - 1]![1], `two builds overlapped: ${JSON.stringify(intervals)}`);
	}
}

test('three deploys started together from three folders: one holds the lock, no two builds overlap, the others name the holder', async () => {
	writeFileSync(slowFlag, '3');
	writeFileSync(buildTimes, '');
	const runs = await Promise.all([1, 2, 3].map(async number => {
		// The same project checked out three times (same folder name, so the same app name):
		// the files are already on the git host, and only the server is raced for.
		const folder = path.join(work, `race-${number}`, 'project');
		execFileSync('git', ['clone', '--quiet', config.repo.url, folder], {stdio: 'ignore'});
		writeFileSync(path.join(folder, '.env'), "MODEL_PATH='models/a b.joblib'\n");
		const state = path.join(work, `race-state-${number}`);
		mkdirSync(state);
		return runDeployCli({config, work: state, home: laptopHome, project: folder});
	}));
	rmSync(slowFlag);
	const started = builds();
	assert.ok(started.length >= 1, 'one of them built');
	assertNoOverlap(started);
	const losers = runs.filter(run => /Another deployment holds the lock on this server: \S+ \(process \d+\) since /.test(run.stderr));
	assert.equal(losers.length + started.length, 3, runs.map(run => run.stderr).join('\n---\n'));
	assert.ok(losers.length >= 1, 'the runs raced: at least one found the lock taken');
	assert.equal(server.runAsUser('test -L ~/.mldw/deploy.lock && echo held || echo free'), 'free\n', 'every run let go of the lock at its end');
});

test('a connection dropped during the build: the retry waits for the build still running, never a second one beside it', async () => {
	writeFileSync(slowFlag, '4');
	writeFileSync(buildTimes, '');
	let dropped = false;
	const run = await startRun(config, stdout => {
		if (!dropped && stdout.includes('docker compose -f apps/app/compose.yaml up')) {
			dropped = true;
			setTimeout(() => server.dropConnections(), 1000);
		}
	});
	rmSync(slowFlag);
	assert.ok(dropped, 'the run reached the build');
	assertDeployedUpToLiveCheck(run);
	assertNoOverlap(builds());
});

test('a run that failed at the clone, run again with another repository: the clone runs again, with the new one', async () => {
	// A copy of the repository the server user may not read: this computer can, the server cannot.
	const unreadable = path.join(work, 'unreadable.git');
	execFileSync('git', ['clone', '--quiet', '--bare', config.repo.url, unreadable]);
	chmodSync(unreadable, 0o700);
	const failed = await startRun({...config, repo: {...config.repo, url: unreadable}, server: {...config.server, appDirectory: 'apps/app'}});
	assert.equal(failed.code, 1);
	assert.match(failed.stderr, /^x Clone or update the repository at [\da-f]{12} failed: mldw-git-sync exited with code \d+ on the server/m);
	const fixed = await startRun({...config, server: {...config.server, appDirectory: 'apps/app'}});
	assertDeployedUpToLiveCheck(fixed);
	assert.match(fixed.stdout, /> Deploy your app\n(?:(?!> ).*\n)*? {2}on mldw\w+@127\.0\.0\.1: sh -c /, 'the deploy step ran from its first action');
	assert.equal(server.runAsUser('git -C ~/apps/app remote get-url origin').trim(), config.repo.url, 'the server follows the repository the config names now');
});

test('a stale lock from another machine is released only with consent; a fresh one never', async () => {
	const plant = (at: string) =>
		server.runAsUser(`mkdir -p ~/.mldw && ln -sfn '{"by":"ci@other","machine":"other","pid":1,"at":"${at}"}' ~/.mldw/deploy.lock`);
	plant(new Date(Date.now() - 5 * 60_000).toISOString());
	const fresh = await startRun(config);
	assert.equal(fresh.code, 1);
	assert.match(fresh.stderr, /Another deployment holds the lock on this server: ci@other \(process 1\)/);

	plant('2020-01-01T00:00:00.000Z');
	const refused = await startRun(config, undefined, []);
	assert.equal(refused.code, 1);
	assert.match(refused.stderr, /locked by ci@other .* looks stale .*\n.*agree to release it/);
	const released = await startRun(config);
	assertDeployedUpToLiveCheck(released);
	assert.match(released.stdout, /Releasing a lock left by ci@other/);
});

test('a changed host key is refused', async () => {
	await server.changeHostKey();
	try {
		const run = await startRun(config);
		assert.equal(run.code, 1);
		assert.match(run.stderr, /presented a different host key .* rebuilt or reinstalled, or someone is intercepting/);
	} finally {
		await server.restoreHostKey();
	}
});

test('no cron jobs in the config removes the wizard\'s block and nothing else', async () => {
	execFileSync('crontab', ['-u', server.user, '-'], {input: `${crontab()}# the person's own line\n0 4 * * * true\n`});
	const run = await startRun({...config, cron: []});
	assertDeployedUpToLiveCheck(run);
	assert.equal(crontab(), "# the person's own line\n0 4 * * * true\n");
});

test('values that could run commands are rejected before anything runs', async () => {
	const run = await startRun({...config, repo: {...config.repo, branch: 'main;$(touch pwned)'}, server: {...config.server, user: 'x y'}});
	assert.equal(run.code, 2);
	assert.match(run.stderr, /^repo\.branch: Branch: /m);
	assert.match(run.stderr, /^server\.user: User: /m);
	assert.equal(existsSync(path.join(project, 'pwned')), false);
});
