// A throwaway project folder made of the given files, for detection tests.
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

export function projectFolder(files: Record<string, string>): string {
	const directory = mkdtempSync(path.join(tmpdir(), 'mldw-detect-'));
	for (const [name, content] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(directory, name)), {recursive: true});
		writeFileSync(path.join(directory, name), content);
	}

	return directory;
}
