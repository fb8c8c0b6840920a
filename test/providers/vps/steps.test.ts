// The VPS steps as data: what each plans from answers and earlier facts, with no server.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import type {Action} from '../../../source/core/action.js';
import {activeInputs, type Answers, type PlanContext, type StepFacts} from '../../../source/core/step.js';
import {caddyStep} from '../../../source/providers/vps/caddy-step.js';
import {cronStep} from '../../../source/providers/vps/cron-step.js';
import {deployKeyStep} from '../../../source/providers/vps/deploy-key-step.js';
import {deployStep} from '../../../source/providers/vps/deploy-step.js';
import {hostTrustStep} from '../../../source/providers/vps/host-trust-step.js';
import {httpsStep} from '../../../source/providers/vps/https-step.js';
import {serverSetupStep} from '../../../source/providers/vps/server-setup-step.js';
import {vpsProvider} from '../../../source/providers/vps/vps-provider.js';
import {certificateWaitActions, httpsPreflightActions} from '../../../source/providers/vps/https-checks.js';

function validateCaddyfile(content: string): string {
	const directory = mkdtempSync(path.join(tmpdir(), 'mldw-caddy-'));
	const file = path.join(directory, 'Caddyfile');
	writeFileSync(file, content);
	try {
		return execFileSync('caddy', ['validate', '--config', file, '--adapter', 'caddyfile'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, HOME: directory, XDG_DATA_HOME: directory, XDG_CONFIG_HOME: directory}});
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
}

const base: Answers = {
	appPort: 8000,
	healthPath: '/health',
	serverHost: '203.0.113.7',
	serverPort: 22,
	serverUser: 'deploy',
	identityFile: '~/.ssh/id_mldw',
	repoUrl: 'git@github.com:me/api.git',
	repoBranch: 'main',
	repoPrivate: true,
	deployKeyFile: '~/.ssh/id_mldw_deploy',
};

// An empty project by default: the deploy step looks at the project (for files kept in Git LFS).
const emptyProject = mkdtempSync(path.join(tmpdir(), 'mldw-steps-empty-'));

function context(answers: Answers = {}, facts: Record<string, StepFacts> = {}, projectDirectory = emptyProject): PlanContext {
	return {answers: {...base, ...answers}, facts, projectDirectory, dryRun: false};
}

const kinds = (actions: Action[]) => actions.map(action => action.kind);

test('the VPS provider has every step of the issue, in order, with no placeholder left', () => {
	assert.deepEqual(vpsProvider.steps.map(step => step.id), ['app', 'files', 'settings', 'ssh-key', 'deploy-key', 'publish', 'connect', 'host-trust', 'server-check', 'server-setup', 'deploy', 'caddy', 'dns', 'https', 'cron', 'verify']);
	const unavailable = vpsProvider.steps.filter(step => !step.available).map(step => step.id);
	assert.deepEqual(unavailable, []);
});

test('a public repository gets no deploy key and is cloned over https', async () => {
	const answers = {repoPrivate: false};
	assert.deepEqual(kinds(await deployKeyStep.plan(context(answers))), ['instruct']);
	assert.ok(!activeInputs(deployKeyStep, context(answers)).some(field => field.name === 'deployKeyFile'));
	const deploy = await deployStep.plan(context({...answers, appDirectory: 'apps/api'}));
	const sync = deploy.find(action => action.label === 'Clone or update the repository');
	assert.ok(sync?.kind === 'run-remote' && sync.argv.includes('https://github.com/me/api.git') && sync.argv[0] === 'sh');
});

