import type {EnvironmentRead} from './environment-reads.js';
import {callArguments, type CallArguments, firstString, importedNames, type LogicalLine, logicalLines, splitAssignment, stringValue} from './python-text.js';

// pydantic settings classes (pydantic-settings, or pydantic v1's own BaseSettings): every
// field is read from the environment, by default under its upper-cased name (pydantic
// compares names case-insensitively), after env_prefix; an alias names the variable exactly.

type SettingsConfig = {prefix: string; caseSensitive: boolean; v1: boolean};

const classLine = /^class\s+([A-Za-z_]\w*)\s*(?:\(([\s\S]*)\))?\s*:/;
const fieldLine = /^([A-Za-z_]\w*)\s*:(?!=)/;
const keywords = new Set(['else', 'try', 'finally', 'lambda']);

function configValue(text: string, key: string): string | undefined {
	const match = new RegExp(String.raw`["']?\b${key}["']?\s*[=:]\s*([^,)}\n]+)`).exec(text);
	return match?.[1]?.trim();
}

/** Reads env_prefix and case_sensitive from model_config, class Config or class keywords. */
function applyConfig(config: SettingsConfig, text: string): SettingsConfig {
	const prefix = stringValue(configValue(text, 'env_prefix'));
	const caseSensitive = configValue(text, 'case_sensitive');
	return {
		...config,
		prefix: prefix ?? config.prefix,
		caseSensitive: caseSensitive === undefined ? config.caseSensitive : caseSensitive === 'True',
	};
}

function fieldCall(expression: string | undefined): CallArguments | undefined {
	const index = expression?.search(/(?<![\w.])(?:pydantic\.)?Field\s*\(/) ?? -1;
	return index === -1 ? undefined : callArguments(expression!, expression!.indexOf('(', index));
}

function isOptionalType(annotation: string): boolean {
	return /^(?:typing\.)?Optional\[/.test(annotation) || /^(?:typing\.)?Union\[[\s\S]*\bNone\b/.test(annotation) || /\|\s*None\b|\bNone\s*\|/.test(annotation);
}

/** The variable one field reads, and whether leaving it unset is fine (it has a default). */
function fieldRead(name: string, annotation: string, value: string | undefined, config: SettingsConfig): EnvironmentRead {
	const call = fieldCall(value) ?? fieldCall(annotation);
	let optional: boolean;
	if (value !== undefined && !fieldCall(value)) {
		// `name: str = ...` is pydantic's spelling of "required".
		optional = value !== '...';
	} else if (call) {
		const fallback = call.positional[0] ?? call.keywords.get('default');
		optional = fallback === undefined ? call.keywords.has('default_factory') : fallback !== '...';
	} else {
		optional = false;
	}

	// pydantic v1 gives Optional[...] fields a default of None; v2 no longer does.
	if (!optional && config.v1 && isOptionalType(annotation) && (call?.positional[0] ?? call?.keywords.get('default')) !== '...') {
		optional = true;
	}

	const aliasExpression = call && (call.keywords.get('validation_alias') ?? call.keywords.get('alias') ?? call.keywords.get('env'));
	const alias = aliasExpression === undefined ? undefined : firstString(aliasExpression);
	const variable = alias ?? `${config.prefix}${name}`;
	return {name: config.caseSensitive ? variable : variable.toUpperCase(), optional};
}

/** The statements directly inside the class that starts at lines[start], and where it ends. */
function classBody(lines: LogicalLine[], start: number): {statements: Array<{line: LogicalLine; nested: LogicalLine[]}>; end: number} {
	const {indent} = lines[start]!;
	let end = start + 1;
	while (end < lines.length && lines[end]!.indent > indent) {
		end++;
	}

	const body = lines.slice(start + 1, end);
	const bodyIndent = body[0]?.indent ?? 0;
	const statements: Array<{line: LogicalLine; nested: LogicalLine[]}> = [];
	for (const line of body) {
		if (line.indent <= bodyIndent || statements.length === 0) {
			statements.push({line, nested: []});
		} else {
			statements.at(-1)!.nested.push(line);
		}
	}

	return {statements, end};
}

/** Reads from the environment made by the pydantic settings classes of one file (comments removed). */
export function settingsClassReads(code: string): EnvironmentRead[] {
	if (!code.includes('BaseSettings')) {
		return [];
	}

	const bases = new Map<string, SettingsConfig>();
	const base = {prefix: '', caseSensitive: false};
	for (const [local, imported] of importedNames(code, /^pydantic_settings$/)) {
		if (imported === 'BaseSettings') {
			bases.set(local, {...base, v1: false});
		}
	}

	for (const [local, imported] of importedNames(code, /^pydantic(?:\.v1)?$/)) {
		if (imported === 'BaseSettings') {
			bases.set(local, {...base, v1: true});
		}
	}

	bases.set('pydantic_settings.BaseSettings', {...base, v1: false});
	bases.set('pydantic.BaseSettings', {...base, v1: true});
	bases.set('pydantic.v1.BaseSettings', {...base, v1: true});

	const reads: EnvironmentRead[] = [];
	const lines = logicalLines(code);
	for (let index = 0; index < lines.length; index++) {
		const header = classLine.exec(lines[index]!.text);
		if (!header) {
			continue;
		}

		const classArguments = (header[2] ?? '').split(',').map(part => part.trim());
		// A subclass of a settings class found earlier is one too, and inherits its config.
		const parent = classArguments.map(name => bases.get(name)).find(config => config !== undefined);
		if (!parent) {
			continue;
		}

		let config = applyConfig(parent, classArguments.filter(part => part.includes('=')).join(', '));
		const {statements} = classBody(lines, index);
		for (const {line, nested} of statements) {
			if (/^model_config\b/.test(line.text)) {
				config = applyConfig(config, splitAssignment(line.text)[1] ?? '');
			} else if (/^class\s+Config\s*[(:]/.test(line.text)) {
				config = applyConfig(config, nested.map(statement => statement.text).join('\n'));
			}
		}

		bases.set(header[1]!, config);
		for (const {line} of statements) {
			const field = fieldLine.exec(line.text);
			if (!field || field[1]!.startsWith('_') || field[1] === 'model_config' || keywords.has(field[1]!)) {
				continue;
			}

			const [target, value] = splitAssignment(line.text);
			const annotation = target.slice(target.indexOf(':') + 1).trim();
			if (/^(?:typing\.)?ClassVar\b/.test(annotation)) {
				continue;
			}

			reads.push(fieldRead(field[1]!, annotation, value, config));
		}
	}

	return reads;
}
