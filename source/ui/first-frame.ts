// The welcome screen as plain text, line for line what Ink draws for it, painted before
// Ink has loaded (Ink, React and yoga's WebAssembly take most of the start-up): the person
// sees the real first screen at once, and Ink takes the same frame over. Nothing here may
// import Ink or React. test/ui/first-frame.test.tsx holds the two to the same lines.
import {dryRunLine, hintSeparator, welcomeChoices, welcomeHints, welcomeQuestion, welcomeQuitHint, welcomeTagline, welcomeTitle} from './welcome-text.js';

export type FirstFrameOptions = {
	columns: number;
	rows: number;
	projectDirectory: string;
	dryRun: boolean;
	/** Colour and styles, as the terminal takes them (off with NO_COLOR or TERM=dumb). */
	colour: boolean;
};

type Style = 'bold-cyan' | 'dim' | 'yellow' | 'cyan';

const codes: Record<Style, [string, string]> = {
	'bold-cyan': ['\u001B[1m\u001B[36m', '\u001B[39m\u001B[22m'],
	dim: ['\u001B[2m', '\u001B[22m'],
	yellow: ['\u001B[33m', '\u001B[39m'],
	cyan: ['\u001B[36m', '\u001B[39m'],
};

/** The welcome frame: `rows - 1` lines, as the interface's frame always is, and a final line break. */
export function welcomeFrame({columns, rows, projectDirectory, dryRun, colour}: FirstFrameOptions): string {
	const paint = (text: string, style?: Style) => (style && colour && text !== '' ? `${codes[style][0]}${text}${codes[style][1]}` : text);
	const block = (text: string, width: number, style?: Style, indent = '') => wrap(text, width).map(row => indent + paint(row, style));
	const lines = [
		...block(welcomeTitle, columns, 'bold-cyan'),
		...block(welcomeTagline, columns),
		...block(`Project: ${projectDirectory}`, columns, 'dim'),
		...(dryRun ? block(dryRunLine, columns, 'yellow') : []),
		'',
		...block(welcomeQuestion, columns),
		'',
		...welcomeChoices.flatMap((choice, index) => {
			const [first = '', ...rest] = wrap(choice.label, columns - 2);
			const selected = index === 0;
			return [
				`${selected ? paint('❯', 'cyan') : ' '} ${paint(first, selected ? 'bold-cyan' : undefined)}`.trimEnd(),
				...rest.map(row => `  ${paint(row, selected ? 'bold-cyan' : undefined)}`),
				...block(choice.description, columns - 2, 'dim', '  '),
			];
		}),
		'',
		...hintRows([...welcomeHints, welcomeQuitHint], columns).map(row => paint(row, 'dim')),
	];
	const height = Math.max(1, rows - 1);
	const frame = [...lines.slice(0, height), ...Array.from({length: Math.max(0, height - lines.length)}, () => '')];
	return `${frame.join('\n')}\n`;
}

/** Key hints as the hint line lays them out: whole hints, moved to the next row when one does not fit. */
function hintRows(hints: string[], columns: number): string[] {
	const rows: string[] = [];
	let row = '';
	for (const [index, hint] of hints.entries()) {
		const item = hint + (index < hints.length - 1 ? hintSeparator : '');
		if (row !== '' && row.length + item.length > columns) {
			rows.push(row.trimEnd());
			row = '';
		}

		row += item;
	}

	return [...rows, row.trimEnd()];
}

/**
 * A line wrapped the way Ink wraps text (wrap-ansi, hard, keeping spaces), then without
 * the space a row may start with where it broke (as the frame's own trimming does).
 */
export function wrap(text: string, columns: number): string[] {
	return text.split('\n').flatMap(line => wrapLine(line, columns).map((row, index) => (index === 0 ? row : row.replace(/^ (?=\S)/, '')).trimEnd()));
}

// wrap-ansi 9's algorithm for plain text with {hard: true, trim: false}.
function wrapLine(line: string, columns: number): string[] {
	const words = line.split(' ');
	const rows = [''];
	for (const [index, word] of words.entries()) {
		let rowLength = width(rows.at(-1)!);
		if (index !== 0) {
			if (rowLength >= columns) {
				rows.push('');
				rowLength = 0;
			}

			rows[rows.length - 1] += ' ';
			rowLength++;
		}

		const length = width(word);
		if (length > columns) {
			const remaining = columns - rowLength;
			if (Math.floor((length - 1) / columns) < 1 + Math.floor((length - remaining - 1) / columns)) {
				rows.push('');
			}

			wrapWord(rows, word, columns);
			continue;
		}

		if (rowLength + length > columns && rowLength > 0 && length > 0) {
			rows.push('');
		}

		rows[rows.length - 1] += word;
	}

	return rows;
}

function wrapWord(rows: string[], word: string, columns: number): void {
	const characters = [...word];
	let visible = width(rows.at(-1)!);
	for (const [index, character] of characters.entries()) {
		if (visible + 1 <= columns) {
			rows[rows.length - 1] += character;
		} else {
			rows.push(character);
			visible = 0;
		}

		visible++;
		if (visible === columns && index < characters.length - 1) {
			rows.push('');
			visible = 0;
		}
	}

	if (!visible && rows.at(-1)!.length > 0 && rows.length > 1) {
		rows[rows.length - 2] += rows.pop()!;
	}
}

// The welcome screen's text is one column per character; a project path may not be, and
// is then counted as Ink would only approximately (the frame is replaced a moment later).
function width(text: string): number {
	return [...text].length;
}