test('a private repository: deploy key uploaded 0600, GitHub pinned, the checked commit cloned, settings on standard input', async () => {
	const project = mkdtempSync(path.join(tmpdir(), 'mldw-steps-'));
	writeFileSync(path.join(project, '.env'), 'A=1\n');
	const code = {commit: 'c0ffee'.padEnd(40, '0'), subject: 'Add the deployment files', branch: 'main', subdirectory: 'api/'};
	const actions = await deployStep.plan(context({appDirectory: 'apps/api', appSettings: '{"LOG_LEVEL":"info"}', 'secret:API_TOKEN': 's3cret'}, {publish: {code}}, project));
	assert.deepEqual(kinds(actions), ['run-remote', 'upload', 'write-remote-file', 'run-remote', 'run-remote', 'run-remote', 'check-app', 'instruct', 'instruct']);
	assert.deepEqual(actions[1], {kind: 'upload', label: 'Put the deploy key on the server', from: '~/.ssh/id_mldw_deploy', to: '.ssh/mldw_deploy_key', mode: 0o600, server: {host: '203.0.113.7', port: 22, user: 'deploy', identityFile: '~/.ssh/id_mldw'}});
	const [clone, settings, up] = actions.slice(3, 6);
	assert.ok(clone?.kind === 'run-remote' && clone.argv.at(-2) === code.commit && clone.argv.at(-1) === '', 'the server must end up at the commit checked here (no Git LFS files to fetch)');
	assert.ok(settings?.kind === 'run-remote' && settings.argv.at(-1) === 'apps/api/api/.env', 'the project sits in a subfolder of the repository');
	assert.equal(settings.input, 'A=1\nLOG_LEVEL=\'info\'\nAPI_TOKEN=\'s3cret\'\n', 'the project\'s .env as written, then the other values, quoted literally');
	assert.ok(!JSON.stringify(settings.argv).includes('s3cret'), 'secrets never in a command line');
	assert.ok(up?.kind === 'run-remote' && up.sudo === true && up.argv.includes('apps/api/api/compose.yaml'), 'docker through sudo for a non-root user');
	assert.ok(actions[8]?.kind === 'instruct' && actions[8].text.startsWith('c0ffee000000 "Add the deployment files"'));
	assert.ok(JSON.stringify(actions).includes('github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl'));
});

test('host trust: the fingerprint approved is the pinned one, or the scanned one only with a yes', async () => {
	const facts = {connect: {hostKey: {fingerprint: 'SHA256:scanned', keyType: 'ssh-ed25519', status: 'new'}}};
	const approved = (actions: Action[]) => (actions[0]?.kind === 'trust-host' ? actions[0].approvedFingerprint : 'n/a');
	assert.equal(approved(await hostTrustStep.plan(context({}, facts))), undefined);
	assert.equal(approved(await hostTrustStep.plan(context({trustHostKey: true}, facts))), 'SHA256:scanned');
	assert.equal(approved(await hostTrustStep.plan(context({trustHostKey: true, hostKeyFingerprint: 'SHA256:pinned'}, facts))), 'SHA256:pinned');
	assert.ok(activeInputs(hostTrustStep, context({}, facts)).some(field => field.name === 'trustHostKey'));
	assert.ok(!activeInputs(hostTrustStep, context({}, {connect: {hostKey: {status: 'known'}}})).some(field => field.name === 'trustHostKey'));
	const withAlias = await hostTrustStep.plan(context({sshAlias: 'api'}, facts));
	assert.deepEqual(kinds(withAlias), ['trust-host', 'check-login', 'edit-marked-block']);
});

