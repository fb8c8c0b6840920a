// The built binary in a pty (script), every byte it writes kept: the welcome screen is
// painted before the interface loads, the interface then draws the same lines in one
// synchronized update, and a key typed before it loaded is not lost (nor echoed).
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';

const binary = path.resolve('dist/cli.js');
const beginUpdate = '\u001B[?2026h';
const endUpdate = '\u001B[?2026l';

/**
 * Everything the wizard writes in its first `milliseconds`, in an 80x24 pty; `keys` are
 * typed the moment the painted frame is on screen, while the interface is still loading.
 */
async function capture(keys: string, milliseconds: number, flags: string[] = []): Promise<{output: string; typedAt: number}> {
	assert.ok(existsSync(binary), 'dist/cli.js is missing: run npm run build first (npm test does).');
	const project = mkdtempSync(path.join(tmpdir(), 'mldw-first-'));
	const state = mkdtempSync(path.join(tmpdir(), 'mldw-state-'));
	const command = `stty cols 80 rows 24; cd ${project} && exec env -u CI TERM=xterm-256color MLDW_STATE_DIR=${state} ${process.execPath} ${binary} ${flags.join(' ')}`;
	const child = spawn('script', ['-qfec', command, '/dev/null'], {stdio: ['pipe', 'pipe', 'inherit'], detached: true});
	let output = '';
	let typedAt = -1;
	child.stdout.on('data', (chunk: Buffer) => {
		output += chunk.toString();
		if (typedAt === -1 && output.includes('Ctrl-C quit')) {
			// Where the output had got to when the key went in.
			typedAt = output.length;
			child.stdin.write(keys);
		}
	});
	await new Promise(resolve => {
		setTimeout(resolve, milliseconds);
	});
	process.kill(-child.pid!, 'SIGKILL');
	return {output, typedAt};
}

/** The lines a terminal shows for these bytes of one frame: escape sequences out, line ends as lines. */
function visibleLines(bytes: string): string[] {
	return bytes.replaceAll(/\u001B\[[\d;?]*[A-Za-z]/g, '').replaceAll('\r', '').split('\n').map(line => line.trimEnd());
}

test('the welcome screen is painted before the interface loads, and the interface takes over the same lines', async () => {
	const {output} = await capture('', 3000);
	const handOver = output.indexOf(beginUpdate);
	assert.ok(handOver > 0, 'the interface took over in a synchronized update');
	const painted = output.slice(0, handOver);
	assert.match(painted, /What would you like to do\?/, 'the real first screen, before the interface');
	// The interface's own first frame: its update after ours, up to where it ends.
	const inkStart = output.indexOf(beginUpdate, handOver + beginUpdate.length);
	const inkFrame = output.slice(inkStart, output.indexOf(endUpdate, inkStart));
	const expected = visibleLines(painted).filter(line => line !== '');
	assert.ok(expected.length >= 10, `painted:\n${expected.join('\n')}`);
	assert.deepEqual(visibleLines(inkFrame).filter(line => line !== ''), expected, 'the same lines, so the hand-over does not show');
	assert.ok(output.indexOf(endUpdate, inkStart) > 0, 'and the update ends');
});

test('a key typed before the interface loaded is answered by it, never echoed over the frame', async () => {
	const {output, typedAt} = await capture('\u001B[B', 3000);
	const handOver = output.indexOf(beginUpdate);
	assert.ok(typedAt > 0 && typedAt <= handOver, 'the key went in before the interface drew');
	assert.doesNotMatch(output.slice(output.indexOf('Ctrl-C quit'), handOver), /\^\[\[B|\[B/, 'no echo of the key');
	assert.match(visibleLines(output.slice(handOver)).join('\n'), /❯ Only write the files/);
});

test('a dry run paints its own first frame', async () => {
	const {output} = await capture('', 2000, ['--dry-run']);
	assert.match(visibleLines(output.slice(0, output.indexOf(beginUpdate))).join('\n'), /Dry run: every file and command is shown, nothing is changed\./);
});
