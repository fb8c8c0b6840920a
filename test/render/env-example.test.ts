import assert from 'node:assert/strict';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {before, test} from 'node:test';
import {detectProject} from '../../source/detect/detect-project.js';
import {addedHeading, envExampleNames, keptHeading, mergeEnvExample} from '../../source/render/env-example.js';
import {settingsFromAnswers} from '../../source/render/file-settings.js';
import {ownershipOf, withHeader} from '../../source/render/generated-header.js';
import {fileActions, prepareFiles} from '../../source/render/prepare-files.js';
import {renderFiles} from '../../source/render/render-files.js';
import {loadTemplates, type Templates} from '../../source/render/templates-directory.js';
import {copyFixture} from '../support/generated-project.js';

const header = {purpose: 'the settings your app needs, without their secret values.', regenerate: 'npx ml-deploy-wizard generate --provider vps --yes'};
const rendered = withHeader('# Copy this file to .env.\nWEB_CONCURRENCY=2\n\n# No default:\nAPI_TOKEN=\n\n# A default:\n# MODEL_PATH=\n', header);
const merge = (existing: string | undefined) => mergeEnvExample(existing, ['API_TOKEN'], ['MODEL_PATH'], rendered);

let templates: Templates;
before(async () => {
	templates = await loadTemplates();
});

test('no .env.example yet: the rendered one', () => {
	assert.equal(merge(undefined), rendered);
	assert.equal(merge(' \n'), rendered, 'an empty file holds no names to keep');
});

test('the person\'s own file is kept byte for byte, and what it lacks is appended in a marked paragraph', () => {
	const theirs = '# My settings\nENTSOE_API_KEY=your-key-here\nMODEL_PATH=models/x.joblib # not secret\n';
	const merged = merge(theirs);
	assert.ok(merged.startsWith(theirs), 'every line of theirs, unchanged and in place');
	assert.equal(merged.slice(theirs.length), [
		'',
		addedHeading,
		'# Your app reads these and has no default for them: give each a value in .env.',
		'API_TOKEN=',
		'# The deployment files read these.',
		'WEB_CONCURRENCY=2',
		'',
	].join('\n'));
	assert.equal(merge(merged), merged, 'a second merge adds nothing');
	assert.deepEqual([...envExampleNames(merged)].sort(), ['API_TOKEN', 'ENTSOE_API_KEY', 'MODEL_PATH', 'WEB_CONCURRENCY']);
});

test('optional names are appended commented out; names theirs mentions in any form count as there', () => {
	const merged = merge('export API_TOKEN=\n# WEB_CONCURRENCY=4');
	assert.equal(merged, `export API_TOKEN=\n# WEB_CONCURRENCY=4\n\n${addedHeading}\n# Your app reads these but has a default: remove the # to set one.\n# MODEL_PATH=\n`, 'a missing last newline is added first');
});

test('nothing missing: the very same text, so the file is left untouched', () => {
	const complete = 'API_TOKEN=\nMODEL_PATH=x\nWEB_CONCURRENCY=2\nOWN=1\n';
	assert.equal(merge(complete), complete);
});

test('Windows line endings stay Windows line endings', () => {
	const merged = merge('ENTSOE_API_KEY=x\r\n\r\n');
	assert.ok(merged.startsWith('ENTSOE_API_KEY=x\r\n\r\n# Added by'), 'no second blank line');
	assert.ok(!/[^\r]\n/.test(merged), 'every appended line ends in \\r\\n');
});