test('server setup: nothing missing, no sudo, no consent, consent', async () => {
	const facts = (admin: boolean, missing: string[]) => ({
		'server-check': {os: {id: 'ubuntu', codename: 'noble', arch: 'arm64'}, privileges: {admin}, docker: {missing}, caddy: {missing: []}},
	});
	const nothing = await serverSetupStep.plan(context({}, facts(true, [])));
	assert.ok(nothing[0]?.kind === 'instruct' && /The server check found everything/.test(nothing[0].text), 'said only after the check');
	// A dry run (or a skipped check) has no answers from the server: nothing is claimed about it.
	const unchecked = await serverSetupStep.plan(context({}, {}));
	assert.ok(unchecked[0]?.kind === 'instruct' && /has not been checked in this run/.test(unchecked[0].text) && unchecked.length === 1);
	const noSudo = await serverSetupStep.plan(context({}, facts(false, ['docker'])));
	assert.ok(noSudo[0]?.kind === 'stop' && /cannot use sudo/.test(noSudo[0].message) && /download\.docker\.com\/linux\/ubuntu/.test(noSudo[0].hint ?? ''));
	const noConsent = await serverSetupStep.plan(context({installPackages: false}, facts(true, ['docker'])));
	assert.ok(noConsent[0]?.kind === 'stop' && /Nothing was installed without your consent/.test(noConsent[0].message));
	const consent = await serverSetupStep.plan(context({installPackages: true}, facts(true, ['docker'])));
	assert.deepEqual(kinds(consent), ['run-remote', 'run-remote', 'run-remote', 'write-remote-file', 'run-remote', 'run-remote', 'run-remote']);
	assert.ok(consent[3]?.kind === 'write-remote-file' && consent[3].content === 'deb [arch=arm64 signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/ubuntu noble stable\n');
	assert.ok(consent.every(action => action.kind !== 'run-remote' || action.sudo === true));
});

test('HTTPS: the firewall check before the switch, the certificate wait after; with a domain the site is installed once, by the HTTPS step', async () => {
	assert.deepEqual(kinds(await httpsStep.plan(context())), ['instruct']);
	const https = await httpsStep.plan(context({domain: 'api.example.com', serverIp: '203.0.113.7'}));
	assert.deepEqual(kinds(https), ['instruct', 'check-dns', 'check-ports', 'write-remote-file', 'run-remote', 'instruct', 'check-certificate']);
	assert.deepEqual(https.slice(0, 3), httpsPreflightActions('api.example.com', '203.0.113.7'));
	assert.deepEqual(https.slice(-2), certificateWaitActions('api.example.com'));
	assert.ok(https[2]?.kind === 'check-ports' && https[2].required && https[2].refusedCountsAsReachable === true, 'a fresh server has nothing on 443 before the switch');
	const upload = https[3];
	const name = path.basename(emptyProject).toLowerCase();
	assert.ok(upload?.kind === 'write-remote-file' && upload.path === `.mldw/${name}.caddy.new`, 'one site file per app, by its name');
	assert.match(upload.content, /^http:\/\/api\.example\.com \{\n\tredir https:\/\/api\.example\.com\{uri\} 301\n\}/m);
	assert.doesNotMatch(upload.content, /tls|acme_ca/, 'production CA unless another was chosen');
	const install = https[4];
	assert.ok(install?.kind === 'run-remote' && install.sudo === true);
	assert.deepEqual(install.argv.slice(-3), [`.mldw/${name}.caddy.new`, '/etc/caddy/Caddyfile', name]);

	const withDomain = await caddyStep.plan(context({domain: 'api.example.com'}));
	assert.deepEqual(kinds(withDomain), ['check-ports', 'instruct'], 'no plain-HTTP site first: one install per run');
	const http = await caddyStep.plan(context());
	assert.ok(http[1]?.kind === 'write-remote-file' && /^:80 \{\n\treverse_proxy 127\.0\.0\.1:8000\n\}/m.test(http[1].content));
});

test('HTTPS: the CA and the e-mail go into the site\'s own tls directive, and Caddy accepts both sites', async () => {
	const https = await httpsStep.plan(context({domain: 'api.example.com', serverIp: '203.0.113.7', acmeCa: 'https://acme-staging-v02.api.letsencrypt.org/directory', acmeEmail: 'me@example.com'}));
	const upload = https.find(action => action.kind === 'write-remote-file');
	assert.ok(upload?.kind === 'write-remote-file');
	assert.match(upload.content, /^https:\/\/api\.example\.com \{\n\ttls me@example\.com \{\n\t\tca https:\/\/acme-staging-v02\.api\.letsencrypt\.org\/directory\n\t\}\n\treverse_proxy 127\.0\.0\.1:8000\n\}/m);
	const http = (await caddyStep.plan(context()))[1];
	assert.ok(http?.kind === 'write-remote-file');
	for (const content of [upload.content, http.content]) {
		// The real caddy, as the server runs it before every reload.
		assert.match(validateCaddyfile(content), /Valid configuration/);
	}
});

