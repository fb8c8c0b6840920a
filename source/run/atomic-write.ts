import {randomBytes} from 'node:crypto';
import {mkdir, open, rename, rm} from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file so that a reader (or a crash) sees either the old content or the new,
 * never half of it: write a temporary file beside it, flush it, then rename over.
 * The mode is set when the temporary file is created, so a private key is never readable
 * by others, not even for a moment.
 */
export async function writeFileAtomic(filePath: string, content: string, mode = 0o644): Promise<void> {
	// A ~/.ssh made here is private from the start: ssh refuses keys in a folder others can read.
	await mkdir(path.dirname(filePath), {recursive: true, mode: path.basename(path.dirname(filePath)) === '.ssh' ? 0o700 : 0o777});
	const temporaryPath = `${filePath}.${randomBytes(6).toString('hex')}.tmp`;
	const handle = await open(temporaryPath, 'wx', mode);
	try {
		await handle.writeFile(content);
		await handle.chmod(mode);
		await handle.sync();
	} finally {
		await handle.close();
	}

	try {
		await rename(temporaryPath, filePath);
	} catch (error) {
		await rm(temporaryPath, {force: true});
		throw error;
	}
}
