import type {Detected} from './project-detection.js';
import {tomlSection} from './read-dependencies.js';
import {readProjectFile} from './project-files.js';

const minorVersion = /(3\.\d{1,2})/;

/**
 * The Python minor version the project asks for, so the image matches the laptop.
 * From requires-python we take the lowest version allowed: it is the one the author tested.
 */
export function detectPythonVersion(directory: string): Detected<string> | undefined {
	const pinned = readProjectFile(directory, '.python-version')?.split('\n')[0]?.trim();
	const fromPinned = pinned ? minorVersion.exec(pinned)?.[1] : undefined;
	if (fromPinned) {
		return {value: fromPinned, source: '.python-version'};
	}

	const runtime = readProjectFile(directory, 'runtime.txt');
	const fromRuntime = runtime ? /python-(3\.\d{1,2})/.exec(runtime)?.[1] : undefined;
	if (fromRuntime) {
		return {value: fromRuntime, source: 'runtime.txt'};
	}

	const pyproject = readProjectFile(directory, 'pyproject.toml');
	const requires = pyproject ? /^requires-python\s*=\s*["']([^"']+)["']/m.exec(tomlSection(pyproject, 'project') ?? '')?.[1] : undefined;
	const fromRequires = requires ? lowestAllowed(requires) : undefined;
	if (fromRequires) {
		return {value: fromRequires, source: 'requires-python in pyproject.toml'};
	}

	const pipfile = readProjectFile(directory, 'Pipfile');
	const fromPipfile = pipfile ? /python_version\s*=\s*["'](3\.\d{1,2})/.exec(pipfile)?.[1] : undefined;
	return fromPipfile ? {value: fromPipfile, source: 'Pipfile'} : undefined;
}

function lowestAllowed(specifier: string): string | undefined {
	for (const clause of specifier.split(',')) {
		const match = /^\s*(>=|~=|==|>)?\s*(3)\.(\d{1,2})/.exec(clause);
		if (match && match[1] !== '<') {
			const minor = Number(match[3]) + (match[1] === '>' && !/3\.\d+\.\d/.test(clause) ? 1 : 0);
			return `3.${minor}`;
		}
	}

	return undefined;
}
