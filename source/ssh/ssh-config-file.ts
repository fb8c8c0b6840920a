// Reads ~/.ssh/config for one host the way OpenSSH does: the first value obtained wins,
// IdentityFile adds up, Include pulls in other files (globs, relative to ~/.ssh) and, inside
// a Host or Match block, only when that block applies. The text itself is parsed by the
// ssh-config package (quoting, `=` separators, comments); this file only walks the lines.
// Synchronous on purpose: the wizard's questions take their defaults from it while rendering.
import {readdirSync, readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {glob, LineType, parse, type Line} from 'ssh-config';
import {sshConfigPath} from './paths.js';

/** What the config says about one host, before anything given on the command line. */
export type SshHostConfig = {
	/** The name as the person typed it. */
	name: string;
	/** True when a Host line names it literally, not only through a pattern such as `*`. */
	named: boolean;
	/** The file whose Host line names it (for messages). */
	namedIn?: string;
	/** Lower-cased directive -> values, first occurrence only (IdentityFile: all of them). */
	values: ReadonlyMap<string, string[]>;
	/** Every config file read, the main one first. */
	files: string[];
	/** What the wizard could not evaluate the way OpenSSH would (Match exec, ...). */
	warnings: string[];
};

const accumulating = new Set(['identityfile', 'certificatefile', 'localforward', 'remoteforward', 'dynamicforward']);
const maxIncludeDepth = 16;

function valuesOf(line: Line): string[] {
	if (line.type !== LineType.DIRECTIVE) {
		return [];
	}

	return typeof line.value === 'string' ? [line.value] : line.value.map(part => part.val);
}

export function homeDirectory(): string {
	return os.homedir();
}

export function expandTilde(value: string): string {
	return value === '~' ? homeDirectory() : value.startsWith('~/') ? path.join(homeDirectory(), value.slice(2)) : value;
}

/** The files an Include pattern names, sorted as glob(3) sorts them; missing ones are skipped. */
function includedFiles(pattern: string, userConfig: boolean): string[] {
	const expanded = expandTilde(pattern);
	const absolute = path.isAbsolute(expanded) ? expanded : path.join(userConfig ? path.join(homeDirectory(), '.ssh') : '/etc/ssh', expanded);
	let candidates = ['/'];
	for (const segment of absolute.split('/').filter(Boolean)) {
		const next: string[] = [];
		for (const directory of candidates) {
			if (/[*?]/.test(segment)) {
				let names: string[] = [];
				try {
					names = readdirSync(directory);
				} catch {}

				next.push(...names.filter(name => !name.startsWith('.') && glob(segment, name)).sort().map(name => path.join(directory, name)));
			} else {
				next.push(path.join(directory, segment));
			}
		}

		candidates = next;
	}

	return candidates;
}

type Walk = {
	name: string;
	values: Map<string, string[]>;
	files: string[];
	warnings: string[];
	named?: string;
	userConfig: boolean;
};

function hostMatches(patterns: string[], walk: Walk, file: string): boolean {
	const name = walk.name.toLowerCase();
	if (!glob(patterns.map(pattern => pattern.toLowerCase()), name)) {
		return false;
	}

	if (walk.named === undefined && patterns.some(pattern => pattern.toLowerCase() === name)) {
		walk.named = file;
	}

	return true;
}

function matchApplies(line: Line, walk: Walk): boolean {
	if (line.type !== LineType.DIRECTIVE || !('criteria' in line)) {
		return false;
	}

	const criteria = line.criteria as Record<string, string | Array<{val: string}>>;
	for (const [rawKeyword, rawValue] of Object.entries(criteria)) {
		const negated = rawKeyword.startsWith('!');
		const keyword = rawKeyword.replace(/^!/, '').toLowerCase();
		const patterns = Array.isArray(rawValue) ? rawValue.map(part => part.val) : String(rawValue).split(',');
		let result: boolean;
		switch (keyword) {
			case 'all': {
				result = true;
				break;
			}

			case 'host': {
				result = glob(patterns, (walk.values.get('hostname')?.[0] ?? walk.name).toLowerCase());
				break;
			}

			case 'originalhost': {
				result = glob(patterns, walk.name.toLowerCase());
				break;
			}

			case 'user': {
				result = glob(patterns, walk.values.get('user')?.[0] ?? localUser());
				break;
			}

			case 'localuser': {
				result = glob(patterns, localUser());
				break;
			}

			default: {
				// Running `exec` commands (or canonicalising names) while the wizard renders a
				// question is not something to do behind the person's back: said, not guessed.
				walk.warnings.push(`"Match ${keyword}" in your ssh config is not evaluated by the wizard; that block is ignored.`);
				result = false;
			}
		}

		if (result === negated) {
			return false;
		}
	}

	return true;
}

function walkLines(lines: readonly Line[], file: string, active: boolean, walk: Walk, depth: number): void {
	for (const line of lines) {
		if (line.type !== LineType.DIRECTIVE) {
			continue;
		}

		const parameter = line.param.toLowerCase();
		if ('config' in line && (parameter === 'host' || parameter === 'match')) {
			// A Host or Match line starts a block that applies on its own terms, even inside an
			// included file; the enclosing state comes back when that file ends.
			const applies = parameter === 'host' ? hostMatches(valuesOf(line), walk, file) : matchApplies(line, walk);
			walkLines(line.config, file, applies, walk, depth);
			continue;
		}

		if (!active) {
			continue;
		}

		if (parameter === 'include') {
			for (const pattern of valuesOf(line)) {
				for (const included of includedFiles(pattern, walk.userConfig)) {
					readInto(included, walk, depth + 1);
				}
			}

			continue;
		}

		const values = valuesOf(line);
		if (accumulating.has(parameter)) {
			walk.values.set(parameter, [...(walk.values.get(parameter) ?? []), ...values]);
		} else if (!walk.values.has(parameter)) {
			walk.values.set(parameter, values);
		}
	}
}

function readInto(file: string, walk: Walk, depth: number): void {
	if (depth > maxIncludeDepth) {
		throw new SshConfigError(`${file}: Include nested more than ${maxIncludeDepth} levels deep (a loop?).`);
	}

	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') {
			return;
		}

		throw new SshConfigError(`${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
	}

	walk.files.push(file);
	let lines: readonly Line[];
	try {
		lines = parse(text);
	} catch (error) {
		throw new SshConfigError(`${file} is not a valid ssh config file: ${(error as Error).message}.`);
	}

	walkLines(lines, file, true, walk, depth);
}

export class SshConfigError extends Error {}

/**
 * Everything the ssh config at `file` (default ~/.ssh/config) says about `name`. Throws an
 * SshConfigError when the file (or an included one) cannot be read or parsed, as ssh would
 * refuse to start; a missing file is simply an empty config.
 */
export function readHostConfig(name: string, file = sshConfigPath()): SshHostConfig {
	const walk: Walk = {name, values: new Map(), files: [], warnings: [], userConfig: true};
	readInto(file, walk, 0);
	return {name, named: walk.named !== undefined, namedIn: walk.named, values: walk.values, files: walk.files, warnings: [...new Set(walk.warnings)]};
}

/** The same, or undefined when the config cannot be read: for defaults, which must never fail. */
export function tryReadHostConfig(name: string, file = sshConfigPath()): SshHostConfig | undefined {
	try {
		return readHostConfig(name, file);
	} catch {
		return undefined;
	}
}

export function localUser(): string {
	try {
		return os.userInfo().username;
	} catch {
		return process.env.USER ?? process.env.LOGNAME ?? '';
	}
}

export function firstValue(config: SshHostConfig, directive: string): string | undefined {
	return config.values.get(directive.toLowerCase())?.[0];
}

/** The HostName the config gives (with %h and %% expanded), or the name itself. */
export function configHostName(config: SshHostConfig): string {
	const hostName = firstValue(config, 'HostName');
	return hostName ? hostName.replaceAll(/%([%h])/g, (_token, letter: string) => (letter === 'h' ? config.name : '%')) : config.name;
}

export function configPort(config: SshHostConfig): number | undefined {
	const port = Number(firstValue(config, 'Port'));
	return Number.isInteger(port) && port >= 1 && port <= 65_535 ? port : undefined;
}
