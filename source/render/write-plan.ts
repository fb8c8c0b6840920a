import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {envExampleNames, mergeEnvExample} from './env-example.js';
import {ownershipOf, sha256, withoutHeader} from './generated-header.js';
import {unifiedDiff} from './line-diff.js';
import type {GeneratedFile} from './render-files.js';

export type WriteStatus =
	/** No such file yet. */
	| 'create'
	/** Same content as on disk: nothing to do. */
	| 'unchanged'
	/**
	 * Ours and untouched since: safe to replace. Or a .env.example of the person's that only
	 * gains lines (see `added`): nothing of theirs changes, so no question either.
	 */
	| 'update'
	/** Ours, but edited by hand since: ask first. */
	| 'edited'
	/** Not written by the wizard at all (the person's own Dockerfile): ask first. */
	| 'not-generated';

export type PlannedWrite = {
	file: GeneratedFile;
	status: WriteStatus;
	/** For edited and not-generated files: what replacing would change. */
	diff?: string;
	/** Hash of the file on disk when planned, so a later change is noticed before writing. */
	existingSha256?: string;
	/** Names appended to a .env.example the wizard does not own (the rest of it stays as it is). */
	added?: string[];
};

/** True when writing needs the person's yes (their own changes would be lost). */
export function needsConfirmation(write: PlannedWrite): boolean {
	return write.status === 'edited' || write.status === 'not-generated';
}

/** Compares each generated file with what is on disk and decides what may happen to it. */
export async function planWrites(files: readonly GeneratedFile[], projectDirectory: string): Promise<PlannedWrite[]> {
	return Promise.all(files.map(async (rendered): Promise<PlannedWrite> => {
		let existing: string;
		try {
			existing = await readFile(path.join(projectDirectory, rendered.path), 'utf8');
		} catch {
			return {file: rendered, status: 'create'};
		}

		const {envExample} = rendered;
		const file = envExample ? {...rendered, content: mergeEnvExample(existing, envExample.required, envExample.optional, rendered.content)} : rendered;
		const existingSha256 = sha256(existing);
		if (existing === file.content) {
			return {file, status: 'unchanged', existingSha256};
		}

		const ownership = ownershipOf(existing);
		if (ownership === 'generated') {
			return {file, status: 'update', existingSha256};
		}

		if (envExample) {
			// Merged: every line of theirs is still there, so writing asks nothing of them.
			const before = envExampleNames(existing);
			return {file, status: 'update', existingSha256, added: [...envExampleNames(file.content)].filter(name => !before.has(name))};
		}

		// The headers differ in their checksum anyway; the person cares about the rest.
		return {file, status: ownership, existingSha256, diff: unifiedDiff(withoutHeader(existing), withoutHeader(file.content), file.path)};
	}));
}
