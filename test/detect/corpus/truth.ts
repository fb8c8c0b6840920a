// The corpus: fixture projects shaped like real Flask/FastAPI model APIs, each with a truth
// file written by hand (test/fixtures/truth/README.md says what each field means).
import {execFileSync} from 'node:child_process';
import {cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {DependencyTool, Framework, ModelStorage, WarningCode} from '../../../source/detect/project-detection.js';
import {fixturesDirectory} from '../../support/generated-project.js';

export type Truth = {
	project: string;
	directory?: string;
	git?: boolean;
	/** Written as the copy's .gitattributes: kept out of the fixture, where this repository's git would apply it. */
	gitattributes?: string;
	flags?: string[];
	framework: Framework;
	app: string;
	appDirectory: string;
	port: number;
	hostPort: number;
	routes: string[];
	health: string;
	python: string;
	/** The start of the source the version is reported from; null when nothing names one. */
	pythonSource: string | null;
	dependencies: {file: string | null; tool: DependencyTool | null};
	variables: {required: string[]; optional: string[]};
	models: Array<{path: string; storage: ModelStorage}>;
	warnings: WarningCode[];
	written?: string[];
	kept: string[];
	env: Record<string, string>;
	runnable: true | string;
};

export const truthDirectory = path.join(fixturesDirectory, 'truth');

export function loadTruths(): Array<{name: string; truth: Truth}> {
	return readdirSync(truthDirectory).filter(file => file.endsWith('.json')).sort().map(file => ({
		name: file.replace(/\.json$/, ''),
		truth: JSON.parse(readFileSync(path.join(truthDirectory, file), 'utf8')) as Truth,
	}));
}

/**
 * A throwaway copy of the fixture, made a git repository when the truth says so (a
 * monorepo's root .gitignore only counts inside its repository); returns the folder --dir
 * points at.
 */
export function copyProject(truth: Truth): string {
	const root = path.join(mkdtempSync(path.join(tmpdir(), 'mldw-corpus-')), truth.project);
	cpSync(path.join(fixturesDirectory, 'projects', truth.project), root, {recursive: true});
	if (truth.gitattributes !== undefined) {
		writeFileSync(path.join(root, '.gitattributes'), truth.gitattributes);
	}

	if (truth.git) {
		execFileSync('git', ['init', '-q', root]);
	}

	return truth.directory ? path.join(root, truth.directory) : root;
}
