import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {installCommands, installScriptText, isSafeSystem} from '../../source/commands/apt.js';
import {caddyInstallSiteArgv, caddyValidateArgv} from '../../source/commands/caddy.js';
import {composeUpArgv} from '../../source/commands/docker.js';
import {mergeDotEnvArgv} from '../../source/commands/dot-env.js';
import {gitSyncArgv, isSshRepoUrl, publicCloneUrl} from '../../source/commands/git.js';
import {parseLockOwner} from '../../source/commands/lock.js';
import {replaceMarkedBlock} from '../../source/commands/marked-block.js';
import {readProbe} from '../../source/commands/server-probes.js';
import {sshConfigLines} from '../../source/commands/ssh-config.js';

test('a marked block is added once, replaced in place, and removed, leaving the rest alone', () => {
	const mine = '0 1 * * * backup.sh\n';
	const once = replaceMarkedBlock(mine, 'cron', ['a']);
	assert.equal(once, '0 1 * * * backup.sh\n\n# BEGIN ml-deploy-wizard cron\na\n# END ml-deploy-wizard cron\n');
	assert.equal(replaceMarkedBlock(once, 'cron', ['a']), once, 'idempotent');
	const changed = replaceMarkedBlock(`${once}after\n`, 'cron', ['b', 'c']);
	assert.equal(changed, '0 1 * * * backup.sh\n\n# BEGIN ml-deploy-wizard cron\nb\nc\n# END ml-deploy-wizard cron\nafter\n');
	assert.equal(replaceMarkedBlock(changed, 'cron', []), '0 1 * * * backup.sh\n\nafter\n');
	assert.equal(replaceMarkedBlock('', 'cron', ['x']), '# BEGIN ml-deploy-wizard cron\nx\n# END ml-deploy-wizard cron\n');
});

test('git sync passes the values as parameters of a fixed script, and the script is valid sh', () => {
	const argv = gitSyncArgv({directory: 'apps/api', url: "/srv/r';$(x).git", branch: 'main', useDeployKey: true, commit: 'a'.repeat(40)});
	assert.equal(argv[0], 'env');
	assert.match(argv[1]!, /^GIT_SSH_COMMAND=ssh -i "\$HOME\/\.ssh\/mldw_deploy_key" -o IdentitiesOnly=yes -o UserKnownHostsFile="\$HOME\/\.mldw\/github_known_hosts" -o StrictHostKeyChecking=yes$/);
	assert.deepEqual(argv.slice(-6), ['mldw-git-sync', 'apps/api', "/srv/r';$(x).git", 'main', 'a'.repeat(40), '']);
	execFileSync('sh', ['-n', '-c', argv[4]!]);
	execFileSync('sh', ['-n', '-c', mergeDotEnvArgv('apps/api/.env')[2]!]);
	execFileSync('sh', ['-n', '-c', caddyInstallSiteArgv('a', 'b', 'c')[2]!]);
	assert.ok(isSshRepoUrl('git@github.com:me/api.git'));
	assert.ok(!isSshRepoUrl('https://github.com/me/api.git'));
	assert.equal(publicCloneUrl('git@github.com:me/api.git'), 'https://github.com/me/api.git');
});

test('docker, caddy and ssh config argv', () => {
	assert.deepEqual(composeUpArgv('apps/api'), ['docker', 'compose', '-f', 'apps/api/compose.yaml', 'up', '-d', '--build', '--remove-orphans']);
	assert.deepEqual(caddyValidateArgv('.mldw/Caddyfile.new'), ['caddy', 'validate', '--config', '.mldw/Caddyfile.new', '--adapter', 'caddyfile']);
	assert.deepEqual(sshConfigLines({alias: 'api', host: '203.0.113.7', port: 22, user: 'deploy', identityFile: '~/.ssh/id_mldw', knownHostsFile: '/h/k'}).slice(0, 2), ['Host api', '    HostName 203.0.113.7']);
});