test('the wizard\'s own unedited file is regenerated, still listing every name it had, and stays the wizard\'s', () => {
	const earlier = withHeader('WEB_CONCURRENCY=2\nAPI_TOKEN=\nOLD_KEY=\n# OLD_OPTIONAL=\nGCP_REGION=europe-west1\n', {...header, regenerate: 'npx ml-deploy-wizard generate --provider cloud-run --yes'});
	const merged = merge(earlier);
	assert.equal(ownershipOf(merged), 'generated', 'later runs keep updating it');
	assert.match(merged, /^# Regenerate with: npx ml-deploy-wizard generate --provider vps --yes$/m, 'the new header');
	assert.ok(merged.includes(`# MODEL_PATH=\n\n${keptHeading}\nOLD_KEY=\n# OLD_OPTIONAL=\nGCP_REGION=europe-west1\n`));
	assert.equal(merge(merged), merged, 'stable from then on');
	assert.equal(merge(withHeader('API_TOKEN=\n', header)), rendered, 'nothing to keep: just the new rendering');
});

test('the wizard\'s file edited by hand is the person\'s now: kept, with what it lacks appended', () => {
	const edited = `${withHeader('WEB_CONCURRENCY=2\n', header)}ENTSOE_API_KEY=\n`;
	assert.equal(ownershipOf(edited), 'edited');
	const merged = merge(edited);
	assert.ok(merged.startsWith(edited));
	assert.match(merged.slice(edited.length), /^\n# Added by ml-deploy-wizard[^\n]*\n[^\n]*\nAPI_TOKEN=\n[^\n]*\n# MODEL_PATH=\n$/);
});

test('DATABASE_URL the app reads is listed unless the deployment sets or lists it itself', () => {
	const directory = copyFixture('fastapi-settings');
	const envExample = (provider: 'vps' | 'heroku', postgres: string) => {
		const settings = settingsFromAnswers(provider, {postgres}, detectProject(directory), directory);
		assert.ok(settings.ok);
		return renderFiles(settings.settings, templates).files.find(file => file.path === '.env.example')!;
	};

	const plain = envExample('vps', 'no');
	assert.match(plain.content, /give each a value\.\nDATABASE_URL=\nENTSOE_API_KEY=\n/);
	assert.deepEqual(plain.envExample, {required: ['DATABASE_URL', 'ENTSOE_API_KEY'], optional: ['LOG_LEVEL', 'MODEL_PATH', 'SENTRY_DSN']});
	const withDatabase = envExample('vps', 'yes');
	assert.doesNotMatch(withDatabase.content, /DATABASE_URL/, 'compose.yaml sets it to the database it runs');
	assert.match(withDatabase.content, /^POSTGRES_PASSWORD=$/m);
	assert.equal(envExample('heroku', 'yes').content.match(/^DATABASE_URL=$/gm)?.length, 1, 'listed once, in the database paragraph');
});

test('the files step and the generate command add the missing names to the person\'s .env.example without a question', async () => {
	const directory = copyFixture('fastapi-settings');
	const file = path.join(directory, '.env.example');
	const theirs = readFileSync(file, 'utf8');
	const prepared = await prepareFiles('vps', {}, directory);
	assert.ok(prepared.ok);
	const write = prepared.writes.find(candidate => candidate.file.path === '.env.example')!;
	assert.equal(write.status, 'update');
	assert.deepEqual(write.added, ['DATABASE_URL', 'LOG_LEVEL', 'MODEL_PATH', 'SENTRY_DSN', 'WEB_CONCURRENCY']);
	assert.ok(write.file.content.startsWith(theirs), 'ENTSOE_API_KEY and the rest of theirs stay');
	assert.match(write.file.content, /^DATABASE_URL=$/m);
	const [action] = fileActions([write]);
	assert.equal(action?.kind, 'write-file');
	assert.equal(action.label, 'Add DATABASE_URL, LOG_LEVEL, MODEL_PATH, SENTRY_DSN, WEB_CONCURRENCY to your .env.example (your own lines stay as they are)');

	writeFileSync(file, write.file.content);
	const again = await prepareFiles('vps', {}, directory);
	assert.ok(again.ok);
	assert.equal(again.writes.find(candidate => candidate.file.path === '.env.example')!.status, 'unchanged', 'nothing missing: no write, no question');
});
