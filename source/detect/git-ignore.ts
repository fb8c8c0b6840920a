import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';

// A small reader for .gitignore, enough to answer "is .env ignored?" and "is the model
// ignored?". It handles the common forms (names, globs, directories, !negation, a leading
// /); what it cannot read it treats as not ignored, which at worst shows one warning too many.

type Rule = {pattern: RegExp; negate: boolean; directoryOnly: boolean};

function globToRegExp(glob: string): string {
	let out = '';
	for (let index = 0; index < glob.length; index++) {
		const char = glob[index]!;
		if (char === '*' && glob[index + 1] === '*') {
			out += '.*';
			index++;
			if (glob[index + 1] === '/') {
				index++;
				out += '(?:/)?';
			}
		} else if (char === '*') {
			out += '[^/]*';
		} else if (char === '?') {
			out += '[^/]';
		} else {
			out += char.replace(/[\\^$.|+(){}[\]]/g, String.raw`\$&`);
		}
	}

	return out;
}

export function parseGitIgnore(text: string): Rule[] {
	const rules: Rule[] = [];
	for (const raw of text.split('\n')) {
		let line = raw.trim();
		if (line === '' || line.startsWith('#')) {
			continue;
		}

		const negate = line.startsWith('!');
		line = negate ? line.slice(1) : line;
		const directoryOnly = line.endsWith('/');
		line = line.replace(/\/+$/, '');
		const anchored = line.includes('/');
		line = line.replace(/^\//, '');
		const body = globToRegExp(line);
		rules.push({pattern: new RegExp(anchored ? `^${body}$` : `(?:^|/)${body}$`), negate, directoryOnly});
	}

	return rules;
}

/** Ignored (true), re-included (false), or no rule says (undefined), for one .gitignore's rules. */
function verdictOf(rules: Rule[], relativePath: string): boolean | undefined {
	const parts = relativePath.split('/');
	let verdict: boolean | undefined;
	for (let depth = 1; depth <= parts.length; depth++) {
		const candidate = parts.slice(0, depth).join('/');
		const isDirectory = depth < parts.length;
		for (const rule of rules) {
			if ((!rule.directoryOnly || isDirectory) && rule.pattern.test(candidate)) {
				verdict = !rule.negate;
			}
		}

		// git never looks inside an ignored folder, so nothing below it can be un-ignored.
		if (verdict === true && isDirectory) {
			return true;
		}
	}

	return verdict;
}

/** True when the file at this relative path (or one of its folders) is ignored. */
export function isGitIgnored(rules: Rule[], relativePath: string): boolean {
	return verdictOf(rules, relativePath) ?? false;
}

/** The folder holding .git at or above `directory` (the repository's root), if any. */
export function repositoryRoot(directory: string): string | undefined {
	for (let folder = path.resolve(directory); ; folder = path.dirname(folder)) {
		if (existsSync(path.join(folder, '.git'))) {
			return folder;
		}

		if (path.dirname(folder) === folder) {
			return undefined;
		}
	}
}

/** Folders from the repository root down to just above `directory` (empty outside a repository). */
export function foldersAbove(directory: string): string[] {
	const root = repositoryRoot(directory);
	const folders: string[] = [];
	for (let folder = path.dirname(path.resolve(directory)); root !== undefined && folder.startsWith(root); folder = path.dirname(folder)) {
		folders.push(folder);
		if (folder === root) {
			break;
		}
	}

	return folders;
}

/** git itself answers, with every .gitignore, info/exclude and the global excludes; undefined without git. */
function askGit(directory: string, paths: readonly string[]): Set<string> | undefined {
	if (repositoryRoot(directory) === undefined) {
		return undefined;
	}

	const result = spawnSync('git', ['-C', directory, 'check-ignore', '--stdin', '-z'], {input: paths.join('\0'), encoding: 'utf8', timeout: 5000});
	// 0: some are ignored, 1: none is; anything else (no git, a broken repository): not answered.
	if (result.error || (result.status !== 0 && result.status !== 1)) {
		return undefined;
	}

	return new Set(result.stdout.split('\0').filter(Boolean));
}

/**
 * Which of `paths` (relative to the project) git ignores. Asks git when the project is in a
 * repository; otherwise reads the .gitignore files themselves: the project's, those in its
 * subfolders (each applying below itself), and those of the folders above it up to the
 * repository's root (a monorepo's subfolder inherits the root's rules).
 */
export function gitIgnored(directory: string, paths: readonly string[]): Set<string> {
	const fromGit = askGit(directory, paths);
	if (fromGit) {
		return fromGit;
	}

	const ignored = new Set<string>();
	const above = foldersAbove(directory).reverse().map(folder => ({prefix: `${path.relative(folder, directory)}/`, rules: parseGitIgnore(readText(path.join(folder, '.gitignore')))}));
	for (const file of paths) {
		const scopes = above.map(scope => ({rules: scope.rules, relative: scope.prefix + file}));
		const parts = file.split('/');
		for (let depth = 0; depth < parts.length; depth++) {
			const folder = parts.slice(0, depth).join('/');
			scopes.push({rules: parseGitIgnore(readText(path.join(directory, folder, '.gitignore'))), relative: parts.slice(depth).join('/')});
		}

		// Deeper .gitignore files come later and win, as in git.
		const verdicts = scopes.map(({rules, relative}) => verdictOf(rules, relative));
		if (verdicts.reduce<boolean>((result, verdict) => verdict ?? result, false)) {
			ignored.add(file);
		}
	}

	return ignored;
}

function readText(file: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}
