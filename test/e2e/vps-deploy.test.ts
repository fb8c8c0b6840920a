// End to end: the real CLI (`deploy --config --yes`) against a real sshd on 127.0.0.1 with
// a throwaway user, real git, real crontab, real `caddy validate` and real sudo.
// STAND-INS: docker and systemctl are argv-recording stand-ins (test/support/stand-in.ts)
// first on that user's PATH, because no Docker engine or systemd runs here. The "app" the
// stand-in docker would have started is a small HTTP server this test runs on loopback.
// With the stand-in systemctl no Caddy really runs, so nothing answers on 127.0.0.1:80 or
// :443 (the test checks this first): the live check and the HTTPS port check fail here, and
// the tests assert exactly that failure and what ran before it. DNS for the domain case is
// answered by a real dnsmasq on loopback (MLDW_DNS_SERVERS).
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {type CliRun, runDeployCli} from '../support/deploy-cli.js';
import {startDnsmasq} from '../support/dnsmasq.js';
import {createStandIn, type StandIn} from '../support/stand-in.js';
import {freePort, startTestSshServer, type TestSshServer} from '../support/sshd.js';

let server: TestSshServer;
let app: http.Server;
let appPort: number;
let docker: StandIn;
let systemctl: StandIn;
let work: string;
let laptopHome: string;
let project: string;
let slowFlag: string;
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
	mkdirSync(project);
	writeFileSync(path.join(project, '.env'), "MODEL_PATH='models/a b.joblib'\nTOKEN=$(touch pwned-env)\n");

	// The app the compose file would run, answering on loopback.
	appPort = await freePort();
	app = http.createServer((request, response) => {
		response.writeHead(request.url === '/health' || request.url === '/update-forecast' ? 200 : 404).end('ok');
	});
	await new Promise<void>(resolve => app.listen(appPort, '127.0.0.1', resolve));

	// Stand-ins, named as such; the docker wrapper can be made slow so a run can be cut mid-way.
	const recorders = path.join(server.binDirectory, 'recorders');
	docker = createStandIn(recorders, 'docker', [{whenArgsStartWith: ['compose', 'version'], stdout: 'Docker Compose version v2.29.0 (stand-in)\n'}]);
	systemctl = createStandIn(server.binDirectory, 'systemctl');
	slowFlag = path.join(work, 'slow-docker');
	writeFileSync(path.join(server.binDirectory, 'docker'), `#!/bin/sh\nif [ -e ${slowFlag} ]; then sleep 20; fi\nexec ${path.join(recorders, 'docker')} "$@"\n`, {mode: 0o755});
	chmodSync(recorders, 0o755);

	// A bare repository whose path holds quotes, ";" and "$(...)": it must be cloned as a path, never run.
	const repository = path.join(work, weirdRepoName);
	execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', repository]);
	const checkout = path.join(work, 'checkout');
	execFileSync('git', ['clone', '--quiet', repository, checkout]);
	writeFileSync(path.join(checkout, 'compose.yaml'), `services:\n  app:\n    build: .\n    ports: ["127.0.0.1:${appPort}:${appPort}"]\n`);
	writeFileSync(path.join(checkout, 'Dockerfile'), 'FROM python:3.12-slim\n');
	execFileSync('git', ['-C', checkout, 'add', '.']);
	execFileSync('git', ['-C', checkout, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-m', 'app']);
	execFileSync('git', ['-C', checkout, 'push', '--quiet', 'origin', 'main']);
	execFileSync('chown', ['-R', `${server.user}:${server.user}`, repository]);
	server.runAsUser('mkdir -p ~/caddy');

	config = {
		provider: 'vps',
		app: {port: appPort, healthPath: '/health'},
		server: {host: '127.0.0.1', port: server.port, user: server.user, identityFile: '~/.ssh/id_mldw', sshAlias: 'mldw-test', caddyfile: `${server.home}/caddy/Caddyfile`},
		repo: {url: repository, branch: 'main'},
		cron: [{schedule: '15 * * * *', path: '/update-forecast'}],
	};
});

