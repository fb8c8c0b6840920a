// The server's Caddy install script, run for real here: real `caddy validate` on the whole
// configuration, a folder standing for /etc/caddy, and a STAND-IN systemctl (no systemd
// here) that records its calls and can be told to fail, as a reload of a stopped Caddy can.
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, test} from 'node:test';
import {caddyInstallSiteArgv} from '../../source/commands/caddy.js';

const work = mkdtempSync(path.join(tmpdir(), 'mldw-caddy-install-'));
after(() => rmSync(work, {recursive: true, force: true}));
const packagedDefault = '# The Caddyfile is an easy way to configure your Caddy web server.\n\n:80 {\n\troot * /usr/share/caddy\n\tfile_server\n}\n';

function server(name: string, caddyfile: string | undefined) {
	const home = path.join(work, name);
	const etc = path.join(home, 'etc-caddy');
	const bin = path.join(home, 'bin');
	mkdirSync(etc, {recursive: true});
	mkdirSync(bin);
	mkdirSync(path.join(home, '.mldw'));
	if (caddyfile !== undefined) {
		writeFileSync(path.join(etc, 'Caddyfile'), caddyfile);
	}

	// STAND-IN systemctl: appends its argv, and fails while the file "reload-fails" exists.
	writeFileSync(path.join(bin, 'systemctl'), `#!/bin/sh\necho "$*" >> ${home}/systemctl.calls\nif [ -e ${home}/reload-fails ]; then echo "Job for caddy.service failed." >&2; exit 1; fi\n`, {mode: 0o755});
	const target = path.join(etc, 'Caddyfile');
	return {
		target,
		etc,
		install(app: string, site: string) {
			writeFileSync(path.join(home, '.mldw', `${app}.caddy.new`), site);
			const argv = caddyInstallSiteArgv(`.mldw/${app}.caddy.new`, target, app);
			return spawnSync(argv[0]!, argv.slice(1), {cwd: home, encoding: 'utf8', env: {...process.env, PATH: `${bin}:${process.env.PATH}`}});
		},
		reloads: () => (existsSync(path.join(home, 'systemctl.calls')) ? readFileSync(path.join(home, 'systemctl.calls'), 'utf8').trim().split('\n').length : 0),
		failReloads: (fail: boolean) => (fail ? writeFileSync(path.join(home, 'reload-fails'), '') : rmSync(path.join(home, 'reload-fails'), {force: true})),
	};
}

const httpSite = (port: number) => `:80 {\n\treverse_proxy 127.0.0.1:${port}\n}\n`;
const httpsSite = (domain: string, port: number) => `http://${domain} {\n\tredir https://${domain}{uri} 301\n}\n\nhttps://${domain} {\n\ttls ops@example.com {\n\t\tca https://acme-staging-v02.api.letsencrypt.org/directory\n\t}\n\treverse_proxy 127.0.0.1:${port}\n}\n`;

test('a fresh server: the packaged welcome page gives way to the app on :80, kept in the original copy', () => {
	const fresh = server('fresh', packagedDefault);
	const installed = fresh.install('forecast', httpSite(8000));
	assert.equal(installed.status, 0, installed.stderr);
	assert.equal(readFileSync(path.join(fresh.etc, 'sites', 'forecast.caddy'), 'utf8'), httpSite(8000));
	assert.match(readFileSync(fresh.target, 'utf8'), new RegExp(`^# The packaged welcome site on :80 gave way[^\\n]*\\n# BEGIN ml-deploy-wizard sites\\n.*\\nimport ${fresh.etc}/sites/\\*\\.caddy\\n# END ml-deploy-wizard sites\\n$`));
	assert.equal(readFileSync(`${fresh.target}.mldw-original`, 'utf8'), packagedDefault);
	assert.equal(fresh.reloads(), 1);
	execFileSync('caddy', ['validate', '--config', fresh.target, '--adapter', 'caddyfile'], {stdio: 'ignore'});
});

test('the person\'s own sites stay; a second app gets its own file and port; the original is kept once, never overwritten', () => {
	const own = 'blog.example.com {\n\trespond "my blog"\n}\n';
	const shared = server('shared', own);
	assert.equal(shared.install('forecast', httpsSite('api.example.com', 8000)).status, 0);
	assert.equal(shared.install('churn', httpsSite('churn.example.com', 8001)).status, 0);
	const main = readFileSync(shared.target, 'utf8');
	assert.ok(main.startsWith(own), 'the person\'s lines are first, unchanged');
	assert.equal(main.match(/# BEGIN ml-deploy-wizard sites/g)?.length, 1, 'the import is added once');
	assert.deepEqual(['churn.caddy', 'forecast.caddy'], execFileSync('ls', [path.join(shared.etc, 'sites')]).toString().trim().split('\n'));
	const changed = shared.install('forecast', httpsSite('api.example.com', 8002));
	assert.equal(changed.status, 0, changed.stderr);
	assert.equal(readFileSync(`${shared.target}.mldw-original`, 'utf8'), own, 'the original as it was before the first install');
	assert.equal(shared.reloads(), 3);

	const again = shared.install('forecast', httpsSite('api.example.com', 8002));
	assert.match(again.stdout, /nothing changed/);
	assert.equal(shared.reloads(), 3, 'no reload when nothing changed');
});

test('a site Caddy refuses is taken back: the running configuration\'s files stay as they were', () => {
	const refusing = server('refusing', 'other.example.com {\n\trespond "mine"\n}\n:80 {\n\trespond "my own catch-all"\n}\n');
	const before = readFileSync(refusing.target, 'utf8');
	const refused = refusing.install('forecast', httpSite(8000));
	assert.equal(refused.status, 1);
	assert.match(refused.stderr, /ambiguous site definition/);
	assert.equal(readFileSync(refusing.target, 'utf8'), before, 'the person\'s Caddyfile is untouched');
	assert.equal(existsSync(path.join(refusing.etc, 'sites', 'forecast.caddy')), false);
	assert.equal(refusing.reloads(), 0);
});

test('a failed reload is retried by the next run, even though no file changed since', () => {
	const flaky = server('flaky', packagedDefault);
	flaky.failReloads(true);
	const failed = flaky.install('forecast', httpSite(8000));
	assert.equal(failed.status, 1);
	assert.match(failed.stderr, /Job for caddy\.service failed/);
	flaky.failReloads(false);
	const retried = flaky.install('forecast', httpSite(8000));
	assert.equal(retried.status, 0, retried.stderr);
	assert.doesNotMatch(retried.stdout, /nothing changed/);
	assert.equal(flaky.reloads(), 2);
	assert.match(flaky.install('forecast', httpSite(8000)).stdout, /nothing changed/);
});
