// Just enough of Python's syntax to read settings code as text: strings, brackets, comments,
// call arguments, imports and class bodies. Not a parser, and it never runs anything:
// settings code is plain by nature, and a miss only means one name less in .env.example.

const opening = new Set(['(', '[', '{']);
const closing = new Set([')', ']', '}']);

/** Index just after the string literal whose opening quote is at `start`. */
function stringEnd(text: string, start: number): number {
	const quote = text[start]!;
	const triple = text.startsWith(quote.repeat(3), start);
	const terminator = triple ? quote.repeat(3) : quote;
	let index = start + terminator.length;
	while (index < text.length) {
		const char = text[index]!;
		if (char === '\\') {
			index += 2;
		} else if (text.startsWith(terminator, index)) {
			return index + terminator.length;
		} else if (char === '\n' && !triple) {
			// An unterminated one-line string: stop at the line end rather than eat the file.
			return index;
		} else {
			index++;
		}
	}

	return text.length;
}

/** The text with every # comment blanked out, same length so that indexes stay valid. */
export function withoutComments(text: string): string {
	// Jumps from quote or # to the next, skipping whole strings: detection reads hundreds of files.
	const next = /["'#]/g;
	const parts: string[] = [];
	let copied = 0;
	for (let match = next.exec(text); match; match = next.exec(text)) {
		if (match[0] === '#') {
			const newline = text.indexOf('\n', match.index);
			const end = newline === -1 ? text.length : newline;
			parts.push(text.slice(copied, match.index), ' '.repeat(end - match.index));
			copied = end;
			next.lastIndex = end;
		} else {
			next.lastIndex = stringEnd(text, match.index);
		}
	}

	parts.push(text.slice(copied));
	return parts.join('');
}

/**
 * Index of the first `wanted` character at bracket depth zero from `start`, skipping
 * strings; -1 when there is none. Stops early at a closing bracket that was not opened (the
 * end of the enclosing call).
 */
function topLevelIndex(text: string, wanted: (char: string, index: number) => boolean, start = 0): number {
	let depth = 0;
	let index = start;
	while (index < text.length) {
		const char = text[index]!;
		if (char === '"' || char === '\'') {
			index = stringEnd(text, index);
			continue;
		}

		if (depth === 0 && wanted(char, index)) {
			return index;
		}

		if (opening.has(char)) {
			depth++;
		} else if (closing.has(char)) {
			if (depth === 0) {
				return -1;
			}

			depth--;
		}

		index++;
	}

	return -1;
}

/** Splits at top-level commas (outside brackets and strings). */
function splitTopLevel(text: string): string[] {
	const parts: string[] = [];
	let start = 0;
	for (;;) {
		const comma = topLevelIndex(text, char => char === ',', start);
		if (comma === -1) {
			parts.push(text.slice(start));
			return parts.map(part => part.trim()).filter(part => part !== '');
		}

		parts.push(text.slice(start, comma));
		start = comma + 1;
	}
}

/** Index of the bracket that closes the one at `open`, or -1 when the text ends first. */
export function closingIndex(text: string, open: number): number {
	return topLevelIndex(text, char => closing.has(char), open + 1);
}

export type CallArguments = {
	positional: string[];
	keywords: Map<string, string>;
	/** Index just after the closing parenthesis. */
	end: number;
};

/** The arguments of the call whose ( is at `open`, as source text; undefined when unbalanced. */
export function callArguments(text: string, open: number): CallArguments | undefined {
	const close = closingIndex(text, open);
	if (close === -1 || text[close] !== ')') {
		return undefined;
	}

	const positional: string[] = [];
	const keywords = new Map<string, string>();
	for (const argument of splitTopLevel(text.slice(open + 1, close))) {
		const keyword = /^([A-Za-z_]\w*)\s*=(?!=)([\s\S]*)$/.exec(argument);
		if (keyword) {
			keywords.set(keyword[1]!, keyword[2]!.trim());
		} else if (!argument.startsWith('*')) {
			positional.push(argument);
		}
	}

	return {positional, keywords, end: close + 1};
}

/** The value of a plain string literal ("X", 'X', r"X"), or undefined for anything else. */
export function stringValue(expression: string | undefined): string | undefined {
	const match = /^[rRuU]?(["'])([^"'\\\n]*)\1$/.exec(expression?.trim() ?? '');
	return match?.[2];
}

/** The first plain string literal inside an expression: AliasChoices("A", "B") gives A. */
export function firstString(expression: string): string | undefined {
	return /(["'])([^"'\\\n]*)\1/.exec(expression)?.[2];
}

/**
 * Local names bound by `from <module> import a, b as c` (local name to imported name), for
 * modules matched by `module`.
 */
export function importedNames(code: string, module: RegExp): Map<string, string> {
	const names = new Map<string, string>();
	for (const match of code.matchAll(/^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)/gm)) {
		if (!module.test(match[1]!)) {
			continue;
		}

		for (const item of match[2]!.replaceAll(/[()\\]/g, ' ').split(',')) {
			const [name, alias] = item.trim().split(/\s+as\s+/);
			if (name && /^\w+$/.test(name)) {
				names.set(alias?.trim() ?? name, name);
			}
		}
	}

	return names;
}

/** Splits an assignment at its top-level = (not ==, <=, >=, !=): [target, value]. */
export function splitAssignment(statement: string): [string, string | undefined] {
	const equals = topLevelIndex(statement, (char, index) => char === '=' && statement[index + 1] !== '=' && !'=<>!:'.includes(statement[index - 1] ?? ''));
	return equals === -1 ? [statement.trim(), undefined] : [statement.slice(0, equals).trim(), statement.slice(equals + 1).trim()];
}

export type LogicalLine = {indent: number; text: string};

/**
 * The statements of a piece of code, one per logical line: a statement that continues
 * inside brackets or after a backslash is joined into one.
 */
export function logicalLines(code: string): LogicalLine[] {
	const lines: LogicalLine[] = [];
	let index = 0;
	while (index < code.length) {
		const lineEnd = code.indexOf('\n', index);
		const physical = code.slice(index, lineEnd === -1 ? code.length : lineEnd);
		if (physical.trim() === '') {
			index = lineEnd === -1 ? code.length : lineEnd + 1;
			continue;
		}

		const indent = /^[ \t]*/.exec(physical)![0].replaceAll('\t', '        ').length;
		const end = topLevelIndex(code, (char, at) => char === '\n' && code[at - 1] !== '\\', index);
		// -1: a stray closing bracket or one never closed; take the physical line and move on.
		const stop = end === -1 ? (lineEnd === -1 ? code.length : lineEnd) : end;
		lines.push({indent, text: code.slice(index, stop).trim()});
		index = stop + 1;
	}

	return lines;
}
