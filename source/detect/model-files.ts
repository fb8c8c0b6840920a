import path from 'node:path';
import type {ModelFile} from './project-detection.js';
import {type ProjectEntry, readProjectFile} from './project-files.js';
import {yamlValues} from './yaml-values.js';

// Model files of every common kind, and where they really live: in git, behind a Git LFS
// pointer, or in DVC (named by a .dvc file or dvc.yaml, the file itself git-ignored), which
// decides whether a server that clones the repository gets them.

const binaryModel = /\.(joblib|pkl|pickle|onnx|pt|pth|bin|h5|hdf5|keras|safetensors|ubj|cbm)$/i;
const modelExtensions = new RegExp(binaryModel.source.replace(')$', '|json)$'), 'i');
const lfsPointer = 'version https://git-lfs.github.com/spec/v1';
const largestJsonModel = 512 * 1024 * 1024;

/** A .json file counts when it is a saved booster (XGBoost writes a "learner" object). */
function isModel(directory: string, entry: ProjectEntry): boolean {
	if (!entry.path.toLowerCase().endsWith('.json')) {
		return true;
	}

	if (entry.bytes > largestJsonModel || /(^|\/)(package|tsconfig|package-lock|\.?vscode[^/]*)\.json$/.test(entry.path)) {
		return false;
	}

	const head = readProjectFile(directory, entry.path)?.slice(0, 4096) ?? '';
	return head.includes('"learner"') || head.startsWith(lfsPointer);
}

function isPointer(directory: string, file: string, bytes: number): boolean {
	return bytes < 1024 && (readProjectFile(directory, file) ?? '').startsWith(lfsPointer);
}

/** Paths (relative to the project) that DVC tracks: outs of *.dvc files and of dvc.yaml stages. */
export function dvcTracked(directory: string, files: readonly ProjectEntry[]): string[] {
	const tracked = new Set<string>();
	for (const entry of files) {
		const name = path.posix.basename(entry.path);
		if (!entry.path.endsWith('.dvc') && name !== 'dvc.yaml') {
			continue;
		}

		const values = yamlValues(readProjectFile(directory, entry.path) ?? '');
		const outs = entry.path.endsWith('.dvc')
			? values.get('outs.path') ?? []
			: [...values].filter(([key]) => /^stages\.[^.]+\.outs(?:\.[^.]+)?$/.test(key)).flatMap(([, items]) => items);
		for (const out of outs) {
			// `- models/x.pkl:` (an out with options) keeps a colon in this simple reading.
			tracked.add(path.posix.normalize(path.posix.join(path.posix.dirname(entry.path), out.replace(/:$/, ''))));
		}
	}

	return [...tracked].sort();
}

/** Patterns that .gitattributes sends through Git LFS (filter=lfs), as tests on paths. */
function lfsPatterns(directory: string, files: readonly ProjectEntry[]): Array<(file: string) => boolean> {
	return files.filter(entry => path.posix.basename(entry.path) === '.gitattributes').flatMap(entry => {
		const base = path.posix.dirname(entry.path) === '.' ? '' : `${path.posix.dirname(entry.path)}/`;
		return (readProjectFile(directory, entry.path) ?? '').split('\n').flatMap(line => {
			const [pattern, ...attributes] = line.trim().split(/\s+/);
			if (!pattern || pattern.startsWith('#') || !attributes.includes('filter=lfs')) {
				return [];
			}

			const body = pattern.replace(/^\//, '').replaceAll('.', String.raw`\.`).replaceAll('**/', '(?:.*/)?').replaceAll('*', '[^/]*');
			const expression = new RegExp(pattern.includes('/') ? `^${base}${body}$` : `^${base}(?:.*/)?${body}$`);
			return [(file: string) => expression.test(file)];
		});
	});
}

export function findModels(directory: string, files: readonly ProjectEntry[]): ModelFile[] {
	const lfs = lfsPatterns(directory, files);
	const models = new Map<string, ModelFile>();
	for (const entry of files.filter(candidate => modelExtensions.test(candidate.path) && isModel(directory, candidate))) {
		const storage = isPointer(directory, entry.path, entry.bytes) ? 'lfs-pointer' : lfs.some(test => test(entry.path)) ? 'git-lfs' : 'git';
		models.set(entry.path, {path: entry.path, bytes: entry.bytes, storage});
	}

	// A DVC-tracked model is usually absent (git-ignored, fetched by `dvc pull`): listed all the same.
	// (A tracked .json is a metrics report more often than a booster: only one in a models folder counts.)
	for (const tracked of dvcTracked(directory, files).filter(file => binaryModel.test(file) || /(^|\/)models?\//.test(file))) {
		models.set(tracked, {path: tracked, bytes: models.get(tracked)?.bytes ?? 0, storage: 'dvc'});
	}

	return [...models.values()].sort((a, b) => a.path.localeCompare(b.path));
}
