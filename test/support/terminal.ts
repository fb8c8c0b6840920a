// Runs a command in a real pseudo-terminal through tmux (Debian's tmux), so the built
// binary is seen exactly as a person sees it: raw mode, redraws, colours and all.
import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';

export type Terminal = {
	/** Sends keys one at a time (tmux key names: Enter, Escape, Down, BSpace, C-c, or text). */
	press(...keys: string[]): Promise<void>;
	screen(): string;
	/** The screen with its colour and style escape sequences. */
	styledScreen(): string;
	waitFor(pattern: RegExp, timeoutMilliseconds?: number): Promise<string>;
	/** The pid of the program running in the terminal. */
	pid(): number;
	/** How many lines scrolled off the top: a frame taller than the terminal pushes lines there. */
	scrolledOff(): number;
	close(): void;
};

function tmux(socket: string, ...arguments_: string[]): string {
	return execFileSync('tmux', ['-L', socket, ...arguments_], {encoding: 'utf8'});
}

async function sleep(milliseconds: number) {
	await new Promise(resolve => {
		setTimeout(resolve, milliseconds);
	});
}

/**
 * The next screen a person would act on: one that differs from `previous`, shows `ready`
 * (the key hints of a screen waiting for a key), and holds still for `settleMs` (a screen
 * still drawing, several frames in one capture, is read again). Undefined at `deadline`.
 */
export async function nextScreen(terminal: Terminal, previous: string, ready: RegExp, options: {settleMs: number; deadline: number}): Promise<string | undefined> {
	while (Date.now() < options.deadline) {
		const screen = terminal.screen();
		if (screen === previous || !ready.test(screen)) {
			await sleep(100);
			continue;
		}

		await sleep(options.settleMs);
		if (terminal.screen() === screen) {
			return screen;
		}
	}

	return undefined;
}

export function openTerminal(command: string, options: {cwd: string; env: Record<string, string>; columns?: number; rows?: number}): Terminal {
	try {
		execFileSync('tmux', ['-V']);
	} catch {
		throw new Error('tmux is not installed: run test/system/install-packages.sh (the terminal tests need a real pty).');
	}

	const socket = `mldw-${randomBytes(4).toString('hex')}`;
	const environment = Object.entries(options.env).flatMap(([name, value]) => ['-e', `${name}=${value}`]);
	// 80x24 unless a test asks otherwise: the smallest common terminal, where every screen must fit.
	// remain-on-exit keeps the last screen readable after the program ends.
	tmux(socket, 'new-session', '-d', '-x', String(options.columns ?? 80), '-y', String(options.rows ?? 24), '-c', options.cwd, ...environment, command);
	tmux(socket, 'set-option', '-t', '0', 'remain-on-exit', 'on');
	const terminal: Terminal = {
		async press(...keys) {
			for (const key of keys) {
				// A screen listens for keys only after its first frame is drawn: give it a moment.
				await sleep(150);
				tmux(socket, 'send-keys', '-t', '0', key);
			}

			await sleep(150);
		},
		screen() {
			return tmux(socket, 'capture-pane', '-p', '-t', '0');
		},
		styledScreen() {
			return tmux(socket, 'capture-pane', '-p', '-e', '-t', '0');
		},
		async waitFor(pattern, timeoutMilliseconds = 10_000) {
			const deadline = Date.now() + timeoutMilliseconds;
			while (Date.now() < deadline) {
				const screen = terminal.screen();
				if (pattern.test(screen)) {
					return screen;
				}

				await sleep(50);
			}

			throw new Error(`The terminal never showed ${pattern}. Screen:\n${terminal.screen()}`);
		},
		pid() {
			return Number(tmux(socket, 'display-message', '-p', '-t', '0', '#{pane_pid}').trim());
		},
		scrolledOff() {
			return Number(tmux(socket, 'display-message', '-p', '-t', '0', '#{history_size}').trim());
		},
		close() {
			try {
				tmux(socket, 'kill-server');
			} catch {
				// Already gone.
			}
		},
	};
	return terminal;
}
