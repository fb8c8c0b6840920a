// The server questions and the headless config take a Host from ~/.ssh/config: the name is
// accepted, the port and user default from it, and the wizard adds no alias of its own.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {activeInputs, type PlanContext} from '../../source/core/step.js';
import {parseDeployConfig, vpsAnswers} from '../../source/headless/deploy-config.js';
import {connectStep} from '../../source/providers/vps/connect-step.js';
import {hostTrustStep} from '../../source/providers/vps/host-trust-step.js';
import {serverHostSchema} from '../../source/ssh/server-host.js';
import {type Laptop, makeLaptop} from './laptop.js';

let laptop: Laptop;

before(() => {
	laptop = makeLaptop();
	process.env.HOME = laptop.home;
	laptop.writeSshFile('config', 'Include servers.conf\n');
	laptop.writeSshFile('servers.conf', 'Host myserver\n    HostName 10.0.0.5\n    Port 2222\n    User deploy\n');
});

after(() => laptop?.remove());

function context(answers: PlanContext['answers']): PlanContext {
	return {answers, facts: {}, projectDirectory: '/', dryRun: false};
}

test('the server address may be an IP, a name, or a Host of the ssh config, and nothing else', () => {
	for (const host of ['203.0.113.7', 'vps.example.com', 'myserver']) {
		assert.ok(serverHostSchema.safeParse(host).success, host);
	}

	for (const host of ['nosuchalias', 'my server', 'a;b', '']) {
		const parsed = serverHostSchema.safeParse(host);
		assert.equal(parsed.success, false, host);
		assert.match(parsed.error?.issues[0]?.message ?? '', /or the name of a Host in your ~\/\.ssh\/config/);
	}
});

test('the port and user questions start from the config, and say so', () => {
	const [, port, user] = connectStep.inputs;
	const withAlias = context({serverHost: 'myserver'});
	assert.equal(port!.defaultValue?.(withAlias), '2222');
	assert.equal(user!.defaultValue?.(withAlias), 'deploy');
	assert.equal(typeof port!.help === 'function' ? port!.help(withAlias) : '', '2222, from Host myserver in your ~/.ssh/config.');
	const plain = context({serverHost: '203.0.113.7'});
	assert.equal(port!.defaultValue?.(plain), '22');
	assert.equal(user!.defaultValue?.(plain), 'root');
});

test('headless: server.host alone names the Host; port and user are left to the config', () => {
	const parsed = parseDeployConfig(JSON.stringify({provider: 'vps', server: {host: 'myserver'}, repo: {url: 'git@github.com:me/api.git'}}));
	assert.ok('config' in parsed, JSON.stringify(parsed));
	const answers = vpsAnswers(parsed.config, false);
	assert.equal(answers.serverHost, 'myserver');
	assert.equal('serverPort' in answers, false);
	assert.equal('serverUser' in answers, false);
	const unknown = parseDeployConfig(JSON.stringify({provider: 'vps', server: {host: 'nosuchalias'}, repo: {url: 'git@github.com:me/api.git'}}));
	assert.ok('problems' in unknown);
	assert.equal(unknown.problems[0]?.field, 'server.host');
});

test('a Host the person already has gets no second alias from the wizard', async () => {
	const facts = {connect: {hostKey: {fingerprint: 'SHA256:x', keyType: 'ssh-ed25519', status: 'known-by-ssh'}}};
	const answers = {serverHost: 'myserver', serverPort: 2222, serverUser: 'deploy', identityFile: '~/.ssh/id_mldw', sshAlias: 'another'};
	const planned = await hostTrustStep.plan({...context(answers), facts});
	assert.deepEqual(planned.map(action => action.kind), ['trust-host', 'check-login']);
	assert.deepEqual(activeInputs(hostTrustStep, {...context(answers), facts}).map(field => field.name), [], 'neither the trust question (known_hosts has it) nor the alias');
	const plain = {...answers, serverHost: '203.0.113.7'};
	assert.deepEqual((await hostTrustStep.plan({...context(plain), facts})).map(action => action.kind), ['trust-host', 'check-login', 'edit-marked-block']);
});
