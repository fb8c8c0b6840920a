// The keys a login offers, in OpenSSH's order: the agent's keys first (only those of the
// named files with IdentitiesOnly), then the key files not already in the agent. They are
// handed to ssh2 as one "agent", so the server is only asked whether it would accept a
// public key; a file's passphrase is asked for when the server has said yes to that key,
// once per run, and the unlocked key stays in memory only.
import {readFile} from 'node:fs/promises';
import type {BaseAgent, ParsedKey, SigningRequestOptions} from 'ssh2';
import {fingerprintOf} from './known-hosts.js';
import {passphrasePrompt} from './passphrase-prompt.js';
import {displayPathOf as displayPath} from './display-path.js';
import type {Hop} from './ssh-route.js';

type Ssh2 = typeof import('ssh2');
type SignCallback = (error?: Error, signature?: Buffer) => void;

export type Identity = {
	publicKey: ParsedKey;
	fingerprint: string;
	comment: string;
	/** The key file, as the person writes it (~/.ssh/id_work); absent for an agent-only key. */
	file?: string;
	/** The agent holds it: it signs, and no passphrase is needed. */
	inAgent: boolean;
	/** The wizard's own key (the ssh-key step's). */
	own: boolean;
};

export type KeyRing = {
	agent: BaseAgent;
	identities: Identity[];
	/** Why a key could not be used (a passphrase nobody could type, an agent that did not answer). */
	notes: string[];
	/** The key of the last signature made, which is the one that logged in once the server says so. */
	signedWith: () => Identity | undefined;
};

const unlocked = new Map<string, ParsedKey>();
/** A key being unlocked: a second connection that needs it waits for the same question. */
const unlocking = new Map<string, Promise<ParsedKey | Error>>();

/** Forgets the keys unlocked with a passphrase in this process (tests; the end of a run). */
export function forgetUnlockedKeys(): void {
	unlocked.clear();
	unlocking.clear();
}

export {displayPathOf as displayPath} from './display-path.js';

/** "~/.ssh/id_work (ssh-ed25519 SHA256:…), through ssh-agent" */
export function describeIdentity(identity: Identity): string {
	const name = identity.file ?? `the agent's key${identity.comment ? ` "${identity.comment}"` : ''}`;
	return `${name} (${identity.publicKey.type} ${identity.fingerprint})${identity.inAgent ? ', through ssh-agent' : ''}`;
}

/** The public half stored inside a new-format OpenSSH private key, readable without its passphrase. */
export function opensshPublicBlob(text: string): Buffer | undefined {
	const body = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]+?)-----END OPENSSH PRIVATE KEY-----/.exec(text)?.[1];
	if (!body) {
		return undefined;
	}

	try {
		const data = Buffer.from(body.replaceAll(/\s+/g, ''), 'base64');
		const magic = 'openssh-key-v1\0';
		if (data.subarray(0, magic.length).toString('latin1') !== magic) {
			return undefined;
		}

		let offset = magic.length;
		const readString = () => {
			const length = data.readUInt32BE(offset);
			const value = data.subarray(offset + 4, offset + 4 + length);
			offset += 4 + length;
			return value;
		};

		readString(); // cipher
		readString(); // kdf
		readString(); // kdf options
		const count = data.readUInt32BE(offset);
		offset += 4;
		return count >= 1 ? readString() : undefined;
	} catch {
		return undefined;
	}
}

async function readOptional(file: string): Promise<Buffer | undefined> {
	try {
		return await readFile(file);
	} catch {
		return undefined;
	}
}

type FileKey = {file: string; publicKey: ParsedKey; encrypted: boolean};

/** A key file's public half: from FILE.pub, else from the private key itself. */
async function publicKeyOfFile(ssh2: Ssh2, file: string, notes: string[]): Promise<FileKey | undefined> {
	const privateData = await readOptional(file);
	if (!privateData) {
		return undefined;
	}

	const parsed = ssh2.utils.parseKey(privateData);
	if (!(parsed instanceof Error)) {
		return {file, publicKey: ssh2.utils.parseKey(`${parsed.type} ${parsed.getPublicSSH().toString('base64')}`) as ParsedKey, encrypted: false};
	}

	if (!/passphrase|encrypted/i.test(parsed.message)) {
		notes.push(`${displayPath(file)} is not a private key the wizard can use (${parsed.message}).`);
		return undefined;
	}

	const pub = await readOptional(`${file}.pub`);
	const fromPub = pub ? ssh2.utils.parseKey(pub) : undefined;
	if (fromPub && !(fromPub instanceof Error)) {
		return {file, publicKey: fromPub, encrypted: true};
	}

	const blob = opensshPublicBlob(privateData.toString('utf8'));
	const type = blob ? blob.subarray(4, 4 + blob.readUInt32BE(0)).toString('latin1') : '';
	const fromBlob = blob ? ssh2.utils.parseKey(`${type} ${blob.toString('base64')}`) : undefined;
	if (fromBlob && !(fromBlob instanceof Error)) {
		return {file, publicKey: fromBlob, encrypted: true};
	}

	notes.push(`${displayPath(file)} is protected by a passphrase and has no ${displayPath(file)}.pub beside it, so the wizard cannot tell the server which key it is.`);
	return undefined;
}

async function agentKeys(ssh2: Ssh2, socket: string, notes: string[]): Promise<{agent?: InstanceType<Ssh2['OpenSSHAgent']>; keys: ParsedKey[]}> {
	const agent = new ssh2.OpenSSHAgent(socket);
	return new Promise(resolve => {
		const timer = setTimeout(() => {
			notes.push(`The ssh-agent at ${socket} did not answer within 5 seconds; its keys were not used.`);
			resolve({keys: []});
		}, 5000);
		agent.getIdentities((error, keys) => {
			clearTimeout(timer);
			if (error) {
				notes.push(`The ssh-agent at ${socket} could not be reached (${error.message}); its keys were not used.`);
				resolve({keys: []});
				return;
			}

			resolve({agent, keys: (keys ?? []).filter((key): key is ParsedKey => 'getPublicSSH' in key)});
		});
	});
}

