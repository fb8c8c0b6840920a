import assert from 'node:assert/strict';
import {test} from 'node:test';
import {Text} from 'ink';
import {ScreenFrame, trimBreakSpace} from '../../source/ui/screen-frame.js';
import {settle, waitForFrame} from '../support/ink-keys.js';
import {misfit, moreKeys, renderSized} from './sized-render.js';

const size = {columns: 80, rows: 12};
const lines = Array.from({length: 40}, (_, index) => `line ${index + 1}`);

function renderTall(options: {follow?: boolean} = {}) {
	return renderSized(
		<ScreenFrame header={<Text>Heading</Text>} controls={<Text>› the question</Text>} hints={['Enter confirm']} follow={options.follow}>
			{lines.map(line => (
				<Text key={line}>{line}</Text>
			))}
		</ScreenFrame>,
		size,
	);
}

test('a body taller than the terminal scrolls between a fixed heading, question and key hints', async () => {
	const app = renderTall();
	let frame = await waitForFrame(app.lastFrame, /PgUp\/PgDn scroll \(1–\d+ of 40\)/);
	assert.equal(misfit(frame, size), undefined);
	assert.match(frame, /^Heading\n/);
	assert.match(frame, /line 1\n/);
	assert.doesNotMatch(frame, /line 40/);
	assert.match(frame, /› the question\n\nPgUp\/PgDn scroll .* Enter confirm {2}· {2}Ctrl-C save and quit/);
	app.stdin.write(moreKeys.pageDown);
	frame = await waitForFrame(app.lastFrame, /scroll \((?!1–)\d+–\d+ of 40\)/);
	assert.doesNotMatch(frame, /line 1\n/, 'the first page moved up');
	assert.match(frame, /^Heading\n/, 'the heading stays');
	app.stdin.write(moreKeys.end);
	frame = await waitForFrame(app.lastFrame, /line 40\n/);
	assert.match(frame, /scroll \(\d+–40 of 40\)/);
	assert.match(frame, /› the question/);
	app.stdin.write(moreKeys.pageUp);
	frame = await waitForFrame(app.lastFrame, /scroll \(\d+–(?!40)\d+ of 40\)/);
	assert.doesNotMatch(frame, /line 40\n/);
	for (const drawn of app.frames) {
		assert.equal(misfit(drawn, size), undefined, drawn);
	}

	app.unmount();
});

test('a running step keeps the end of its log in view', async () => {
	const app = renderTall({follow: true});
	const frame = await waitForFrame(app.lastFrame, /line 40\n/);
	assert.doesNotMatch(frame, /line 1\n/);
	app.unmount();
});

test('a body that fits shows no scroll hint, and the frame is one line shorter than the terminal', async () => {
	const app = renderSized(<ScreenFrame header={<Text>Heading</Text>} hints={['Enter continue']}><Text>short</Text></ScreenFrame>, size);
	await settle(100);
	const frame = app.lastFrame() ?? '';
	assert.doesNotMatch(frame, /scroll/);
	assert.equal(frame.split('\n').length, size.rows - 1);
	app.unmount();
});

test('a wrapped line does not start with the space it was broken at; an indented one keeps its indent', () => {
	assert.equal(trimBreakSpace(' the rest', 1), 'the rest');
	assert.equal(trimBreakSpace('\u001B[2m the rest', 1), '\u001B[2mthe rest');
	assert.equal(trimBreakSpace('  - indented on purpose', 1), '  - indented on purpose');
	assert.equal(trimBreakSpace(' first row', 0), ' first row');
});

test('misfit names a frame that is too tall or too wide', () => {
	assert.match(misfit(Array.from({length: 24}, () => 'x').join('\n'), {columns: 80, rows: 24}) ?? '', /24 lines, more than 23/);
	assert.match(misfit('x'.repeat(81), {columns: 80, rows: 24}) ?? '', /81 columns/);
	assert.equal(misfit('x'.repeat(80), {columns: 80, rows: 24}), undefined);
});
