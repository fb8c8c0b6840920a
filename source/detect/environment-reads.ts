import {callArguments, type CallArguments, importedNames, stringValue, withoutComments} from './python-text.js';
import {settingsClassReads} from './settings-classes.js';

/** One place a Python file reads an environment variable. */
export type EnvironmentRead = {name: string; optional: boolean};

const upperName = /^[A-Z][A-Z\d_]*$/;
const anyName = /^[A-Za-z_]\w*$/;
// environs methods that are not reads of a variable.
const environsHelpers = new Set(['read_env', 'prefixed', 'seal', 'dump', 'parser_for', 'add_parser', 'add_parser_from_func', 'expand_vars']);

function escapeRegExp(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);
}

/** Every call of one of `callees` (dotted names) with its arguments, in order. */
function* calls(code: string, callees: string[]): Generator<CallArguments & {callee: string}> {
	if (callees.length === 0) {
		return;
	}

	const pattern = new RegExp(String.raw`(?<![\w.])(${callees.map(callee => escapeRegExp(callee)).join('|')})\s*\(`, 'g');
	for (const match of code.matchAll(pattern)) {
		const parsed = callArguments(code, match.index + match[0].length - 1);
		if (parsed) {
			yield {...parsed, callee: match[1]!};
		}
	}
}

/** The key of a read: a plain string literal first argument (a name built at run time is not knowable). */
function keyOf(call: CallArguments, names: RegExp): string | undefined {
	const key = stringValue(call.positional[0] ?? call.keywords.get('key') ?? call.keywords.get('option') ?? call.keywords.get('name'));
	return key !== undefined && names.test(key) ? key : undefined;
}

/**
 * os.environ["X"], os.environ.get("X", d), os.getenv("X", d), os.environ.setdefault("X", d),
 * and the same through `from os import environ, getenv`.
 */
function osReads(code: string): EnvironmentRead[] {
	const reads: EnvironmentRead[] = [];
	// Bare environ / getenv only when imported from os: a WSGI app's own `environ` dict
	// (environ["PATH_INFO"]) is not the process environment.
	const fromOs = importedNames(code, /^os$/);
	const local = (name: string) => [...fromOs].filter(([, imported]) => imported === name).map(([alias]) => alias);
	const environs = ['os.environ', ...local('environ')];
	const getenvs = ['os.getenv', ...local('getenv')];

	const subscript = new RegExp(String.raw`(?<![\w.])(?:${environs.map(name => escapeRegExp(name)).join('|')})\[\s*(["'])([A-Z][A-Z\d_]*)\1\s*\](?!\s*=[^=])`, 'g');
	for (const match of code.matchAll(subscript)) {
		// os.environ["X"] raises KeyError when X is unset. (An assignment, excluded above, sets it.)
		reads.push({name: match[2]!, optional: false});
	}

	const getters = [...environs.flatMap(name => [`${name}.get`, `${name}.setdefault`]), ...getenvs];
	for (const call of calls(code, getters)) {
		const name = keyOf(call, upperName);
		if (name === undefined) {
			continue;
		}

		const hasDefault = call.positional.length > 1 || call.keywords.has('default') || call.keywords.has('value');
		// `os.getenv("X") or "fallback"` is a default too, just written differently.
		const orFallback = /^\s*or\b/.test(code.slice(call.end));
		// os.getenv("X") and os.environ.get("X") without a default return None rather than fail,
		// yet they stay required here, as they always were (and a test pins it): an app rarely
		// works with None where it expected a token or a path, so the name is better listed
		// uncommented, for a value. Giving any default, even None, makes it optional.
		reads.push({name, optional: hasDefault || orFallback});
	}

	return reads;
}

/**
 * Starlette's `config = Config(".env")` then `config("X", cast=int, default=1)`, and
 * python-decouple's `config("X", default=1, cast=int)`. The two differ in one place: the
 * second positional argument is the cast for Starlette, the default for decouple.
 */
function configReads(code: string): EnvironmentRead[] {
	const starlette = importedNames(code, /^starlette\.config$/);
	const decouple = importedNames(code, /^decouple$/);
	const classes = new Map<string, 'starlette' | 'decouple'>();
	for (const [local, imported] of starlette) {
		if (imported === 'Config') {
			classes.set(local, 'starlette');
		}
	}

	for (const [local, imported] of decouple) {
		if (imported === 'Config' || imported === 'AutoConfig') {
			classes.set(local, 'decouple');
		}
	}

	classes.set('starlette.config.Config', 'starlette');
	classes.set('decouple.Config', 'decouple');
	classes.set('decouple.AutoConfig', 'decouple');

	const readers = new Map<string, 'starlette' | 'decouple'>();
	for (const [local, imported] of decouple) {
		if (imported === 'config') {
			readers.set(local, 'decouple');
		}
	}

	if (/^[ \t]*import[ \t]+decouple\b/m.test(code)) {
		readers.set('decouple.config', 'decouple');
	}

	const instances = new RegExp(String.raw`^[ \t]*([A-Za-z_]\w*)\s*(?::[^=\n]+)?=\s*(${[...classes.keys()].map(name => escapeRegExp(name)).join('|')})\s*\(`, 'gm');
	for (const match of code.matchAll(instances)) {
		readers.set(match[1]!, classes.get(match[2]!)!);
	}

	const reads: EnvironmentRead[] = [];
	const callees = [...readers.keys()].flatMap(name => [name, `${name}.get`]);
	for (const call of calls(code, callees)) {
		const name = keyOf(call, anyName);
		if (name === undefined) {
			continue;
		}

		const kind = readers.get(call.callee) ?? readers.get(call.callee.replace(/\.get$/, ''));
		const defaultPosition = kind === 'starlette' ? 2 : 1;
		reads.push({name, optional: call.keywords.has('default') || call.positional.length > defaultPosition});
	}

	return reads;
}

/** environs: `env = Env()` then `env("X")`, `env.str("X")`, `env.int("X", 5)`, `env.bool("X", default=False)`. */
function environsReads(code: string): EnvironmentRead[] {
	const classes = [...importedNames(code, /^environs$/)].filter(([, imported]) => imported === 'Env').map(([local]) => local);
	classes.push('environs.Env');
	const instances = new RegExp(String.raw`^[ \t]*([A-Za-z_]\w*)\s*(?::[^=\n]+)?=\s*(?:${classes.map(name => escapeRegExp(name)).join('|')})\s*\(`, 'gm');
	const names = [...code.matchAll(instances)].map(match => match[1]!);
	const reads: EnvironmentRead[] = [];
	for (const instance of new Set(names)) {
		const pattern = new RegExp(String.raw`(?<![\w.])${escapeRegExp(instance)}(?:\.([A-Za-z_]\w*))?\s*\(`, 'g');
		for (const match of code.matchAll(pattern)) {
			if (match[1] !== undefined && environsHelpers.has(match[1])) {
				continue;
			}

			const call = callArguments(code, match.index + match[0].length - 1);
			const name = call && keyOf(call, anyName);
			if (call && name !== undefined) {
				reads.push({name, optional: call.keywords.has('default') || call.positional.length > 1});
			}
		}
	}

	return reads;
}

/**
 * Every environment variable one Python file reads, in the order found per kind, as many
 * times as it is read: os.environ and os.getenv, pydantic settings classes, Starlette's and
 * python-decouple's config(), environs' env. Read as text; comments are ignored.
 */
export function findEnvironmentReads(text: string): EnvironmentRead[] {
	const code = withoutComments(text);
	return [...osReads(code), ...settingsClassReads(code), ...configReads(code), ...environsReads(code)];
}
