import path from 'node:path';
import {type Detected, fallbacks, type PinnedPackage} from './project-detection.js';
import {readProjectFile} from './project-files.js';
import {compareVersions, mostLimitingPin} from './python-support.js';
import {tomlSection} from './read-dependencies.js';
import {yamlValues} from './yaml-values.js';

const minorVersion = /(3\.\d{1,2})/;

export type PythonEvidence = {
	/** The base image of the project's own Dockerfile, and that file's name. */
	dockerfile?: {path: string; image?: string};
	/** Folders above the project, innermost first, whose .python-version applies too (pyenv looks upward). */
	ancestors: readonly string[];
	pins: readonly PinnedPackage[];
	pinsFile?: string;
};

/** The lowest Python 3 minor version a constraint allows: ^3.11, ~3.10, >=3.9,<3.13, 3.10.*, ==3.8.5. */
export function lowestAllowed(specifier: string): string | undefined {
	const alternatives = specifier.split(/\|\|?/).flatMap(alternative => {
		for (const clause of alternative.split(',')) {
			const match = /^\s*(\^|~=|~|>=|==|>|=)?\s*(3)\.(\d{1,2})/.exec(clause);
			if (match) {
				const bump = match[1] === '>' && !/3\.\d+\.\d/.test(clause) ? 1 : 0;
				return [`3.${Number(match[3]) + bump}`];
			}
		}

		return [];
	});
	return alternatives.sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]))[0];
}

function fromImage(image: string | undefined): string | undefined {
	return image === undefined ? undefined : /(?:^|\/)python:(3\.\d{1,2})|:python(3\.\d{1,2})/.exec(image)?.slice(1).find(Boolean);
}

/** .python-version (pyenv, uv) and .tool-versions (asdf), here or in a folder above. */
function pinnedLocally(directory: string, ancestors: readonly string[]): Detected<string> | undefined {
	for (const folder of [directory, ...ancestors]) {
		const where = (name: string) => (folder === directory ? name : path.relative(directory, path.join(folder, name)));
		const pinned = minorVersion.exec(readProjectFile(folder, '.python-version')?.split('\n')[0] ?? '')?.[1];
		if (pinned) {
			return {value: pinned, source: where('.python-version')};
		}

		const asdf = /^python\s+(3\.\d{1,2})/m.exec(readProjectFile(folder, '.tool-versions') ?? '')?.[1];
		if (asdf) {
			return {value: asdf, source: where('.tool-versions')};
		}
	}

	return undefined;
}

function condaPython(directory: string): Detected<string> | undefined {
	for (const name of ['environment.yml', 'environment.yaml', 'conda.yml', 'conda.yaml']) {
		const text = readProjectFile(directory, name);
		const entry = text === undefined ? undefined : yamlValues(text).get('dependencies')?.find(item => /^python(?:[\s=<>~!]|$)/.test(item));
		const version = entry === undefined ? undefined : lowestAllowed(entry.replace(/^python\s*/, '').replace(/^=(?!=)/, '=='));
		if (version) {
			return {value: version, source: `${name} (${entry})`};
		}
	}

	return undefined;
}

/**
 * The Python minor version the project asks for, from the strongest evidence: the image its
 * own Dockerfile builds on; .python-version; runtime.txt; Pipfile; environment.yml; Poetry's
 * python constraint; requires-python (a range gives its lowest version: the one the author
 * tested); and when nothing names one, the newest Python its oldest pin installs on.
 */
export function detectPythonVersion(directory: string, evidence: PythonEvidence): Detected<string> | undefined {
	const image = fromImage(evidence.dockerfile?.image);
	if (image) {
		return {value: image, source: `${evidence.dockerfile!.path} (FROM ${evidence.dockerfile!.image})`};
	}

	const local = pinnedLocally(directory, evidence.ancestors);
	if (local) {
		return local;
	}

	const runtime = /python-(3\.\d{1,2})/.exec(readProjectFile(directory, 'runtime.txt') ?? '')?.[1];
	if (runtime) {
		return {value: runtime, source: 'runtime.txt'};
	}

	const pipfile = /python_(?:full_)?version\s*=\s*["'](3\.\d{1,2})/.exec(readProjectFile(directory, 'Pipfile') ?? '')?.[1];
	if (pipfile) {
		return {value: pipfile, source: 'Pipfile [requires]'};
	}

	const conda = condaPython(directory);
	if (conda) {
		return conda;
	}

	const pyproject = readProjectFile(directory, 'pyproject.toml') ?? '';
	const poetry = /^python\s*=\s*["']([^"']+)["']/m.exec(tomlSection(pyproject, 'tool.poetry.dependencies') ?? '')?.[1];
	const fromPoetry = poetry === undefined ? undefined : lowestAllowed(poetry);
	if (fromPoetry) {
		return {value: fromPoetry, source: `pyproject.toml [tool.poetry.dependencies] python = "${poetry}"`};
	}

	const requires = /^requires-python\s*=\s*["']([^"']+)["']/m.exec(tomlSection(pyproject, 'project') ?? '')?.[1];
	const fromRequires = requires === undefined ? undefined : lowestAllowed(requires);
	if (fromRequires) {
		return {value: fromRequires, source: `pyproject.toml requires-python = "${requires}"`};
	}

	const limit = mostLimitingPin(evidence.pins);
	return limit === undefined || compareVersions(limit.python, fallbacks.pythonVersion) >= 0 ? undefined : {value: limit.python, source: `${limit.pin.name}==${limit.pin.version} in ${evidence.pinsFile}, which installs on Python ${limit.python} at the newest`};
}
