import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {writeFileAtomic} from '../../source/run/atomic-write.js';
import {newProgress} from '../../source/state/progress-schema.js';
import {openProgressStore, progressFileName} from '../../source/state/progress-store.js';
import {recordAnswer} from '../../source/state/progress-updates.js';

function temporaryDirectory(prefix: string) {
	return mkdtempSync(path.join(tmpdir(), prefix));
}

test('progress saved for one project comes back, and another project sees none of it', async () => {
	const stateDirectory = temporaryDirectory('mldw-state-');
	const first = await openProgressStore('/projects/first', stateDirectory);
	first.store.save(recordAnswer(newProgress('/projects/first'), 'appPort', 8000));
	await first.store.flush();
	const again = await openProgressStore('/projects/first', stateDirectory);
	assert.equal(again.store.load()?.answers.appPort, 8000);
	const other = await openProgressStore('/projects/second', stateDirectory);
	assert.equal(other.store.load(), undefined);
	assert.notEqual(progressFileName('/projects/first'), progressFileName('/projects/second'));
	assert.equal(first.store.filePath, path.join(stateDirectory, `${progressFileName('/projects/first')}.json`));
});

test('a corrupt progress file is moved aside with a message, and the wizard starts fresh', async () => {
	const stateDirectory = temporaryDirectory('mldw-state-');
	const filePath = path.join(stateDirectory, `${progressFileName('/projects/x')}.json`);
	writeFileSync(filePath, '{"progress": {half a file');
	const {store, notice} = await openProgressStore('/projects/x', stateDirectory);
	assert.match(notice ?? '', /could not be used because it is not valid JSON\. It was moved to .*unreadable-/);
	assert.equal(store.load(), undefined);
	const aside = readdirSync(stateDirectory).find(name => name.includes('.unreadable-'));
	assert.ok(aside, 'the unreadable file is kept for the person to inspect');
	assert.equal(readFileSync(path.join(stateDirectory, aside), 'utf8'), '{"progress": {half a file');
});

test('a progress file from another format version is moved aside, never half-read', async () => {
	const stateDirectory = temporaryDirectory('mldw-state-');
	const filePath = path.join(stateDirectory, `${progressFileName('/projects/y')}.json`);
	writeFileSync(filePath, JSON.stringify({progress: {...newProgress('/projects/y'), schemaVersion: 99}}));
	const {notice} = await openProgressStore('/projects/y', stateDirectory);
	assert.match(notice ?? '', /does not match this version's format \(schemaVersion\)/);
	assert.equal(existsSync(filePath), false);
});

test('a private key never reaches the progress file', async () => {
	const stateDirectory = temporaryDirectory('mldw-state-');
	const {store} = await openProgressStore('/projects/z', stateDirectory);
	store.save(newProgress('/projects/z'));
	await store.flush();
	const leaking = recordAnswer(newProgress('/projects/z'), 'oops', '-----BEGIN OPENSSH PRIVATE KEY-----\nabc');
	assert.throws(() => {
		store.save(leaking);
	}, /Refusing to save progress that contains a private key/);
	assert.doesNotMatch(readFileSync(store.filePath, 'utf8'), /PRIVATE KEY/);
});

test('clear forgets the progress', async () => {
	const stateDirectory = temporaryDirectory('mldw-state-');
	const {store} = await openProgressStore('/projects/w', stateDirectory);
	store.save(newProgress('/projects/w'));
	store.clear();
	assert.equal(store.load(), undefined);
	await store.flush();
	const reopened = await openProgressStore('/projects/w', stateDirectory);
	assert.equal(reopened.store.load(), undefined);
});

test('writes reach the disk in order, and load sees the latest save at once', async () => {
	const stateDirectory = temporaryDirectory('mldw-state-');
	const {store} = await openProgressStore('/projects/v', stateDirectory);
	for (let port = 1; port <= 20; port++) {
		store.save(recordAnswer(newProgress('/projects/v'), 'appPort', port));
	}

	assert.equal(store.load()?.answers.appPort, 20);
	await store.flush();
	const onDisk = JSON.parse(readFileSync(store.filePath, 'utf8')) as {progress: {answers: {appPort: number}}};
	assert.equal(onDisk.progress.answers.appPort, 20);
});

test('only the person may read the progress: its folder is made 700, its file 600', async () => {
	const stateDirectory = path.join(temporaryDirectory('mldw-state-'), 'ml-deploy-wizard');
	const opened = await openProgressStore('/projects/private', stateDirectory);
	opened.store.save(recordAnswer(newProgress('/projects/private'), 'serverHost', '203.0.113.7'));
	await opened.store.flush();
	assert.equal(statSync(stateDirectory).mode & 0o777, 0o700);
	assert.equal(statSync(opened.store.filePath).mode & 0o777, 0o600);
});

test('a ~/.ssh the wizard makes is 700 from the start', async () => {
	const home = temporaryDirectory('mldw-home-');
	await writeFileAtomic(path.join(home, '.ssh', 'mldw_known_hosts'), 'line\n');
	assert.equal(statSync(path.join(home, '.ssh')).mode & 0o777, 0o700);
	await writeFileAtomic(path.join(home, 'other', 'file'), 'x\n');
	assert.equal(statSync(path.join(home, 'other')).mode & 0o777, 0o755, 'other folders as usual');
});
