import path from 'node:path';
import {type ProjectEntry, readProjectFile} from './project-files.js';
import {withoutComments} from './python-text.js';

// The project's Python files and how they import each other, read the way Python resolves
// imports: relative ones from the importing file's package, absolute ones from a folder on
// sys.path (an "import root": the project folder, src/, or the folder a server is started in).

/** One Python file: its path and its text with comments blanked out (same length). */
export type PythonFile = {path: string; code: string};

export type ImportBinding = {
	/** The name the importing file uses. */
	local: string;
	/** The dotted module, without the leading dots of a relative import. */
	module: string;
	/** `from module import name`: the imported name; undefined for `import module`. */
	name?: string;
	/** 0 for an absolute import; the number of leading dots otherwise. */
	level: number;
};

const testFile = /(^|\/)(tests?|test_[^/]*\.py|[^/]*_test\.py|conftest\.py)(\/|$)/;

/** Where people put an app's entry point; checked first so that main.py wins over helpers. */
const preferredNames = ['main.py', 'app.py', 'api.py', 'server.py', 'wsgi.py', 'asgi.py', '__init__.py'];

function rank(filePath: string): number {
	const preferred = preferredNames.indexOf(path.posix.basename(filePath));
	return filePath.split('/').length * 10 + (preferred === -1 ? 9 : preferred);
}

/** The project's Python files (tests left out), entry-point-like files first, at most 300. */
export function readPythonFiles(directory: string, entries: readonly ProjectEntry[]): PythonFile[] {
	return entries
		.filter(entry => entry.path.endsWith('.py') && !testFile.test(entry.path))
		.sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path))
		.slice(0, 300)
		.flatMap(entry => {
			const text = readProjectFile(directory, entry.path);
			return text === undefined ? [] : [{path: entry.path, code: withoutComments(text)}];
		});
}

/** Every import statement of a file, as bindings of local names. */
export function importBindings(code: string): ImportBinding[] {
	const bindings: ImportBinding[] = [];
	for (const match of code.matchAll(/^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)/gm)) {
		for (const item of match[3]!.replaceAll(/[()\\]/g, ' ').split(',')) {
			const [name, alias] = item.trim().split(/\s+as\s+/);
			if (name && /^\w+$/.test(name)) {
				bindings.push({local: alias?.trim() ?? name, module: match[2]!, name, level: match[1]!.length});
			}
		}
	}

	for (const match of code.matchAll(/^[ \t]*import[ \t]+([^\n]+)/gm)) {
		for (const item of match[1]!.split(',')) {
			const [module, alias] = item.trim().split(/\s+as\s+/);
			if (module && /^[\w.]+$/.test(module)) {
				bindings.push({local: alias?.trim() ?? module.split('.')[0]!, module: alias ? module : module.split('.')[0]!, level: 0});
			}
		}
	}

	return bindings;
}

/** The project's files and folders, for "does this module exist here?" questions. */
export class ProjectTree {
	readonly files: Set<string>;
	readonly folders = new Set<string>(['']);

	constructor(entries: readonly ProjectEntry[]) {
		this.files = new Set(entries.map(entry => entry.path));
		for (const file of this.files) {
			for (let folder = path.posix.dirname(file); folder !== '.' && !this.folders.has(folder); folder = path.posix.dirname(folder)) {
				this.folders.add(folder);
			}
		}
	}

	/**
	 * The file a dotted module names, seen from `root` (a folder, '' for the project): root/a/b.py
	 * or root/a/b/__init__.py; a folder without __init__.py (a namespace package) gives the folder.
	 */
	module(root: string, module: string): {file?: string; folder?: string} | undefined {
		const base = path.posix.join(root, ...module.split('.'));
		if (this.files.has(`${base}.py`)) {
			return {file: `${base}.py`};
		}

		if (this.files.has(`${base}/__init__.py`)) {
			return {file: `${base}/__init__.py`, folder: base};
		}

		return this.folders.has(base) && base !== '' && base !== '.' ? {folder: base} : undefined;
	}
}

/** The folder a relative import (`level` dots) starts from, in the file `from`. */
export function relativeBase(from: string, level: number): string {
	let base = path.posix.dirname(from);
	for (let step = 1; step < level; step++) {
		base = path.posix.dirname(base);
	}

	return base === '.' ? '' : base;
}

/** The folders of a file, innermost first. */
function folders(file: string): string[] {
	const found: string[] = [];
	for (let folder = path.posix.dirname(file); folder !== '.' && folder !== ''; folder = path.posix.dirname(folder)) {
		found.push(folder);
	}

	return found;
}

/**
 * The project file a binding refers to, and the attribute of it (undefined when the binding is
 * the module itself). `roots` are the import roots to try for absolute imports, in order.
 */
export function resolveBinding(tree: ProjectTree, from: string, binding: ImportBinding, roots: readonly string[]): {file: string; attribute?: string} | undefined {
	// An absolute import also tries the importing file's own folders: code run from its folder
	// (`cd api && uvicorn main:app`) imports its siblings flat.
	const bases = binding.level > 0 ? [relativeBase(from, binding.level)] : [...new Set([...roots, ...folders(from)])];
	for (const base of bases) {
		if (binding.name !== undefined) {
			// `from a.b import c`: c is a submodule when a/b/c.py exists, else an attribute of a.b.
			const submodule = tree.module(base, binding.module === '' ? binding.name : `${binding.module}.${binding.name}`);
			if (submodule?.file) {
				return {file: submodule.file};
			}

			const parent = binding.module === '' ? undefined : tree.module(base, binding.module);
			if (parent?.file) {
				return {file: parent.file, attribute: binding.name};
			}
		} else {
			const module = tree.module(base, binding.module);
			if (module?.file) {
				return {file: module.file};
			}
		}
	}

	return undefined;
}
