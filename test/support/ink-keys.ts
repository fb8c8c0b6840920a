// Keypresses as a terminal sends them, for ink-testing-library's stdin.
export const keys = {
	enter: '\r',
	escape: '\u001B',
	down: '\u001B[B',
	up: '\u001B[A',
	backspace: '\u007F',
	ctrlC: '\u0003',
};

/** Lets Ink handle input and effects settle before the next key. */
export async function settle(milliseconds = 30): Promise<void> {
	await new Promise(resolve => {
		setTimeout(resolve, milliseconds);
	});
}

/** Waits until the last frame matches, so slow machines do not turn into flaky tests. */
export async function waitForFrame(lastFrame: () => string | undefined, pattern: RegExp, attempts = 100): Promise<string> {
	for (let attempt = 0; attempt < attempts; attempt++) {
		const frame = lastFrame() ?? '';
		if (pattern.test(frame)) {
			return frame;
		}

		await settle(20);
	}

	throw new Error(`No frame matched ${pattern}. Last frame:\n${lastFrame() ?? ''}`);
}

/** Waits until a condition holds (a save that happens in an effect after the frame). */
export async function waitUntil(condition: () => boolean, what: string, attempts = 100): Promise<void> {
	for (let attempt = 0; attempt < attempts; attempt++) {
		if (condition()) {
			return;
		}

		await settle(20);
	}

	throw new Error(`Timed out waiting until ${what}.`);
}