after(() => {
	app?.close();
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
	assert.match(cron, new RegExp(`^15 \\* \\* \\* \\* flock -n /tmp/project-cron-1\\.lock curl -fsS -X GET --max-time 600 http://127\\.0\\.0\\.1:${appPort}/update-forecast >> \\.mldw/cron\\.log 2>&1$`, 'm'));
	assert.equal(server.runAsUser('ls ~/apps'), 'app\n');
	assert.match(server.runAsUser('git -C ~/apps/app log --oneline'), /app/);
	assert.equal(server.runAsUser('stat -c %a ~/apps/app/.env; cat ~/apps/app/.env'), "600\nMODEL_PATH='models/a b.joblib'\nTOKEN=$(touch pwned-env)\n");
	assert.equal(server.runAsUser('ls ~/pwned ~/pwned-env ~/apps/app/pwned 2>/dev/null | wc -l'), '0\n', 'nothing in the values was executed');
	assert.ok(docker.calls().some(argv => argv.join(' ') === 'compose -f apps/app/compose.yaml up -d --build --remove-orphans'));
	assert.deepEqual(systemctl.calls(), [['reload-or-restart', 'caddy']]);
	assert.match(readFileSync(`${server.home}/caddy/Caddyfile`, 'utf8'), new RegExp(`reverse_proxy 127\\.0\\.0\\.1:${appPort}`));
	assert.match(readFileSync(path.join(laptopHome, '.ssh/config'), 'utf8'), /# BEGIN ml-deploy-wizard host mldw-test\nHost mldw-test\n/);
	assert.match(readFileSync(path.join(laptopHome, '.ssh/mldw_known_hosts'), 'utf8'), new RegExp(`^\\[127\\.0\\.0\\.1\\]:${server.port} ssh-ed25519 `, 'm'));
	assert.equal(server.runAsUser('test -d ~/.mldw/lock && echo held || echo free'), 'free\n', 'the lock is released at the end');

	const fourth = await startRun(config);
	assertDeployedUpToLiveCheck(fourth);
	assert.equal(crontab(), cron, 'same crontab, one block');
	assert.match(fourth.stdout, /already up to date at/);
	assert.match(fourth.stdout, /Caddyfile unchanged/);
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
	assert.match(run.stdout, /on mldw\w+@127\.0\.0\.1: sudo docker compose -f apps\/app\/compose\.yaml up -d --build --remove-orphans/);
	assert.equal(crontab(), before);
	assert.equal(docker.calls().length, dockerCalls);
});

test('killing sshd mid-run gives a clear error, and the next run completes', async () => {
	writeFileSync(slowFlag, '');
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

test('a stale lock from another machine is released only with consent; a fresh one never', async () => {
	const plant = (at: string) =>
		server.runAsUser(`mkdir -p ~/.mldw/lock && printf '%s' '{"by":"ci@other","machine":"other","pid":1,"at":"${at}"}' > ~/.mldw/lock/owner.json`);
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

test('with a domain: DNS checked against a real dnsmasq, then the HTTPS step stops at the port check, and the next run resumes there', async () => {
	const dns = await startDnsmasq({records: [{name: 'api.test', a: ['127.0.0.1']}]});
	try {
		const withDomain = {...config, domain: 'api.test', cron: [{schedule: '30 2 * * *', path: '/retrain', method: 'POST'}]};
		const env = {MLDW_DNS_SERVERS: dns.server};
		const reloadsBefore = systemctl.calls().length;
		const first = await startRun(withDomain, undefined, ['--yes'], env);
		assert.equal(first.code, 1, first.stdout + first.stderr);
		// DNS matched in the dns step, then again in the HTTPS preflight.
		assert.match(first.stdout, /> Point your domain at the server\n(?:(?!> ).*\n)*? {2}wait until api\.test resolves to 127\.0\.0\.1\n(?:(?!> ).*\n)*? {2}done\n> Switch on HTTPS\n/);
		const https = first.stdout.slice(first.stdout.indexOf('> Switch on HTTPS'));
		assert.match(https, /check that api\.test resolves to 127\.0\.0\.1\n/);
		assert.match(https, /check from here that 127\.0\.0\.1 accepts connections on ports 80, 443\n/);
		assert.match(first.stderr, /^x Check that ports 80 and 443 answer failed: 127\.0\.0\.1 port 80: connection refused\. The server is reachable but nothing listens on port 80: Caddy is not running, or not listening on that port\.\n(?:.*\n)*? {4}TCP connect  FAIL    127\.0\.0\.1 port 443: connection refused\n/m);
		// Nothing after the failed check ran: still the HTTP Caddyfile, no reload, no new cron line, lock still held.
		const caddyfile = readFileSync(`${server.home}/caddy/Caddyfile`, 'utf8');
		assert.match(caddyfile, /^:80 \{$/m);
		assert.doesNotMatch(caddyfile, /api\.test/);
		assert.doesNotMatch(https, /caddy validate|serves a valid, trusted certificate/);
		assert.equal(systemctl.calls().length, reloadsBefore, 'the HTTP Caddyfile was unchanged, and the HTTPS one never installed');
		assert.doesNotMatch(crontab(), /\/retrain/);
		assert.equal(server.runAsUser('test -d ~/.mldw/lock && echo held || echo free'), 'held\n');

		const again = await startRun(withDomain, undefined, ['--yes'], env);
		assert.equal(again.code, 1, again.stdout + again.stderr);
		const resumed = again.stdout.slice(again.stdout.indexOf('> Switch on HTTPS'));
		// It carries on at the port check: the explanation and the DNS check already passed.
		assert.match(resumed, /^> Switch on HTTPS\n {2}check from here that 127\.0\.0\.1 accepts connections on ports 80, 443\n/);
		assert.match(again.stderr, /^x Check that ports 80 and 443 answer failed: 127\.0\.0\.1 port 80: connection refused\. The server is reachable but nothing listens on port 80: Caddy is not running, or not listening on that port\.\n(?:.*\n)*? {4}TCP connect  FAIL    127\.0\.0\.1 port 443: connection refused\n/m);
		assert.match(again.stdout, /Releasing a lock left by .*which is no longer running/);
	} finally {
		await dns.stop();
	}
});

test('values that could run commands are rejected before anything runs', async () => {
	const run = await startRun({...config, repo: {...config.repo, branch: 'main;$(touch pwned)'}, server: {...config.server, user: 'x y'}});
	assert.equal(run.code, 2);
	assert.match(run.stderr, /^repo\.branch: Branch: /m);
	assert.match(run.stderr, /^server\.user: User: /m);
	assert.equal(existsSync(path.join(project, 'pwned')), false);
});
