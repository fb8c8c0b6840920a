// A person walking the VPS journey in the terminal UI, keystroke by keystroke: the built
// binary in tmux (a real pty), answering each screen as it appears. Shared by the terminal
// journey test and the benchmark, which both report how many questions and keys it took.
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {journeyDomain, type JourneyWorld, modelToken} from './journey-world.js';
import {nextScreen, openTerminal, type Terminal} from './terminal.js';

export type JourneyCount = {
	/** Questions the person answered (a text box, a list, or a screen of answers confirmed together), whether typed or accepted. */
	questions: number;
	/** Keys pressed: each Enter, arrow and Backspace, and each character typed. */
	keypresses: number;
	/** Of those, the characters typed (an address, a domain, a secret). */
	typed: number;
	/** The same counts when the first question about the server (its address) came up. */
	beforeServer?: {questions: number; keypresses: number; typed: number};
	/** Screens that only needed Enter to go on (run a previewed step, continue after a result). */
	confirmations: number;
	seconds: number;
	/** Every screen the walk acted on, in order: for a failure message, and for assertions. */
	screens: string[];
};

const binary = path.resolve(import.meta.dirname, '../../dist/cli.js');

/** What this person answers, by question; any other question keeps what the wizard offers. */
type Answer = {question: RegExp; value: (world: JourneyWorld) => string; keeps?: RegExp};

const answers: Answer[] = [
	{question: /Domain for HTTPS/, value: () => journeyDomain},
	{question: /Email for your certificate account/, value: () => 'ada@example.test'},
	{question: /Certificate authority/, value: world => world.pebble.directoryUrl},
	// Asked again in the cron step with the saved answer, which reads "... GET /update-forecast".
	{question: /Scheduled calls to your API/, value: () => '15 * * * * /update-forecast', keeps: /^15 \* \* \* \* (GET )?\/update-forecast$/},
	{question: /Value for MODEL_TOKEN/, value: () => modelToken, keeps: /^\*+$/},
	{question: /Server address/, value: () => '127.0.0.1'},
	{question: /SSH port/, value: world => String(world.server.port)},
	{question: /User to log in as/, value: world => world.server.user},
	{question: /Trust this host key\?/, value: () => 'yes'},
	{question: /Sample prediction payload/, value: () => 'samples/predict.json'},
];

/** The keys that turn the text box's current value into the answer: as a person would, erase and type. */
function keysFor(answer: Answer | undefined, world: JourneyWorld, screen: string): string[] {
	const current = /› ?(.*)$/m.exec(screen)?.[1]?.trim() ?? '';
	if (!answer || current === answer.value(world) || answer.keeps?.test(current)) {
		return [];
	}

	return [...Array.from({length: current.length}, () => 'BSpace'), answer.value(world)];
}

const namedKeys = new Set(['Enter', 'BSpace', 'Up', 'Down', 'Escape']);

/** Whether the answers screen shows this question with another value than this person's. */
function differs(answer: Answer, world: JourneyWorld, screen: string): boolean {
	const shown = new RegExp(`(?:❯|\\s) (?:${answer.question.source})[^\\n]*?: (.*)$`, 'm').exec(screen)?.[1]?.trim();
	return shown !== undefined && shown !== answer.value(world) && !answer.keeps?.test(shown);
}

/**
 * Walks from the welcome screen to the summary. `beforeLogin` runs once, when the wizard
 * first asks for the server (the person has seen the public key by then: it goes on the server).
 */
