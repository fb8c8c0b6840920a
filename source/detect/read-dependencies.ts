import path from 'node:path';
import type {Dependencies} from './project-detection.js';
import {readProjectFile} from './project-files.js';

const packageName = /^\s*([A-Za-z\d][\w.-]*)/;

function names(specs: Iterable<string>): string[] {
	const found = new Set<string>();
	for (const spec of specs) {
		const match = packageName.exec(spec);
		if (match) {
			found.add(match[1]!.toLowerCase().replaceAll('_', '-'));
		}
	}

	return [...found].sort();
}

/** The body of one [section] of a TOML-like file, up to the next section header. */
export function tomlSection(text: string, header: string): string | undefined {
	const lines = text.split('\n');
	const start = lines.findIndex(line => line.trim() === `[${header}]`);
	if (start === -1) {
		return undefined;
	}

	const rest = lines.slice(start + 1);
	const end = rest.findIndex(line => /^\s*\[/.test(line));
	return (end === -1 ? rest : rest.slice(0, end)).join('\n');
}

/** The strings of a `key = [ "a", "b[extra]" ]` array; brackets inside strings are fine. */
export function tomlStringArray(section: string, key: string): string[] {
	const start = new RegExp(`^${key}\\s*=\\s*\\[`, 'm').exec(section);
	if (!start) {
		return [];
	}

	const items: string[] = [];
	const item = /\s*(?:#[^\n]*\n\s*)*(?:"([^"\n]*)"|'([^'\n]*)'|(\]))\s*,?/y;
	item.lastIndex = start.index + start[0].length;
	for (let match = item.exec(section); match && !match[3]; match = item.exec(section)) {
		items.push(match[1] ?? match[2]!);
	}

	return items;
}

function sectionKeys(section: string | undefined): string[] {
	return (section ?? '').split('\n').flatMap(line => /^\s*"?([A-Za-z\d][\w.-]*)"?\s*=/.exec(line)?.[1] ?? []);
}

const includeOption = /^\s*(?:-r|-c|--requirement|--constraint)[\s=]+(\S+)/;
const localPath = /^\s*(?:-e\s+|--editable[\s=]+)?\.{1,2}(?:\/\S*)?\s*$/;
/** A relative path the Dockerfile may name: no spaces, no way out of the project. */
const safeRelativePath = /^(?!\/)(?!.*\.\.)[\w./-]+$/;

type RequirementLines = {lines: string[]; includes: string[]; localInstall: boolean};

/** Reads a requirements file and the files it includes (-r, -c), a few levels deep. */
function readRequirements(directory: string, file: string, depth: number): RequirementLines | undefined {
	const text = readProjectFile(directory, file);
	if (text === undefined) {
		return undefined;
	}

	const result: RequirementLines = {lines: [], includes: [], localInstall: false};
	for (const raw of text.split('\n')) {
		const line = raw.replace(/(^|\s)#.*/, '');
		const include = includeOption.exec(line)?.[1];
		if (include !== undefined) {
			const relative = path.posix.join(path.posix.dirname(file), include);
			const nested = depth < 3 && safeRelativePath.test(relative) ? readRequirements(directory, relative, depth + 1) : undefined;
			if (nested) {
				result.includes.push(relative, ...nested.includes);
				result.lines.push(...nested.lines);
				result.localInstall ||= nested.localInstall;
			}
		} else if (localPath.test(line)) {
			result.localInstall = true;
		} else if (!line.trim().startsWith('-')) {
			result.lines.push(line);
		}
	}

	result.includes = [...new Set(result.includes)];
	return result;
}

/**
 * Finds the dependency list the Dockerfile can install from, in the order pip users expect:
 * requirements.txt first, then pyproject.toml ([project] dependencies), then Pipfile.
 * This reads the files as text: good enough to name packages, never executed.
 */
export function readDependencies(directory: string): Dependencies {
	const requirements = readRequirements(directory, 'requirements.txt', 0);
	if (requirements) {
		const {lines, includes, localInstall} = requirements;
		return {file: 'requirements.txt', packages: names(lines), poetryOnly: false, pipfileLock: false, includes, localInstall};
	}

	const pyproject = readProjectFile(directory, 'pyproject.toml');
	if (pyproject !== undefined) {
		const project = tomlSection(pyproject, 'project') ?? '';
		const specs = tomlStringArray(project, 'dependencies');
		const poetry = sectionKeys(tomlSection(pyproject, 'tool.poetry.dependencies')).filter(name => name !== 'python');
		return {
			file: 'pyproject.toml',
			packages: names(specs.length > 0 ? specs : poetry),
			poetryOnly: specs.length === 0 && poetry.length > 0,
			pipfileLock: false,
			includes: [],
			localInstall: false,
		};
	}

	const pipfile = readProjectFile(directory, 'Pipfile');
	if (pipfile !== undefined) {
		return {
			file: 'Pipfile',
			packages: names(sectionKeys(tomlSection(pipfile, 'packages'))),
			poetryOnly: false,
			pipfileLock: readProjectFile(directory, 'Pipfile.lock') !== undefined,
			includes: [],
			localInstall: false,
		};
	}

	return {file: undefined, packages: [], poetryOnly: false, pipfileLock: false, includes: [], localInstall: false};
}
