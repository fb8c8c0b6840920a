// The built binary without a terminal, the way CI and scripts meet it.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {newProgress} from '../source/state/progress-schema.js';
import {openProgressStore} from '../source/state/progress-store.js';

const binary = path.resolve('dist/cli.js');
const packageVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as {version: string}).version;

function run(arguments_: string[], env: Record<string, string> = {}) {
	const result = spawnSync(process.execPath, [binary, ...arguments_], {
		encoding: 'utf8',
		input: '',
		timeout: 20_000,
		env: {...process.env, CI: 'true', ...env},
	});
	assert.equal(result.error, undefined, 'the command finished on its own (it never waits for input)');
	return result;
}

test('--help lists the commands and options', () => {
	const {status, stdout} = run(['--help']);
	assert.equal(status, 0);
	for (const word of ['generate', 'deploy --config', 'verify', 'teardown --config FILE --confirm NAME', '--dry-run', '--reset', '--provider', '--dir', '--learn', 'NO_COLOR']) {
		assert.ok(stdout.includes(word), `help mentions ${word}`);
	}
});

test('--version prints the package version', () => {
	const {status, stdout} = run(['--version']);
	assert.equal(status, 0);
	assert.equal(stdout.trim(), packageVersion);
});

test('without a terminal the wizard exits 2 and names the headless commands', () => {
	const {status, stderr, stdout} = run([]);
	assert.equal(status, 2);
	assert.match(stderr, /needs a terminal/);
	assert.match(stderr, /generate --provider vps --yes/);
	assert.doesNotMatch(stderr + stdout, /Raw mode|    at /, 'no raw-mode stack trace');
});

test('an unknown option or command exits 2 with a pointer to --help', () => {
	const option = run(['--colour']);
	assert.equal(option.status, 2);
	assert.match(option.stderr, /Unknown option '--colour'/);
	assert.match(option.stderr, /--help/);
	const command = run(['deploi']);
	assert.equal(command.status, 2);
	assert.match(command.stderr, /Unknown command "deploi"/);
});

test('a bad --provider names the choices', () => {
	const {status, stderr} = run(['--provider', 'aws']);
	assert.equal(status, 2);
	assert.match(stderr, /--provider: use one of vps, cloud-run, heroku/);
});

test('--reset asks for --yes without a terminal, and forgets the progress with it', async () => {
	const stateDirectory = mkdtempSync(path.join(tmpdir(), 'mldw-state-'));
	const projectDirectory = mkdtempSync(path.join(tmpdir(), 'mldw-project-'));
	const {store} = await openProgressStore(projectDirectory, stateDirectory);
	store.save({...newProgress(projectDirectory), provider: 'heroku'});
	const refused = run(['--reset', '--dir', projectDirectory], {MLDW_STATE_DIR: stateDirectory});
	assert.equal(refused.status, 2);
	assert.match(refused.stderr, /add --yes to confirm/);
	assert.equal(store.load()?.provider, 'heroku', 'nothing was forgotten');
	const reset = run(['--reset', '--yes', '--dir', projectDirectory], {MLDW_STATE_DIR: stateDirectory});
	assert.equal(reset.status, 0);
	assert.match(reset.stdout, /Saved progress for .* forgotten/);
	const reopened = await openProgressStore(projectDirectory, stateDirectory);
	assert.equal(reopened.store.load(), undefined);
});

test('a --dir that does not exist is an error (exit 2), and nothing is made there', () => {
	const missing = path.join(mkdtempSync(path.join(tmpdir(), 'mldw-dir-')), 'no-such-project');
	for (const command of [[], ['generate', '--provider', 'vps', '--yes']]) {
		const {status, stderr} = run([...command, '--dir', missing]);
		assert.equal(status, 2, `${command.join(' ') || 'the wizard'} exits 2`);
		assert.match(stderr, /--dir: .*no-such-project is not a folder/);
		assert.equal(existsSync(missing), false, 'the folder was not created');
	}
});
