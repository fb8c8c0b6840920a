import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {writeFileAtomic} from '../run/atomic-write.js';
import {knownHostsPath} from './paths.js';

/** The fingerprint exactly as OpenSSH prints it: SHA256 of the key blob, base64 without padding. */
export function fingerprintOf(blob: Buffer): string {
	return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The algorithm name at the start of an SSH public key blob (ssh-ed25519, ecdsa-sha2-nistp256, ...). */
export function keyTypeOf(blob: Buffer): string {
	const length = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
	return blob.subarray(4, 4 + length).toString('latin1');
}

/** How OpenSSH names a host in known_hosts: bare on port 22, [host]:port otherwise. */
export function hostPattern(host: string, port: number): string {
	return port === 22 ? host : `[${host}]:${port}`;
}

export type HostKeyStatus = 'known' | 'new' | 'changed';

async function readLines(filePath: string): Promise<string[]> {
	try {
		return (await readFile(filePath, 'utf8')).split('\n');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return [];
		}

		throw error;
	}
}

/** The keys recorded for this host, as base64 blobs. */
export async function knownKeysFor(host: string, port: number, filePath = knownHostsPath()): Promise<string[]> {
	const pattern = hostPattern(host, port);
	const keys: string[] = [];
	for (const line of await readLines(filePath)) {
		const [hosts, , key] = line.trim().split(/\s+/);
		if (hosts && key && !hosts.startsWith('#') && hosts.split(',').includes(pattern)) {
			keys.push(key);
		}
	}

	return keys;
}

export async function hostKeyStatus(host: string, port: number, blob: Buffer, filePath = knownHostsPath()): Promise<HostKeyStatus> {
	const keys = await knownKeysFor(host, port, filePath);
	if (keys.length === 0) {
		return 'new';
	}

	return keys.includes(blob.toString('base64')) ? 'known' : 'changed';
}

/** Adds the key (once) in OpenSSH's format, so plain ssh can use the same file. */
export async function trustHostKey(host: string, port: number, blob: Buffer, filePath = knownHostsPath()): Promise<void> {
	const lines = (await readLines(filePath)).filter(line => line.trim() !== '');
	const entry = `${hostPattern(host, port)} ${keyTypeOf(blob)} ${blob.toString('base64')}`;
	if (!lines.includes(entry)) {
		lines.push(entry);
	}

	await writeFileAtomic(filePath, `${lines.join('\n')}\n`, 0o600);
}
