import type {EnvironmentVariable} from './project-detection.js';

// A .env file read the way Docker Compose reads env_file: KEY=VALUE a line, an optional
// `export `, single quotes literal, double quotes with \n \r \t \\ \" escapes, # comments on
// their own line or after a space following an unquoted value. No ${VAR} expansion: the
// question here is only which names have a value.

const keyPattern = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][\w.]*)[ \t]*[=:][ \t]*/;

function unescapeDouble(value: string): string {
	// As Compose does: \$ stays (it guards interpolation there), any other \x becomes x.
	return value.replaceAll(/\\([^$])/gs, (_, char: string) => ({n: '\n', r: '\r', t: '\t'} as Record<string, string>)[char] ?? char);
}

/** Where the quoted value that starts at `start` (its quote) ends: the closing quote, or -1. */
function closingQuote(text: string, start: number): number {
	const quote = text[start];
	for (let index = start + 1; index < text.length; index++) {
		if (text[index] === '\\') {
			index++;
		} else if (text[index] === quote) {
			return index;
		}
	}

	return -1;
}

/** The names and values of a .env file, the last one winning like in Compose. */
export function readDotEnv(text: string): Map<string, string> {
	const values = new Map<string, string>();
	const source = text.replace(/^\uFEFF/, '').replaceAll('\r\n', '\n');
	let index = 0;
	while (index < source.length) {
		const lineEnd = source.indexOf('\n', index) === -1 ? source.length : source.indexOf('\n', index);
		const line = source.slice(index, lineEnd);
		const key = keyPattern.exec(line);
		if (!key || line.trimStart().startsWith('#')) {
			// Comments, blank lines, and a bare NAME (Compose takes it from the shell, not the file).
			index = lineEnd + 1;
			continue;
		}

		const valueStart = index + key[0].length;
		const quote = source[valueStart];
		if (quote === '"' || quote === '\'') {
			// A quoted value may run over several lines; what follows its closing quote is a comment.
			const close = closingQuote(source, valueStart);
			if (close !== -1) {
				const raw = source.slice(valueStart + 1, close);
				values.set(key[1]!, quote === '"' ? unescapeDouble(raw) : raw.replaceAll('\\\'', '\''));
				const after = source.indexOf('\n', close);
				index = after === -1 ? source.length : after + 1;
				continue;
			}
		}

		// Unquoted (or an unclosed quote, kept as written): up to a " #" comment, trimmed.
		const value = source.slice(valueStart, lineEnd).split(/[ \t]#/)[0]!.trim();
		values.set(key[1]!, value);
		index = lineEnd + 1;
	}

	return values;
}

/** The required variables (no default in the app) that the .env leaves unset or empty, in order. */
export function requiredVariablesMissing(detected: readonly EnvironmentVariable[], dotEnv: ReadonlyMap<string, string>): string[] {
	return detected.filter(variable => !variable.optional && (dotEnv.get(variable.name) ?? '') === '').map(variable => variable.name);
}