test('HTTPS: the IP comes from the SSH host when it is an address; a host name without one stops with what to do', async () => {
	const byHost = await httpsStep.plan(context({domain: 'api.example.com'}));
	assert.ok(byHost[1]?.kind === 'check-dns' && byHost[1].expectedAddress === '203.0.113.7');
	const named = await httpsStep.plan(context({domain: 'api.example.com', serverHost: 'vps.example.com'}));
	assert.equal(named.length, 1);
	assert.ok(named[0]?.kind === 'stop' && /vps\.example\.com is a name.*"serverIp"/.test(named[0].message) && /server\.ip/.test(named[0].hint ?? ''));
	const withIp = await httpsStep.plan(context({domain: 'api.example.com', serverHost: 'vps.example.com', serverIp: '198.51.100.4'}));
	assert.ok(withIp[1]?.kind === 'check-dns' && withIp[1].expectedAddress === '198.51.100.4');
	assert.ok(withIp[2]?.kind === 'check-ports' && withIp[2].address === '198.51.100.4');
});

test('a bad answer for a Caddyfile becomes a stop naming the field, and nothing is uploaded', async () => {
	for (const [step, domain] of [[caddyStep, ''], [httpsStep, 'api.example.com']] as const) {
		const actions = await step.plan(context({domain, serverIp: '203.0.113.7', appPort: 'eighty'}));
		assert.equal(actions.length, 1, step.id);
		assert.ok(actions[0]?.kind === 'stop', step.id);
		assert.match(actions[0].label, /the answer "appPort" is not usable/);
		assert.match(actions[0].message, /^Port: type a whole number/);
		assert.match(actions[0].hint ?? '', /Correct "appPort"/);
	}
});

test('cron: one block with the schedule in words; no jobs removes the block', async () => {
	const install = await cronStep.plan(context({cron: '15 * * * * /update-forecast'}));
	assert.ok(install[0]?.kind === 'crontab-block');
	assert.deepEqual(install[0].summary, ['GET /update-forecast at minute 15 of every hour']);
	assert.equal(install[0].lines.length, 1);
	const remove = await cronStep.plan(context({cron: ''}));
	assert.ok(remove[0]?.kind === 'crontab-block' && remove[0].lines.length === 0);
	assert.deepEqual(kinds(remove), ['crontab-block', 'server-lock']);
});

test('deploy leaves the logs command the verify step names on failure: through the alias, or the full ssh line', async () => {
	const viaAlias = (await deployStep.plan(context({appDirectory: 'apps/my api', sshAlias: 'api-server'}))).at(-1);
	assert.ok(viaAlias?.kind === 'instruct' && viaAlias.factName === 'logsCommand');
	assert.equal(viaAlias.text, String.raw`ssh api-server 'sudo docker compose -f '\''apps/my api/compose.yaml'\'' logs --tail 40'`);
	// A real sh splits it into exactly the arguments ssh should get (ssh itself stood in by a function).
	const argv = execFileSync('sh', ['-c', `ssh() { printf '%s\\n' "$@"; }; ${viaAlias.text}`], {encoding: 'utf8'});
	assert.equal(argv, "api-server\nsudo docker compose -f 'apps/my api/compose.yaml' logs --tail 40\n");

	const plain = (await deployStep.plan(context({appDirectory: 'apps/api', serverUser: 'root', serverPort: 2222}))).at(-1);
	assert.ok(plain?.kind === 'instruct');
	assert.match(plain.text, /^ssh -i ~\/\.ssh\/id_mldw -o UserKnownHostsFile=\S+mldw_known_hosts -p 2222 root@203\.0\.113\.7 'docker compose -f apps\/api\/compose\.yaml logs --tail 40'$/);
	// The run keeps the text as the fact, and the verify step passes it on.
	const {createLocalHandlers} = await import('../../../source/run/local-handlers.js');
	const outcome = await createLocalHandlers().instruct!(plain, {projectDirectory: tmpdir(), onOutput() {}});
	assert.ok(outcome.ok && outcome.data === plain.text);
	const {verifyStep} = await import('../../../source/providers/verify-step.js');
	const [verify] = await verifyStep.plan(context({domain: 'api.example.com', samplePayload: ''}, {deploy: {logsCommand: plain.text}}));
	assert.ok(verify?.kind === 'verify-endpoint' && verify.logsCommand === plain.text);
});