export async function walkVpsJourney(world: JourneyWorld, options: {beforeLogin: () => void; timeoutMs?: number}): Promise<JourneyCount> {
	// What the server side says, added to a failure: Caddy's log and the Caddyfile it runs.
	const diagnostics = () => `\n--- Caddyfile:\n${readFileSync(world.caddyfile, 'utf8')}\n--- Caddy's log (tail):\n${world.systemctl.caddyLog().slice(-4000)}`;
	if (!existsSync(binary)) {
		throw new Error('dist/cli.js is missing: run npm run build first (npm test does).');
	}

	// CI is removed, not set to false: colour libraries turn colour off when CI is set at all.
	const variables = Object.entries({TERM: 'xterm-256color', HOME: world.laptop, ...world.environment}).map(([name, value]) => `${name}=${value}`);
	const terminal: Terminal = openTerminal(`exec env -u CI ${variables.join(' ')} ${process.execPath} ${binary}`, {cwd: world.project, env: {}});
	const count: JourneyCount = {questions: 0, keypresses: 0, typed: 0, confirmations: 0, seconds: 0, screens: []};
	// Rows of the answers screen opened once each, so a value shown differently is not opened forever.
	const opened = new Set<Answer>();
	const started = Date.now();
	const deadline = started + (options.timeoutMs ?? 150_000);
	let loggedIn = false;
	const press = async (keys: string[]) => {
		for (const key of keys) {
			count.keypresses += namedKeys.has(key) ? 1 : key.length;
			count.typed += namedKeys.has(key) ? 0 : key.length;
			await terminal.press(key);
		}
	};

	try {
		let previous = '';
		for (;;) {
			// Act once per screen: wait for it to change after a key, and for long steps to end.
			const screen = await nextScreen(terminal, previous, /Ctrl-C (save and )?quit|Enter to exit/, {settleMs: 150, deadline});
			if (screen === undefined) {
				break;
			}

			previous = screen;
			count.screens.push(screen);
			if (/Enter to exit\./.test(screen)) {
				break;
			}

			if (/Enter confirm/.test(screen)) {
				count.questions++;
				const answer = answers.find(candidate => candidate.question.test(screen));
				if (answer?.question.source === 'Server address' && !loggedIn) {
					count.beforeServer = {questions: count.questions - 1, keypresses: count.keypresses, typed: count.typed};
					options.beforeLogin();
					loggedIn = true;
				}

				const typing = keysFor(answer, world, screen);
				if (typing.length > 0) {
					await press(typing);
					// The screen as typed, before Enter: what a person sees of a secret, for instance.
					count.screens.push(terminal.screen());
				}

				await press(['Enter']);
			} else if (/Continue with these/.test(screen)) {
				// Answers filled in for the person, on one screen: a row they answer otherwise is
				// opened (↓ to it, Enter; its text box is the next screen), then Continue.
				const row = answers.find(candidate => !opened.has(candidate) && differs(candidate, world, screen));
				if (row) {
					opened.add(row);
					for (let moves = 0; moves < 20 && !new RegExp(`❯ (${row.question.source})`).test(terminal.screen()); moves++) {
						await press(['Down']);
					}
				} else {
					count.questions++;
				}

				await press(['Enter']);
			} else if (/What would you like to do\?|Where should your API run\?/.test(screen)) {
				count.questions++;
				await press(['Enter']);
			} else if (/Enter run|Enter continue/.test(screen)) {
				count.confirmations++;
				await press(['Enter']);
			} else if (/Try again/.test(screen)) {
				// A step stopped (the code is not on the git host yet): "Try again" is the first choice.
				count.confirmations++;
				await press(['Enter']);
			} else {
				throw new Error(`No rule for this screen:\n${screen}${diagnostics()}`);
			}
		}

		if (!/Enter to exit\./.test(count.screens.at(-1) ?? '')) {
			throw new Error(`The journey did not reach the summary in time. Last screen:\n${terminal.screen()}${diagnostics()}`);
		}

		count.seconds = (Date.now() - started) / 1000;
		await press(['Enter']);
		return count;
	} finally {
		terminal.close();
	}
}

/** The public key the ssh-key step made on the laptop, for the server's authorized_keys. */
export function laptopPublicKey(world: JourneyWorld): string {
	return readFileSync(path.join(world.laptop, '.ssh', 'id_mldw.pub'), 'utf8');
}
