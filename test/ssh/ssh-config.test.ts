// ~/.ssh/config as OpenSSH reads it: the same file is read by the wizard and by `ssh -G`
// (OpenSSH's own evaluation, Debian's openssh-client), and the values must agree. Includes
// are absolute here because `ssh -G` resolves relative ones against the passwd home.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, test} from 'node:test';
import {configHostName, configPort, firstValue, localUser, readHostConfig} from '../../source/ssh/ssh-config-file.js';
import {parseJump} from '../../source/ssh/ssh-route.js';

const directory = mkdtempSync(path.join(tmpdir(), 'mldw-sshconfig-'));
after(() => rmSync(directory, {recursive: true, force: true}));

const main = path.join(directory, 'config');
mkdirSync(path.join(directory, 'conf.d'));
writeFileSync(path.join(directory, 'conf.d', '10-work'), [
	'Host web web-*',
	'    HostName 10.1.0.%h',
	'    User deployer',
	'    IdentityFile ~/.ssh/id_work',
	'Host db.internal',
	'    ProxyJump ops@bastion.example.com:2222,jump2',
	'    Port 2201',
	'',
].join('\n'));
writeFileSync(path.join(directory, 'conf.d', '20-more'), 'Host web\n    Port 2022\n    User ignored-second\n');
writeFileSync(path.join(directory, 'inside-block'), 'User from-include\nHost zzz\n    Port 1111\nHost *\n    IdentitiesOnly yes\n');
writeFileSync(main, [
	'# the person\'s config',
	`Include ${path.join(directory, 'conf.d', '*')}`,
	'',
	'Host myserver',
	'    HostName 127.0.0.1',
	`    Include ${path.join(directory, 'inside-block')}`,
	'    Port 2200',
	'    HostKeyAlias myserver-key',
	'    IdentityFile "~/.ssh/key with space"',
	'    IdentityFile ~/.ssh/second',
	'',
	'Host * !web',
	'    User everyone',
	'',
	'Match host 10.9.*',
	'    Port 4444',
	'',
	'Host other',
	'    HostName 10.9.0.1',
	'',
].join('\n'));

function opensshView(name: string): Record<string, string[]> {
	const text = execFileSync('ssh', ['-G', '-F', main, name], {stdio: ['ignore', 'pipe', 'ignore']}).toString();
	const values: Record<string, string[]> = {};
	for (const line of text.split('\n')) {
		const [key, ...rest] = line.split(' ');
		if (key) {
			(values[key.toLowerCase()] ??= []).push(rest.join(' '));
		}
	}

	return values;
}

function wizardView(name: string): Record<string, string[]> {
	const config = readHostConfig(name, main);
	const defaults = ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_xmss', 'id_dsa'].map(file => `~/.ssh/${file}`);
	return {
		hostname: [configHostName(config)],
		port: [String(configPort(config) ?? 22)],
		user: [firstValue(config, 'User') ?? localUser()],
		identityfile: config.values.get('identityfile') ?? defaults,
		identitiesonly: [firstValue(config, 'IdentitiesOnly') ?? 'no'],
		...(firstValue(config, 'ProxyJump') ? {proxyjump: [firstValue(config, 'ProxyJump')!]} : {}),
		...(firstValue(config, 'HostKeyAlias') ? {hostkeyalias: [firstValue(config, 'HostKeyAlias')!]} : {}),
	};
}

for (const name of ['myserver', 'web', 'web-2', 'db.internal', 'zzz', 'other', 'unknown.example.com']) {
	test(`${name}: the wizard reads the same values as ssh -G`, () => {
		const openssh = opensshView(name);
		const wizard = wizardView(name);
		for (const [key, values] of Object.entries(wizard)) {
			assert.deepEqual(values, openssh[key], `${key} for ${name}`);
		}

		assert.equal(Boolean(openssh.proxyjump), Boolean(wizard.proxyjump), `proxyjump for ${name}`);
	});
}

test('what the comparison rests on: includes, first value wins, conditional include, negated pattern', () => {
	const server = readHostConfig('myserver', main);
	assert.equal(firstValue(server, 'User'), 'from-include', 'the include inside Host myserver applied');
	assert.equal(configPort(server), 2200, 'Port 1111 in the included file belongs to Host zzz only');
	assert.equal(firstValue(server, 'IdentitiesOnly'), 'yes');
	assert.deepEqual(server.values.get('identityfile'), ['~/.ssh/key with space', '~/.ssh/second']);
	assert.equal(server.named, true);
	assert.equal(server.namedIn, main);
	assert.deepEqual(server.files, [main, path.join(directory, 'conf.d', '10-work'), path.join(directory, 'conf.d', '20-more'), path.join(directory, 'inside-block')]);
	const web = readHostConfig('web', main);
	assert.equal(configHostName(web), '10.1.0.web');
	assert.equal(firstValue(web, 'User'), 'deployer', 'the first value wins across files');
	assert.equal(readHostConfig('zzz', main).values.get('port'), undefined, 'an include inside a block that does not apply is skipped');
	assert.equal(readHostConfig('other', main).named, true);
	assert.equal(readHostConfig('anything', main).named, false, 'Host * applies, but does not name it');
});

test('ProxyJump entries as ssh -J takes them', () => {
	assert.deepEqual(parseJump('ops@bastion.example.com:2222'), {user: 'ops', host: 'bastion.example.com', port: 2222});
	assert.deepEqual(parseJump('jump2'), {user: undefined, host: 'jump2', port: undefined});
	assert.deepEqual(parseJump('ssh://me@[::1]:22'), {user: 'me', host: '::1', port: 22});
});

test('an unreadable config is an error to show, a missing one an empty config', () => {
	const broken = path.join(directory, 'broken');
	writeFileSync(broken, 'Host x\n    IdentityFile "unterminated\n');
	assert.throws(() => readHostConfig('x', broken), /is not a valid ssh config file/);
	assert.equal(readHostConfig('x', path.join(directory, 'missing')).files.length, 0);
});
