import {closeSync, openSync, readSync} from 'node:fs';
import path from 'node:path';
import type {ProjectEntry} from './project-files.js';

// A private key inside the project is one `git add -A` away from the git host, and one
// COPY away from the image. Only files that could be a key are opened, and only their start.

/** OpenSSH, PKCS#8, RSA, EC and DSA private keys all start with such a line. */
const privateKeyStart = /^-----BEGIN [A-Z ]*PRIVATE KEY-----/;
const largestKey = 20 * 1024;

/** What a key file is called: no extension (id_ed25519, a mistyped path), or .pem / .key / .ppk. */
function couldBeKey(entry: ProjectEntry): boolean {
	const extension = path.extname(entry.path);
	return entry.bytes > 0 && entry.bytes <= largestKey && (extension === '' || ['.pem', '.key', '.ppk'].includes(extension));
}

function startsLikeKey(file: string): boolean {
	let descriptor: number | undefined;
	try {
		descriptor = openSync(file, 'r');
		const start = Buffer.alloc(64);
		const read = readSync(descriptor, start, 0, start.length, 0);
		return privateKeyStart.test(start.subarray(0, read).toString('latin1'));
	} catch {
		return false;
	} finally {
		if (descriptor !== undefined) {
			closeSync(descriptor);
		}
	}
}

/** The project's files that hold a private key, relative to it. */
export function findPrivateKeys(directory: string, entries: readonly ProjectEntry[]): string[] {
	return entries.filter(entry => couldBeKey(entry) && startsLikeKey(path.join(directory, entry.path))).map(entry => entry.path);
}
