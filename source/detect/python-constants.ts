import {importBindings, type ProjectTree, type PythonFile, resolveBinding} from './python-modules.js';
import {stringValue} from './python-text.js';

// Route prefixes are often constants from a config module (API_PREFIX = "/api", or a settings
// field API_V1_STR: str = "/api/v1" used as settings.API_V1_STR). This reads such string
// constants, module-level or class-level, and evaluates the simple expressions built from
// them: a literal, a name, obj.NAME, an f-string of those, and "+" between them.

const constantLine = /^[ \t]*([A-Za-z_]\w*)[ \t]*(?::[^=\n]+)?=[ \t]*([rRuU]?(["'])[^"'\\\n]*\3)[ \t]*$/gm;

export class StringConstants {
	private readonly byFile = new Map<string, Map<string, string>>();
	private readonly byName = new Map<string, Set<string>>();
	private readonly codeOf = new Map<string, string>();

	constructor(files: readonly PythonFile[], private readonly tree: ProjectTree, private readonly roots: readonly string[]) {
		for (const file of files) {
			this.codeOf.set(file.path, file.code);
			const constants = new Map<string, string>();
			for (const match of file.code.matchAll(constantLine)) {
				const value = stringValue(match[2]);
				if (value !== undefined && !constants.has(match[1]!)) {
					constants.set(match[1]!, value);
					this.byName.set(match[1]!, new Set([...this.byName.get(match[1]!) ?? [], value]));
				}
			}

			this.byFile.set(file.path, constants);
		}
	}

	/** The string an expression in `file` evaluates to, or undefined when it cannot be known. */
	evaluate(file: string, expression: string | undefined, depth = 0): string | undefined {
		const text = expression?.trim();
		if (text === undefined || text === '' || depth > 5) {
			return undefined;
		}

		const literal = stringValue(text);
		if (literal !== undefined) {
			return literal;
		}

		const parts = splitPlus(text);
		if (parts.length > 1) {
			const values = parts.map(part => this.evaluate(file, part, depth + 1));
			return values.every(value => value !== undefined) ? values.join('') : undefined;
		}

		const formatted = /^[fF](["'])([^"'\\\n]*)\1$/.exec(text);
		if (formatted) {
			let unknown = false;
			const value = formatted[2]!.replaceAll(/\{([^{}]+)\}/g, (_, inner: string) => {
				const part = this.evaluate(file, inner, depth + 1);
				unknown ||= part === undefined;
				return part ?? '';
			});
			return unknown ? undefined : value;
		}

		if (/^[A-Za-z_]\w*$/.test(text)) {
			return this.name(file, text, depth);
		}

		const attribute = /^([A-Za-z_][\w.]*)\.([A-Za-z_]\w*)$/.exec(text);
		return attribute ? this.attribute(file, attribute[1]!, attribute[2]!) : undefined;
	}

	private name(file: string, name: string, depth: number): string | undefined {
		const own = this.byFile.get(file)?.get(name);
		if (own !== undefined) {
			return own;
		}

		const binding = importBindings(this.codeOf.get(file) ?? '').find(candidate => candidate.local === name && candidate.name !== undefined);
		const target = binding && resolveBinding(this.tree, file, binding, this.roots);
		return target?.attribute === undefined || depth > 4 ? undefined : this.name(target.file, target.attribute, depth + 1);
	}

	private attribute(file: string, owner: string, name: string): string | undefined {
		const binding = importBindings(this.codeOf.get(file) ?? '').find(candidate => candidate.local === owner);
		const target = binding && resolveBinding(this.tree, file, binding, this.roots);
		if (target && target.attribute === undefined) {
			return this.byFile.get(target.file)?.get(name);
		}

		// settings.API_PREFIX: a field of a settings object; taken when the project gives it one value.
		const values = this.byName.get(name);
		return values?.size === 1 ? [...values][0] : undefined;
	}
}

/** Splits at "+" outside strings and brackets. */
function splitPlus(text: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let start = 0;
	for (let index = 0; index < text.length; index++) {
		const char = text[index]!;
		if (char === '"' || char === '\'') {
			const end = text.indexOf(char, index + 1);
			index = end === -1 ? text.length : end;
		} else if ('([{'.includes(char)) {
			depth++;
		} else if (')]}'.includes(char)) {
			depth--;
		} else if (char === '+' && depth === 0) {
			parts.push(text.slice(start, index).trim());
			start = index + 1;
		}
	}

	parts.push(text.slice(start).trim());
	return parts;
}
