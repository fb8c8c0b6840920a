// A person's laptop for the SSH tests, made with OpenSSH's own tools (Debian's
// openssh-client): a home folder with ~/.ssh, keys made by ssh-keygen (with a passphrase
// where asked), a real ssh-agent on its own socket, and known_hosts lines from ssh-keyscan,
// hashed by ssh-keygen -H as HashKnownHosts does.
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

export type Laptop = {
	home: string;
	ssh: string;
	/** ssh-keygen -t ed25519, with this passphrase ('' for none); returns the public line. */
	keygen(name: string, passphrase: string): string;
	/** Adds the server's host keys, as ssh-keyscan reads them, to a known_hosts file (hashed). */
	scanIntoKnownHosts(port: number, file?: string): void;
	writeSshFile(relative: string, text: string): void;
	remove(): void;
};

export function makeLaptop(): Laptop {
	const home = mkdtempSync(path.join(tmpdir(), 'mldw-laptop-'));
	chmodSync(home, 0o755);
	const ssh = path.join(home, '.ssh');
	mkdirSync(ssh, {mode: 0o700});
	return {
		home,
		ssh,
		keygen(name, passphrase) {
			const file = path.join(ssh, name);
			execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', `${name}@laptop`, '-f', file]);
			return readFileSync(`${file}.pub`, 'utf8').trim();
		},
		scanIntoKnownHosts(port, file = path.join(ssh, 'known_hosts')) {
			const lines = execFileSync('ssh-keyscan', ['-t', 'ed25519', '-p', String(port), '127.0.0.1'], {stdio: ['ignore', 'pipe', 'ignore']}).toString();
			writeFileSync(file, `${existsSync(file) ? readFileSync(file, 'utf8') : ''}${lines}`, {mode: 0o600});
			execFileSync('ssh-keygen', ['-H', '-f', file], {stdio: 'ignore'});
			rmSync(`${file}.old`, {force: true});
		},
		writeSshFile(relative, text) {
			const file = path.join(ssh, relative);
			mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
			writeFileSync(file, text, {mode: 0o600});
		},
		remove() {
			rmSync(home, {recursive: true, force: true});
		},
	};
}

/** A `Host` block of ~/.ssh/config, directives in the order given. */
export function hostBlock(name: string, directives: Record<string, string | number>): string {
	return [`Host ${name}`, ...Object.entries(directives).map(([key, value]) => `    ${key} ${value}`), ''].join('\n');
}

export type Agent = {socket: string; add(keyFile: string, passphrase: string): void; listed(): string; stop(): void};

/** A real ssh-agent on its own socket (foreground, -D), stopped by the test. */
export async function startAgent(directory: string): Promise<Agent> {
	const socket = path.join(directory, 'agent.sock');
	const child: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], {stdio: 'ignore'});
	for (let attempt = 0; attempt < 100 && !existsSync(socket); attempt++) {
		await new Promise(resolve => setTimeout(resolve, 20));
	}

	if (!existsSync(socket)) {
		child.kill();
		throw new Error('ssh-agent did not create its socket');
	}

	return {
		socket,
		add(keyFile, passphrase) {
			// ssh-add reads the passphrase through SSH_ASKPASS when there is no terminal.
			const askpass = path.join(directory, 'askpass.sh');
			writeFileSync(askpass, `#!/bin/sh\nprintf '%s\\n' '${passphrase}'\n`, {mode: 0o700});
			execFileSync('ssh-add', [keyFile], {env: {...process.env, SSH_AUTH_SOCK: socket, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0'}, stdio: ['ignore', 'ignore', 'pipe']});
		},
		listed() {
			return execFileSync('ssh-add', ['-l'], {env: {...process.env, SSH_AUTH_SOCK: socket}}).toString();
		},
		stop() {
			child.kill();
		},
	};
}
