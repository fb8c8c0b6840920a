import path from 'node:path';
import {importBindings, type ProjectTree, type PythonFile, resolveBinding} from './python-modules.js';

// Files an app writes next to its code (an SQLite database, a log, a CSV of predictions),
// found in the files the app imports. The image's code belongs to root and the app runs as
// an ordinary user, so each such write fails there unless the folder is made writable;
// and whatever is written there is lost when the container is rebuilt.

const writers = [
	/\bsqlite3\.connect\(\s*[rRuU]?(["'])([^"'\n]+)\1/g,
	/(["'])sqlite:\/\/\/(?!\/)([^"'\n]+)\1/g,
	/\bopen\(\s*[rRuU]?(["'])([^"'\n]+)\1\s*,\s*(?:mode\s*=\s*)?["'][rbt]*[wax+][^"']*["']/g,
	/\b(?:FileHandler|RotatingFileHandler|TimedRotatingFileHandler)\(\s*[rRuU]?(["'])([^"'\n]+)\1/g,
	/\bbasicConfig\([^)]*\bfilename\s*=\s*[rRuU]?(["'])([^"'\n]+)\1/g,
	/\.to_(?:csv|parquet|json)\(\s*[rRuU]?(["'])([^"'\n]+)\1/g,
	/\bjoblib\.dump\([^,()]+,\s*[rRuU]?(["'])([^"'\n]+)\1/g,
	/\bos\.makedirs?\(\s*[rRuU]?(["'])([^"'\n]+)\1/g,
];

/** data/ is the image's volume, writable and kept; absolute paths and :memory: are not "next to the code". */
function nextToCode(file: string): boolean {
	return !file.startsWith('/') && !file.startsWith('~') && file !== ':memory:' && !/^(?:\.\/)?data(?:\/|$)/.test(file) && !file.includes('{');
}

/** The app's own files: the one that makes the app and every project file it imports, transitively. */
export function appFiles(appFile: string, files: readonly PythonFile[], tree: ProjectTree, roots: readonly string[]): PythonFile[] {
	const byPath = new Map(files.map(file => [file.path, file]));
	const reached = new Set<string>();
	const queue = [appFile];
	while (queue.length > 0 && reached.size < 200) {
		const current = queue.shift()!;
		const file = byPath.get(current);
		if (!file || reached.has(current)) {
			continue;
		}

		reached.add(current);
		for (const binding of importBindings(file.code)) {
			const target = resolveBinding(tree, current, binding, roots);
			if (target) {
				queue.push(target.file);
			}
		}
	}

	return [...reached].map(file => byPath.get(file)!);
}

/** Relative paths the app writes, as written (relative to its working folder), sorted. */
export function filesWrittenNextToCode(appCode: readonly PythonFile[]): Array<{file: string; source: string}> {
	const found = new Map<string, string>();
	for (const {path: source, code} of appCode) {
		for (const pattern of writers) {
			for (const match of code.matchAll(pattern)) {
				const file = path.posix.normalize(match[2]!);
				if (nextToCode(file) && !found.has(file)) {
					found.set(file, source);
				}
			}
		}
	}

	return [...found].map(([file, source]) => ({file, source})).sort((a, b) => a.file.localeCompare(b.file));
}
