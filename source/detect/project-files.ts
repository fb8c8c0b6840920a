import {type Dirent, readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';

// Detection reads synchronously on purpose: it touches a handful of small files, and input
// defaults (which are synchronous) need its answers.

const largestReadFile = 1024 * 1024;
const skippedDirectories = new Set([
	'.git', '.hg', '.venv', 'venv', 'env', 'node_modules', '__pycache__', 'site-packages', '.mypy_cache',
	'.pytest_cache', '.tox', 'dist', 'build', '.idea', '.vscode', '.ipynb_checkpoints',
]);

/** A text file of the project, or undefined when it is missing, unreadable or huge. */
export function readProjectFile(directory: string, relativePath: string): string | undefined {
	const filePath = path.join(directory, relativePath);
	try {
		if (statSync(filePath).size > largestReadFile) {
			return undefined;
		}

		return readFileSync(filePath, 'utf8');
	} catch {
		return undefined;
	}
}

export type ProjectEntry = {path: string; bytes: number};

/** Files of the project (relative, / separated), skipping virtualenvs, caches and .git. */
export function listProjectFiles(directory: string, maxDepth = 4, maxFiles = 5000): ProjectEntry[] {
	const found: ProjectEntry[] = [];
	const walk = (relative: string, depth: number) => {
		let entries: Dirent[];
		try {
			entries = readdirSync(path.join(directory, relative), {withFileTypes: true});
		} catch {
			return;
		}

		entries.sort((a, b) => a.name.localeCompare(b.name));
		for (const entry of entries) {
			if (found.length >= maxFiles) {
				return;
			}

			const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
			if (entry.isDirectory() && depth < maxDepth && !skippedDirectories.has(entry.name)) {
				walk(child, depth + 1);
			} else if (entry.isFile()) {
				try {
					found.push({path: child, bytes: statSync(path.join(directory, child)).size});
				} catch {}
			}
		}
	};

	walk('', 0);
	return found;
}
