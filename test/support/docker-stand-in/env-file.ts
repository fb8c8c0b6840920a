// Env files (`env_file:` and the project's .env) read the way Compose reads them: KEY=VALUE
// lines, an optional `export `, # comments (a whole line, or after whitespace in an unquoted
// value), 'single quotes' taken literally, "double quotes" with \n \t \" \\ escapes, both
// possibly over several lines, and ${VAR} substitution from earlier lines, then `lookup`.
import {interpolate, type Lookup} from './interpolate.js';
import {Refusal} from './refusal.js';

const escapes: Record<string, string> = {n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', $: '$'};

/** Reads a quoted value starting after its opening quote; returns it and where it ended. */
function quoted(text: string, start: number, quote: string): {value: string; end: number} {
	let value = '';
	for (let index = start; index < text.length; index++) {
		const character = text[index]!;
		if (character === quote) {
			return {value, end: index + 1};
		}

		if (quote === '"' && character === '\\' && index + 1 < text.length) {
			const next = text[++index]!;
			value += escapes[next] ?? `\\${next}`;
		} else {
			value += character;
		}
	}

	throw new Refusal(`unterminated quoted value: ${quote}${text.slice(start, start + 40)}`);
}

export function parseEnvFile(text: string, lookup: Lookup = () => undefined): Record<string, string> {
	const values: Record<string, string> = {};
	const resolve: Lookup = name => values[name] ?? lookup(name);
	let index = 0;
	while (index < text.length) {
		const lineEnd = text.indexOf('\n', index) === -1 ? text.length : text.indexOf('\n', index);
		const line = text.slice(index, lineEnd).replace(/\r$/, '');
		const trimmed = line.trimStart();
		if (trimmed === '' || trimmed.startsWith('#')) {
			index = lineEnd + 1;
			continue;
		}

		const assignment = /^(?:export\s+)?([^=\s]+)\s*(=)?\s*/.exec(trimmed);
		const key = assignment?.[1];
		if (!key) {
			throw new Refusal(`invalid line in env file: ${line}`);
		}

		if (!assignment[2]) {
			// A bare name takes its value from the environment Compose runs in, if it has one.
			const value = lookup(key);
			if (value !== undefined) {
				values[key] = value;
			}

			index = lineEnd + 1;
			continue;
		}

		const valueStart = index + (line.length - trimmed.length) + assignment[0].length;
		const first = text[valueStart];
		if (first === '"' || first === '\'') {
			const {value, end} = quoted(text, valueStart + 1, first);
			values[key] = first === '"' ? interpolate(value, resolve, {escapeDollars: false}) : value;
			const after = text.indexOf('\n', end);
			index = after === -1 ? text.length : after + 1;
		} else {
			const raw = text.slice(valueStart, lineEnd).replace(/\r$/, '').replace(/\s+#.*$/, '').trimEnd();
			values[key] = interpolate(raw, resolve, {escapeDollars: false});
			index = lineEnd + 1;
		}
	}

	return values;
}