/** Asks for a passphrase (one question per key, even with two connections waiting for it) and unlocks the key. */
async function unlock(ssh2: Ssh2, identity: Identity & {file: string}, absolute: string, server: string, onPrompt: (asking: boolean) => void, notes: string[]): Promise<ParsedKey | Error> {
	const run = async (): Promise<ParsedKey | Error> => {
		const cached = unlocked.get(absolute);
		if (cached) {
			return cached;
		}

		const data = await readFile(absolute);
		const prompt = passphrasePrompt();
		if (!prompt) {
			notes.push(`${identity.file} is protected by a passphrase, and nobody can type it in this run: add the key to your agent (ssh-add ${identity.file}) and run again.`);
			return new Error('passphrase needed');
		}

		for (let attempt = 1; attempt <= 3; attempt++) {
			onPrompt(true);
			let passphrase: string | undefined;
			try {
				passphrase = await prompt({keyPath: identity.file, fingerprint: identity.fingerprint, server, attempt});
			} finally {
				onPrompt(false);
			}

			if (passphrase === undefined) {
				notes.push(`The passphrase of ${identity.file} was not typed, so that key was not used.`);
				return new Error('passphrase not given');
			}

			const parsed = ssh2.utils.parseKey(data, passphrase);
			if (!(parsed instanceof Error)) {
				unlocked.set(absolute, parsed);
				return parsed;
			}
		}

		notes.push(`The passphrase of ${identity.file} was wrong three times, so that key was not used.`);
		return new Error('wrong passphrase');
	};

	const pending = unlocking.get(absolute) ?? run().finally(() => unlocking.delete(absolute));
	unlocking.set(absolute, pending);
	return pending;
}

/**
 * The keys for one hop. `onPrompt` is told when a passphrase question opens and closes,
 * so the connection's timeout does not run while the person types.
 */
export async function keyRingFor(ssh2: Ssh2, hop: Hop, options: {ownKey?: string; server: string; onPrompt: (asking: boolean) => void}): Promise<KeyRing> {
	const notes: string[] = [];
	const files: FileKey[] = [];
	for (const file of hop.identityFiles) {
		const key = await publicKeyOfFile(ssh2, file, notes);
		if (key) {
			files.push(key);
		} else if (file === options.ownKey && !notes.some(note => note.startsWith(displayPath(file)))) {
			notes.push(`The wizard's key ${displayPath(file)} does not exist (the ssh-key step creates it).`);
		}
	}

	const fromAgent = hop.agentSocket ? await agentKeys(ssh2, hop.agentSocket, notes) : {keys: []};
	const identities: Identity[] = [];
	const absoluteOf = new Map<Identity, string>();
	const blobOf = (key: ParsedKey) => key.getPublicSSH().toString('base64');
	for (const key of fromAgent.keys) {
		const file = files.find(candidate => blobOf(candidate.publicKey) === blobOf(key));
		if (hop.identitiesOnly && !file) {
			continue;
		}

		identities.push({publicKey: key, fingerprint: fingerprintOf(key.getPublicSSH()), comment: key.comment, file: file ? displayPath(file.file) : undefined, inAgent: true, own: file?.file === options.ownKey});
	}

	for (const file of files) {
		if (identities.some(identity => blobOf(identity.publicKey) === blobOf(file.publicKey))) {
			continue;
		}

		const identity: Identity = {publicKey: file.publicKey, fingerprint: fingerprintOf(file.publicKey.getPublicSSH()), comment: file.publicKey.comment, file: displayPath(file.file), inAgent: false, own: file.file === options.ownKey};
		identities.push(identity);
		absoluteOf.set(identity, file.file);
	}

	let signedWith: Identity | undefined;
	const {BaseAgent} = ssh2;
	class KeyRingAgent extends BaseAgent<ParsedKey> {
		getIdentities(callback: (error: Error | undefined, keys?: ParsedKey[]) => void): void {
			callback(undefined, identities.map(identity => identity.publicKey));
		}

		sign(publicKey: ParsedKey, data: Buffer, optionsOrCallback: SigningRequestOptions | SignCallback, maybeCallback?: SignCallback): void {
			const callback = (typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback)!;
			const signing = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback;
			const identity = identities.find(candidate => blobOf(candidate.publicKey) === blobOf(publicKey));
			if (!identity) {
				callback(new Error('not one of the offered keys'));
				return;
			}

			if (identity.inAgent && fromAgent.agent) {
				fromAgent.agent.sign(identity.publicKey, data, signing, (error?: Error | null, signature?: Buffer) => {
					if (!error) {
						signedWith = identity;
					}

					callback(error ?? undefined, signature);
				});
				return;
			}

			const absolute = absoluteOf.get(identity)!;
			const loaded = unlocked.get(absolute) ?? readFile(absolute).then(content => ssh2.utils.parseKey(content));
			void Promise.resolve(loaded)
				.then(async key => (key instanceof Error ? unlock(ssh2, identity as Identity & {file: string}, absolute, options.server, options.onPrompt, notes) : key))
				.then(key => {
					if (key instanceof Error) {
						callback(key);
						return;
					}

					const signature = key.sign(data, signing.hash) as Buffer | Error;
					if (signature instanceof Error) {
						callback(signature);
						return;
					}

					signedWith = identity;
					callback(undefined, signature);
				}, (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
		}
	}

	return {agent: new KeyRingAgent(), identities, notes, signedWith: () => signedWith};
}