test('server probes are read into one message each, with what is missing', () => {
	assert.deepEqual(readProbe('docker', 'docker=yes\ncompose=no\n', 'deploy').missing, ['docker']);
	// Git LFS is reported, not called missing: only a project with files in it needs it.
	assert.deepEqual(readProbe('git', 'git=yes\ncurl=yes\nlfs=no\n', 'deploy'), {ok: true, message: 'git and curl: installed.', missing: [], data: {lfs: false}});
	assert.equal(readProbe('git', 'git=yes\ncurl=no\nlfs=yes\n', 'deploy').message, 'Missing: curl. Git LFS: installed.');
	assert.equal(readProbe('os', 'id=alpine\nlike=\narch=x86_64\n', 'deploy').ok, false);
	assert.equal(readProbe('os', 'id=ubuntu\nlike=debian\ncodename=noble\nname=Ubuntu 24.04\narch=amd64\n', 'deploy').message, 'System: Ubuntu 24.04 on amd64.');
	assert.match(readProbe('privileges', 'uid=1000\nsudo=no\n', 'deploy').message, /deploy is not root and cannot use sudo/);
	assert.match(readProbe('disk', 'freeKb=1048576\n', 'deploy').message, /only 1\.0 GB free/);
	assert.deepEqual(readProbe('git', 'git=yes\ncurl=no\n', 'deploy').missing, ['curl']);
});

test('apt commands: system packages, and Docker from its own repository', () => {
	const system = {id: 'debian', codename: 'bookworm', arch: 'amd64'};
	const {before, after} = installCommands(['caddy', 'docker'], system);
	assert.deepEqual(before[1]!.argv, ['curl', '-fsSL', 'https://download.docker.com/linux/debian/gpg', '-o', '/etc/apt/keyrings/docker.asc']);
	assert.deepEqual(after.at(-1)!.argv.slice(-6), ['caddy', 'docker-ce', 'docker-ce-cli', 'containerd.io', 'docker-buildx-plugin', 'docker-compose-plugin']);
	assert.match(installScriptText(['git'], system), /^sudo apt-get update\nsudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends git$/);
	assert.equal(isSafeSystem({id: 'debian', codename: 'x; rm -rf /', arch: 'amd64'}), false);
});

test('lock owner files that are not ours to read are treated as unknown', () => {
	assert.equal(parseLockOwner('garbage'), undefined);
	assert.deepEqual(parseLockOwner('{"by":"a@b","machine":"b","pid":1,"at":"2026-01-01T00:00:00Z"}'), {by: 'a@b', machine: 'b', pid: 1, at: '2026-01-01T00:00:00Z'});
});

test('the server .env merge: the lines given win, the server\'s other settings stay, mode 600, names printed without values', () => {
	const folder = mkdtempSync(path.join(tmpdir(), 'mldw-env-'));
	const file = path.join(folder, '.env');
	writeFileSync(file, "TYPED_LAST_TIME='kept'\n# a comment\nA=old\n", {mode: 0o644});
	const argv = mergeDotEnvArgv(file);
	const given = "A='new $value'\n# a comment\nB=2\n";
	const names = execFileSync(argv[0]!, argv.slice(1), {input: given}).toString();
	assert.equal(names.trim(), 'A B TYPED_LAST_TIME');
	assert.equal(readFileSync(file, 'utf8'), "A='new $value'\n# a comment\nB=2\nTYPED_LAST_TIME='kept'\n");
	assert.equal(statSync(file).mode & 0o777, 0o600);
	execFileSync(argv[0]!, argv.slice(1), {input: given});
	assert.equal(readFileSync(file, 'utf8'), "A='new $value'\n# a comment\nB=2\nTYPED_LAST_TIME='kept'\n", 'a second run changes nothing');
	assert.deepEqual(readdirSync(folder), ['.env'], 'no temporary file is left with a secret in it');
});
