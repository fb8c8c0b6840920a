// Variable substitution as Compose does it in compose files and env files: $NAME, ${NAME},
// ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, ${NAME:+alt}, ${NAME+alt},
// and $$ for a literal $. Anything else after a $ (like "$(...)") stays as written.
import {Refusal} from './refusal.js';

export type Lookup = (name: string) => string | undefined;

export class InterpolationError extends Refusal {}

const plainName = /^[A-Za-z_]\w*/;

/** The index of the "}" closing the "${" at `start`, nested ${...} included. */
function closingBrace(text: string, start: number): number {
	let depth = 0;
	for (let index = start; index < text.length; index++) {
		if (text.startsWith('${', index)) {
			depth++;
			index++;
		} else if (text[index] === '}' && --depth === 0) {
			return index;
		}
	}

	return -1;
}

function substitute(expression: string, lookup: Lookup, escapeDollars: boolean): string {
	const match = /^([A-Za-z_]\w*)(?:(:?[-?+])([\s\S]*))?$/.exec(expression);
	if (!match) {
		throw new InterpolationError(`invalid interpolation format for \${${expression}}`);
	}

	const [, name = '', operator, rest = ''] = match;
	const value = lookup(name);
	const unset = operator?.startsWith(':') ? !value : value === undefined;
	switch (operator?.at(-1)) {
		case '-': {
			return unset ? interpolate(rest, lookup, {escapeDollars}) : value!;
		}

		case '?': {
			if (unset) {
				const message = interpolate(rest, lookup, {escapeDollars});
				throw new InterpolationError(`required variable ${name} is missing a value${message ? `: ${message}` : ''}`);
			}

			return value!;
		}

		case '+': {
			return unset ? '' : interpolate(rest, lookup, {escapeDollars});
		}

		default: {
			return value ?? '';
		}
	}
}

/** `escapeDollars`: "$$" means "$" (compose files); env files keep "$$" as written. */
export function interpolate(text: string, lookup: Lookup, options: {escapeDollars?: boolean} = {}): string {
	const escapeDollars = options.escapeDollars ?? true;
	let result = '';
	let index = 0;
	while (index < text.length) {
		const dollar = text.indexOf('$', index);
		if (dollar === -1) {
			break;
		}

		result += text.slice(index, dollar);
		const next = text[dollar + 1];
		if (next === '$' && escapeDollars) {
			result += '$';
			index = dollar + 2;
		} else if (next === '{') {
			const end = closingBrace(text, dollar);
			if (end === -1) {
				throw new InterpolationError(`invalid interpolation format for ${text.slice(dollar)}`);
			}

			result += substitute(text.slice(dollar + 2, end), lookup, escapeDollars);
			index = end + 1;
		} else {
			const name = plainName.exec(text.slice(dollar + 1))?.[0];
			result += name === undefined ? '$' : lookup(name) ?? '';
			index = dollar + 1 + (name?.length ?? 0);
		}
	}

	return result + text.slice(index);
}
