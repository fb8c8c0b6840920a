// ink-testing-library's streams, with a terminal size of our choosing (its own are 100
// columns wide and of no height), so a test can render every screen at 80x24 or 100x30.
import {EventEmitter} from 'node:events';
import {render} from 'ink';
import type {ReactElement} from 'react';
// Ink's own measure of a line's width.
import stringWidth from 'string-width';

class SizedStdout extends EventEmitter {
	frames: string[] = [];
	constructor(readonly columns: number, readonly rows: number) {
		super();
	}

	write = (frame: string) => {
		this.frames.push(frame);
	};

	lastFrame = () => this.frames.at(-1);
}

class TestStdin extends EventEmitter {
	isTTY = true;
	private data: string | null = null;
	write = (data: string) => {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	};

	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};

	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

export type SizedRender = {
	stdin: TestStdin;
	/** Every frame Ink drew, in order. */
	frames: string[];
	lastFrame: () => string | undefined;
	unmount: () => void;
};

export function renderSized(tree: ReactElement, {columns, rows}: {columns: number; rows: number}): SizedRender {
	const stdout = new SizedStdout(columns, rows);
	const stdin = new TestStdin();
	const stderr = new SizedStdout(columns, rows);
	const instance = render(tree, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		// Every frame written whole, so the last write is the screen.
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	return {stdin, frames: stdout.frames, lastFrame: stdout.lastFrame, unmount: instance.unmount};
}

const ansi = /\u001B\[[\d;]*m/g;

/** Why a frame does not fit the terminal (lines too many or too wide), or undefined when it fits. */
export function misfit(frame: string, {columns, rows}: {columns: number; rows: number}): string | undefined {
	const lines = frame.replaceAll(ansi, '').split('\n');
	// One line is kept free: Ink clears the whole screen to redraw a frame as tall as the terminal.
	if (lines.length > rows - 1) {
		return `${lines.length} lines, more than ${rows - 1}`;
	}

	const wide = lines.find(line => stringWidth(line) > columns);
	return wide === undefined ? undefined : `a line of ${stringWidth(wide)} columns: ${wide}`;
}

/** Keys test/support/ink-keys.ts does not have, as a terminal sends them. */
export const moreKeys = {left: '\u001B[D', pageDown: '\u001B[6~', pageUp: '\u001B[5~', end: '\u001B[F'};
