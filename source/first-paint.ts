// The first frame, on screen before the interface loads: Ink, React and yoga take most of
// the start-up, and a person waiting on an empty terminal is a person wondering whether it
// hangs. Keys typed meanwhile wait for the interface (raw mode: no echo over the frame).
import {existsSync} from 'node:fs';
import process from 'node:process';
import {progressFilePath} from './state/progress-location.js';
import {welcomeFrame} from './ui/first-frame.js';

export type FirstPaint = {
	/** Just before Ink draws: the painted frame goes, in one synchronized update with Ink's. */
	handOver(): void;
	/** Just after Ink drew: the terminal shows the update. */
	settle(): void;
	/** The interface will not come (an error): the frame goes and the terminal is as it was. */
	release(): void;
};

// Synchronized output (DEC 2026): a terminal that knows it shows the erase and the redraw
// at once; one that does not ignores it, and the redraw of the same lines is still invisible.
const beginUpdate = '\u001B[?2026h';
const endUpdate = '\u001B[?2026l';
const hideCursor = '\u001B[?25l';
const showCursor = '\u001B[?25h';

/** The same erase Ink's log-update makes before it redraws a frame of `count` lines. */
function eraseLines(count: number): string {
	return `${Array.from({length: count}, (_, index) => `\u001B[2K${index < count - 1 ? '\u001B[1A' : ''}`).join('')}\u001B[G`;
}

/** Whether Ink will colour its frame: what its colour library decides from the environment. */
function colourOn(environment: NodeJS.ProcessEnv): boolean {
	if (environment.FORCE_COLOR !== undefined) {
		return environment.FORCE_COLOR !== '0' && environment.FORCE_COLOR !== 'false';
	}

	return !('CI' in environment) && environment.TERM !== 'dumb';
}

/**
 * Paints the welcome screen when it is what the wizard opens on: both ends a terminal, and
 * no saved setup for this project (that opens on "Welcome back", read only later).
 */
export function paintFirstFrame({projectDirectory, stateDirectory, dryRun}: {projectDirectory: string; stateDirectory?: string; dryRun: boolean}): FirstPaint | undefined {
	const {stdin, stdout} = process;
	if (!stdin.isTTY || !stdout.isTTY || existsSync(progressFilePath(projectDirectory, stateDirectory))) {
		return undefined;
	}

	const frame = welcomeFrame({columns: stdout.columns || 80, rows: stdout.rows || 24, projectDirectory, dryRun, colour: colourOn(process.env)});
	// As Ink counts a frame it wrote: its lines and the empty one after the final line break.
	const lineCount = frame.split('\n').length;
	stdin.setRawMode(true);
	stdout.write(hideCursor + frame);
	return {
		handOver() {
			stdout.write(beginUpdate + eraseLines(lineCount));
		},
		settle() {
			stdout.write(endUpdate);
		},
		release() {
			stdout.write(endUpdate + eraseLines(lineCount) + showCursor);
			stdin.setRawMode(false);
		},
	};
}
