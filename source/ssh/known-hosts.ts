import {createHash, createHmac, randomBytes} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {glob} from 'ssh-config';
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

type KnownHostsLine = {marker?: string; hosts: string; keyType: string; key: string};

function parseLine(line: string): KnownHostsLine | undefined {
	const fields = line.trim().split(/\s+/);
	if (!fields[0] || fields[0].startsWith('#')) {
		return undefined;
	}

	const marker = fields[0].startsWith('@') ? fields.shift() : undefined;
	const [hosts, keyType, key] = fields;
	return hosts && keyType && key ? {marker, hosts, keyType, key} : undefined;
}

/** `|1|salt|hash` entries (ssh-keygen -H, HashKnownHosts yes): HMAC-SHA1 of the name, keyed by the salt. */
function hashedNameMatches(entry: string, name: string): boolean {
	const [, kind, salt, hash] = entry.split('|');
	if (kind !== '1' || !salt || !hash) {
		return false;
	}

	return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
}

/** Whether a known_hosts line's host field names this host: hashed, or a pattern list with * ? and !. */
export function namesHost(hosts: string, host: string, port: number): boolean {
	const name = hostPattern(host.toLowerCase(), port);
	return hosts.startsWith('|') ? hashedNameMatches(hosts, name) : glob(hosts.toLowerCase().split(','), name);
}

export type KnownHostsLookup = {
	/** match: a line has this key; mismatch: lines name the host with other keys of the same type only. */
	status: 'match' | 'mismatch' | 'revoked' | 'none';
	/** The file of the deciding line. */
	file?: string;
	/** The deciding line's host field was hashed. */
	hashed?: boolean;
};

/**
 * Looks the key up in known_hosts files as OpenSSH does: a line with this very key wins; a
 * line with another key of the same type for this host means the key changed; @revoked
 * refuses the key wherever it appears; @cert-authority lines are not host keys.
 */
export async function lookUpHostKey(files: readonly string[], host: string, port: number, blob: Buffer): Promise<KnownHostsLookup> {
	const key = blob.toString('base64');
	const type = keyTypeOf(blob);
	let mismatch: KnownHostsLookup | undefined;
	let match: KnownHostsLookup | undefined;
	for (const file of files) {
		for (const line of await readLines(file)) {
			const entry = parseLine(line);
			if (!entry || entry.marker === '@cert-authority') {
				continue;
			}

			if (entry.marker === '@revoked') {
				if (entry.key === key) {
					return {status: 'revoked', file};
				}

				continue;
			}

			if (!namesHost(entry.hosts, host, port)) {
				continue;
			}

			if (entry.key === key) {
				match ??= {status: 'match', file, hashed: entry.hosts.startsWith('|')};
			} else if (entry.keyType === type) {
				mismatch ??= {status: 'mismatch', file, hashed: entry.hosts.startsWith('|')};
			}
		}
	}

	return match ?? mismatch ?? {status: 'none'};
}

/** The keys recorded for this host in the wizard's file, as base64 blobs. */
export async function knownKeysFor(host: string, port: number, filePath = knownHostsPath()): Promise<string[]> {
	const keys: string[] = [];
	for (const line of await readLines(filePath)) {
		const entry = parseLine(line);
		if (entry && !entry.marker && namesHost(entry.hosts, host, port)) {
			keys.push(entry.key);
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

export type HostTrust = {
	/**
	 * known: in the wizard's known_hosts; known-by-ssh: not there, but the person's own
	 * known_hosts has this key; changed / revoked: refused; new: never seen anywhere.
	 */
	status: 'known' | 'known-by-ssh' | 'new' | 'changed' | 'revoked';
	file?: string;
	hashed?: boolean;
};

/**
 * The wizard's known_hosts decides first (a key it trusted and no longer sees is a changed
 * key, whatever else says); then the person's own files, as plain ssh would read them.
 */
export async function hostTrust(host: string, port: number, blob: Buffer, personFiles: readonly string[]): Promise<HostTrust> {
	const own = await lookUpHostKey([knownHostsPath()], host, port, blob);
	if (own.status === 'match') {
		const theirs = await lookUpHostKey(personFiles, host, port, blob);
		return theirs.status === 'revoked' ? {status: 'revoked', file: theirs.file} : {status: 'known', file: own.file};
	}

	if (own.status === 'revoked' || own.status === 'mismatch') {
		return {status: own.status === 'revoked' ? 'revoked' : 'changed', file: own.file};
	}

	const theirs = await lookUpHostKey(personFiles, host, port, blob);
	switch (theirs.status) {
		case 'match': {
			return {status: 'known-by-ssh', file: theirs.file, hashed: theirs.hashed};
		}

		case 'mismatch': {
			return {status: 'changed', file: theirs.file};
		}

		case 'revoked': {
			return {status: 'revoked', file: theirs.file};
		}

		default: {
			return {status: 'new'};
		}
	}
}

/** A host field hashed the way `ssh-keygen -H` hashes it, for a name the person keeps hashed. */
export function hashedHostField(host: string, port: number): string {
	const salt = randomBytes(20);
	return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(hostPattern(host.toLowerCase(), port)).digest('base64')}`;
}

/**
 * Adds the key (once) in OpenSSH's format, so plain ssh can use the same file; `hashed`
 * keeps the name unreadable when the person's own known_hosts keeps it so.
 */
export async function trustHostKey(host: string, port: number, blob: Buffer, filePath = knownHostsPath(), options: {hashed?: boolean} = {}): Promise<void> {
	const lines = (await readLines(filePath)).filter(line => line.trim() !== '');
	if ((await lookUpHostKey([filePath], host, port, blob)).status !== 'match') {
		lines.push(`${options.hashed ? hashedHostField(host, port) : hostPattern(host, port)} ${keyTypeOf(blob)} ${blob.toString('base64')}`);
	}

	await writeFileAtomic(filePath, `${lines.join('\n')}\n`, 0o600);
}
