// Key pairs are made with ssh2's own generator (no ssh-keygen needed on the laptop). The
// private half is written 0600 and never leaves this module: only the public half, its
// fingerprint and the path come back.
import {loadSsh2} from './load-ssh2.js';
import {mkdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {writeFileAtomic} from '../run/atomic-write.js';
import {fingerprintOf} from './known-hosts.js';
import {expandHome} from '../run/expand-home.js';
import {SshError} from './ssh-error.js';

export type KeyPairInfo = {path: string; publicKey: string; fingerprint: string; created: boolean};

async function exists(filePath: string): Promise<boolean> {
	try {
		await readFile(filePath);
		return true;
	} catch {
		return false;
	}
}

/** Creates an ed25519 key pair at `keyPath` (and `keyPath.pub`), or reuses the one there. */
export async function ensureKeyPair(keyPath: string, comment: string): Promise<KeyPairInfo> {
	const {utils} = await loadSsh2();
	const privatePath = expandHome(keyPath);
	// A relative path would land the private key in whatever folder the wizard runs in (the project).
	if (!path.isAbsolute(privatePath)) {
		throw new SshError(`The key path "${keyPath}" is not a full path.`, 'Give one outside your project, like ~/.ssh/id_mldw.', 'key-file');
	}

	if (await exists(privatePath)) {
		const parsed = utils.parseKey(await readFile(privatePath));
		if (parsed instanceof Error) {
			throw new SshError(
				`${keyPath} exists but is not a private key the wizard can use (${parsed.message}).`,
				'Choose another path for the new key; the wizard never overwrites an existing file.',
				'key-file',
			);
		}

		const blob = parsed.getPublicSSH();
		const publicKey = `${parsed.type} ${blob.toString('base64')}${parsed.comment ? ` ${parsed.comment}` : ''}`;
		if (!(await exists(`${privatePath}.pub`))) {
			await writeFileAtomic(`${privatePath}.pub`, `${publicKey}\n`, 0o644);
		}

		return {path: keyPath, publicKey, fingerprint: fingerprintOf(blob), created: false};
	}

	// ~/.ssh must not be readable by others, or ssh refuses the keys in it.
	await mkdir(path.dirname(privatePath), {recursive: true, mode: 0o700});
	const pair = utils.generateKeyPairSync('ed25519', {comment});
	await writeFileAtomic(privatePath, pair.private, 0o600);
	await writeFileAtomic(`${privatePath}.pub`, `${pair.public}\n`, 0o644);
	const blob = Buffer.from(pair.public.split(' ')[1] ?? '', 'base64');
	return {path: keyPath, publicKey: pair.public, fingerprint: fingerprintOf(blob), created: true};
}