test('without a domain the caddy step leaves the plain-HTTP address for the live check', async () => {
	const actions = await caddyStep.plan(context());
	assert.deepEqual(actions.at(-1), {kind: 'instruct', label: 'Your API\'s address (plain HTTP: give a domain for HTTPS)', text: 'http://203.0.113.7/', factName: 'publicUrl'});
	const {endpointUrl} = await import('../../../source/providers/verify-step.js');
	assert.equal(endpointUrl({answers: {}, facts: {caddy: {publicUrl: 'http://203.0.113.7/'}}}), 'http://203.0.113.7/');
	const withDomain = await caddyStep.plan(context({domain: 'api.example.com'}));
	assert.ok(!withDomain.some(action => action.factName === 'publicUrl'), 'with a domain, the domain is the address');
});

test('the stale-lock question is asked only after a run found a stale lock', async () => {
	const {serverCheckStep} = await import('../../../source/providers/vps/server-check-step.js');
	assert.ok(!activeInputs(serverCheckStep, context()).some(field => field.name === 'releaseStaleLock'));
	assert.ok(activeInputs(serverCheckStep, context({}, {'server-check': {lock: {verdict: 'stale'}}})).some(field => field.name === 'releaseStaleLock'));
	const actions = await serverCheckStep.plan(context({releaseStaleLock: true}));
	assert.deepEqual(actions.slice(0, 2).map(action => (action.kind === 'server-lock' ? `${action.operation}:${String(action.releaseStale ?? '')}` : action.kind)), ['inspect:', 'acquire:true']);
	assert.equal(actions.filter(action => action.kind === 'probe-server').length, 8);
});

test('a project with a model in Git LFS: git-lfs is installed when the server lacks it, and the clone fetches the model', async () => {
	const project = mkdtempSync(path.join(tmpdir(), 'mldw-lfs-project-'));
	mkdirSync(path.join(project, 'models'));
	writeFileSync(path.join(project, '.gitattributes'), '*.joblib filter=lfs diff=lfs merge=lfs -text\n');
	writeFileSync(path.join(project, 'models', 'model.joblib'), 'weights');
	const checked = (lfs: boolean) => ({'server-check': {os: {id: 'debian', codename: 'bookworm', arch: 'amd64'}, privileges: {admin: true}, git: {missing: [], lfs}}});
	const install = await serverSetupStep.plan(context({installPackages: true}, checked(false), project));
	assert.ok(install.some(action => action.kind === 'run-remote' && action.argv.includes('git-lfs')), JSON.stringify(install));
	assert.deepEqual(kinds(await serverSetupStep.plan(context({}, checked(true), project))), ['instruct'], 'already there');
	const withoutLfs = mkdtempSync(path.join(tmpdir(), 'mldw-no-lfs-project-'));
	assert.deepEqual(kinds(await serverSetupStep.plan(context({}, checked(false), withoutLfs))), ['instruct'], 'a project without LFS files does not need it');
	const deploy = await deployStep.plan(context({repoUrl: 'https://github.com/me/api.git', repoBranch: 'main'}, {}, project));
	const sync = deploy.find(action => action.kind === 'run-remote' && action.argv.includes('mldw-git-sync'));
	assert.equal(sync?.kind === 'run-remote' && sync.argv.at(-1), 'yes', 'the sync is told to fetch the LFS files');
});
