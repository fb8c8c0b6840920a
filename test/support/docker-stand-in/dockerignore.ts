// .dockerignore as Docker reads it (github.com/moby/patternmatcher): each line a pattern,
// cleaned like a path (a trailing "/" and a leading "/" or "./" dropped); "#" lines and blank
// lines ignored; "!" makes an exception; the last pattern that matches decides. A pattern
// matches from the context's root, never at any depth like .gitignore: ".env" leaves out
// ./.env only, and "*.py[cod]" only the root's .pyc files ("**/" reaches into folders). A
// pattern matching a folder leaves out everything in it.
import {copyFileSync, lstatSync, mkdirSync, readdirSync, readlinkSync, symlinkSync} from 'node:fs';
import path from 'node:path';
import {Refusal} from './refusal.js';

export type IgnorePattern = {exclusion: boolean; expression: RegExp; text: string};

/** Go's filepath.Match syntax plus Docker's "**", as a regular expression on "/" paths. */
function toExpression(pattern: string): RegExp {
	let source = '';
	for (let index = 0; index < pattern.length; index++) {
		const character = pattern[index]!;
		if (character === '*' && pattern[index + 1] === '*') {
			index++;
			// "**/" also matches no folder at all.
			if (pattern[index + 1] === '/') {
				index++;
				source += '(?:.*/)?';
			} else {
				source += '.*';
			}
		} else if (character === '*') {
			source += '[^/]*';
		} else if (character === '?') {
			source += '[^/]';
		} else if (character === '[') {
			const end = pattern.indexOf(']', index + 1);
			if (end === -1) {
				throw new Refusal(`syntax error in .dockerignore pattern: ${pattern}`);
			}

			const body = pattern.slice(index + 1, end);
			source += `[${body.startsWith('^') ? `^${body.slice(1)}` : body}]`;
			index = end;
		} else if (character === '\\' && index + 1 < pattern.length) {
			source += `\\${pattern[++index]!}`;
		} else {
			source += /[.+^${}()|\\/]/.test(character) ? `\\${character}` : character;
		}
	}

	return new RegExp(`^${source}$`);
}

export function parseDockerignore(text: string): IgnorePattern[] {
	return text.split('\n')
		.map(line => line.trim())
		.filter(line => line !== '' && !line.startsWith('#'))
		.flatMap(line => {
			const exclusion = line.startsWith('!');
			const cleaned = path.posix.normalize((exclusion ? line.slice(1) : line).trim()).replace(/^(?:\.?\/)+/, '').replace(/\/+$/, '');
			return cleaned === '' || cleaned === '.' ? [] : [{exclusion, expression: toExpression(cleaned), text: line}];
		});
}

/** `relativePath` uses "/" and starts at the context's root (no "./"). */
export function isIgnored(patterns: IgnorePattern[], relativePath: string): boolean {
	const parents = relativePath.split('/').slice(0, -1).map((_, index, parts) => parts.slice(0, index + 1).join('/'));
	let ignored = false;
	for (const pattern of patterns) {
		// An exception can only bring back what is ignored; a pattern can only ignore what is not.
		if (pattern.exclusion !== ignored) {
			continue;
		}

		if (pattern.expression.test(relativePath) || parents.some(parent => pattern.expression.test(parent))) {
			ignored = !pattern.exclusion;
		}
	}

	return ignored;
}

/** Copies `context` to `target`, leaving out what the patterns ignore; returns the files copied. */
export function copyContext(context: string, target: string, patterns: IgnorePattern[]): string[] {
	const copied: string[] = [];
	const hasExceptions = patterns.some(pattern => pattern.exclusion);
	const walk = (relative: string) => {
		for (const entry of readdirSync(path.join(context, relative), {withFileTypes: true})) {
			const entryPath = relative ? `${relative}/${entry.name}` : entry.name;
			const ignored = isIgnored(patterns, entryPath);
			const source = path.join(context, entryPath);
			if (entry.isDirectory()) {
				// An ignored folder may still hold an exception ("!folder/keep"): look inside then.
				if (!ignored || hasExceptions) {
					walk(entryPath);
				}
			} else if (!ignored) {
				const destination = path.join(target, entryPath);
				mkdirSync(path.dirname(destination), {recursive: true});
				if (lstatSync(source).isSymbolicLink()) {
					symlinkSync(readlinkSync(source), destination);
				} else {
					copyFileSync(source, destination);
				}

				copied.push(entryPath);
			}
		}
	};

	mkdirSync(target, {recursive: true});
	walk('');
	return copied;
}
