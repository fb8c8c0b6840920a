// The first frame painted before Ink loads must be the frame Ink then draws, line for line,
// or the hand-over would show a jump.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {App} from '../../source/app.js';
import {newProgress} from '../../source/state/progress-schema.js';
import {welcomeFrame, wrap} from '../../source/ui/first-frame.js';
import {settle} from '../support/ink-keys.js';
import {fakeProvider} from '../support/fake-provider.js';
import {renderSized} from './sized-render.js';

const cases = [
	{columns: 80, rows: 24, projectDirectory: '/home/ada/forecast-api', dryRun: false},
	{columns: 100, rows: 30, projectDirectory: '/home/ada/forecast-api', dryRun: true},
	{columns: 80, rows: 24, projectDirectory: `/home/ada/${'very-long-folder-name/'.repeat(5)}forecast-api`, dryRun: false},
	{columns: 60, rows: 20, projectDirectory: '/srv/projects/an-api-with-a-rather-long-name-indeed', dryRun: true},
	{columns: 120, rows: 45, projectDirectory: '/p', dryRun: false},
];

for (const {columns, rows, projectDirectory, dryRun} of cases) {
	test(`the painted first frame is the welcome screen Ink draws at ${columns}x${rows}${dryRun ? ', dry run' : ''}`, async () => {
		const app = renderSized(
			<App
				initial={{progress: newProgress(projectDirectory), providers: [fakeProvider], projectDirectory, dryRun, learn: false}}
				services={{save() {}, createHandlers: () => ({})}}
				onExit={() => {}}
			/>,
			{columns, rows},
		);
		await settle(100);
		const drawn = app.lastFrame() ?? '';
		app.unmount();
		const painted = welcomeFrame({columns, rows, projectDirectory, dryRun, colour: false});
		assert.deepEqual(painted.replace(/\n$/, '').split('\n'), drawn.split('\n'));
	});
}

test('with colour, the painted frame styles what the screen styles, and nothing else changes', () => {
	const options = {columns: 80, rows: 24, projectDirectory: '/p', dryRun: true};
	const coloured = welcomeFrame({...options, colour: true});
	assert.match(coloured, /\u001B\[1m\u001B\[36mml-deploy-wizard/);
	assert.match(coloured, /\u001B\[2mProject: \/p\u001B\[22m/);
	assert.match(coloured, /\u001B\[36m❯\u001B\[39m \u001B\[1m\u001B\[36mDeploy my ML API/);
	assert.equal(coloured.replaceAll(/\u001B\[\d+m/g, ''), welcomeFrame({...options, colour: false}));
});

test('wrapping breaks at spaces, cuts a word longer than the line, and starts no row with the space it broke at', () => {
	assert.deepEqual(wrap('aaaa bbbb cccc', 9), ['aaaa bbbb', 'cccc']);
	assert.deepEqual(wrap('Project: /a/very/long/path', 12), ['Project:', '/a/very/long', '/path']);
	assert.deepEqual(wrap('exactly ten', 7), ['exactly', 'ten']);
});
