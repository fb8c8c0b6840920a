import path from 'node:path';
import type {Dependencies, DependencyTool, PinnedPackage} from './project-detection.js';
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
export const safeRelativePath = /^(?!\/)(?!.*\.\.)[\w./-]+$/;
const exactPin = /^\s*([A-Za-z\d][\w.-]*)(?:\[[^\]]*\])?\s*===?\s*([\w.!+-]+)/;

/** A file made for deployment wins over requirements.txt, which often lists notebooks and test tools too. */
const productionRequirements = [
	'requirements-prod.txt', 'requirements_prod.txt', 'requirements.prod.txt', 'requirements-production.txt',
	'requirements_production.txt', 'requirements/prod.txt', 'requirements/production.txt',
];
const baseRequirements = ['requirements/base.txt', 'requirements/main.txt', 'requirements/common.txt'];

type RequirementLines = {lines: string[]; includes: string[]; localInstall: boolean};

function pinsOf(specs: Iterable<string>): PinnedPackage[] {
	return [...specs].flatMap(spec => {
		const match = exactPin.exec(spec);
		return match ? [{name: match[1]!.toLowerCase().replaceAll('_', '-'), version: match[2]!}] : [];
	});
}

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

function fromRequirements(directory: string, file: string): Dependencies | undefined {
	const requirements = readRequirements(directory, file, 0);
	if (!requirements) {
		return undefined;
	}

	const {lines, includes, localInstall} = requirements;
	return {file, tool: 'pip', packages: names(lines), pins: pinsOf(lines), includes, localInstall};
}

/** Poetry lists a bare version ("1.2.3") as an exact pin; ^ and ~ ranges are not pins. */
function poetryPins(section: string | undefined): PinnedPackage[] {
	return (section ?? '').split('\n').flatMap(line => {
		const match = /^\s*"?([A-Za-z\d][\w.-]*)"?\s*=\s*(?:\{[^}]*version\s*=\s*)?["']=*(\d[\w.!+-]*)["']/.exec(line);
		return match && match[1] !== 'python' ? [{name: match[1]!.toLowerCase().replaceAll('_', '-'), version: match[2]!}] : [];
	});
}

function fromPyproject(directory: string): Dependencies | undefined {
	const pyproject = readProjectFile(directory, 'pyproject.toml');
	if (pyproject === undefined) {
		return undefined;
	}

	const specs = tomlStringArray(tomlSection(pyproject, 'project') ?? '', 'dependencies');
	const poetrySection = tomlSection(pyproject, 'tool.poetry.dependencies');
	const poetry = sectionKeys(poetrySection).filter(name => name !== 'python');
	const has = (name: string) => readProjectFile(directory, name) !== undefined;
	// The lock file says which tool the project uses; without one, Poetry's own table does.
	const locks: Array<[DependencyTool, string]> = [['poetry', 'poetry.lock'], ['uv', 'uv.lock'], ['pdm', 'pdm.lock']];
	const [tool, lockFile] = locks.find(([, lock]) => has(lock)) ?? [poetry.length > 0 ? 'poetry' : specs.length > 0 ? 'pep621' : undefined, undefined];
	if (tool === undefined) {
		// A pyproject.toml that only configures tools (ruff, black) lists nothing to install.
		return undefined;
	}

	return {file: 'pyproject.toml', tool, lockFile, packages: names([...specs, ...poetry]), pins: [...pinsOf(specs), ...poetryPins(poetrySection)], includes: [], localInstall: false};
}

function fromPipfile(directory: string): Dependencies | undefined {
	const pipfile = readProjectFile(directory, 'Pipfile');
	if (pipfile === undefined) {
		return undefined;
	}

	const packages = tomlSection(pipfile, 'packages');
	const lockFile = readProjectFile(directory, 'Pipfile.lock') === undefined ? undefined : 'Pipfile.lock';
	return {file: 'Pipfile', tool: 'pipenv', lockFile, packages: names(sectionKeys(packages)), pins: poetryPins(packages), includes: [], localInstall: false};
}

/**
 * Finds what the project installs, in the order its own tools would: a requirements file
 * made for production, requirements.txt, pyproject.toml (Poetry, uv, PDM or plain PEP 621,
 * told apart by their lock files), Pipfile, requirements/base.txt; then the same in the
 * app's own folder (`appFolders`), for code kept in a subfolder. Read as text, never executed.
 */
export function readDependencies(directory: string, appFolders: readonly string[] = []): Dependencies {
	for (const folder of ['', ...appFolders.filter(folder => folder !== '' && safeRelativePath.test(folder))]) {
		const at = (name: string) => (folder === '' ? name : `${folder}/${name}`);
		const found = [...productionRequirements, 'requirements.txt'].map(name => fromRequirements(directory, at(name))).find(Boolean)
			?? (folder === '' ? fromPyproject(directory) ?? fromPipfile(directory) : undefined)
			?? baseRequirements.map(name => fromRequirements(directory, at(name))).find(Boolean);
		if (found) {
			return found;
		}
	}

	return {file: undefined, tool: undefined, packages: [], pins: [], includes: [], localInstall: false};
}
