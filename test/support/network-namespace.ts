// Runs a test file inside a fresh private network namespace, so a whole deployment can use
// the standard ports (22, 53, 80, 443) and nothing it does can leave the machine.
//
// How: one test file plays two roles. Run normally (outside), it registers a single test
// that re-executes the same file as
//   unshare -n sh -c 'ip link set lo up && exec "$0" "$@"' node --import tsx --test FILE
// with MLDW_NETWORK_NAMESPACE set to the outer process's namespace (like "net:[4026531840]"),
// streams the child's output and asserts it exited 0. Run inside (that variable set), it
// registers its real tests, whose `before` calls assertInsideNamespace(): the variable alone
// proves nothing, so that checks the kernel's view (a network namespace other than the one it
// was started from, and no interface but lo) and throws otherwise. (PID 1's namespace would
// be the natural reference, but /proc/1/ns is not readable on these machines, even by root.)
// unshare -n needs root (CAP_SYS_ADMIN); without it the outer test fails with unshare's error.
//
//   if (insideNamespace()) { before(assertInsideNamespace); test(...); }
//   else { test('... in a private network namespace', async () => runFileInNamespace(import.meta.filename)); }
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import {readlinkSync} from 'node:fs';
import {createRequire} from 'node:module';
import {networkInterfaces} from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {requireBinary} from './daemon.js';

const marker = 'MLDW_NETWORK_NAMESPACE';
const mountMarker = 'MLDW_MOUNT_NAMESPACE';
const root = path.resolve(import.meta.dirname, '../..');

/** True when this process was started by runFileInNamespace (check it with assertInsideNamespace). */
export function insideNamespace(): boolean {
	return Boolean(process.env[marker]);
}

/** Throws unless this process really is in a private network namespace with only loopback, up. */
export function assertInsideNamespace(): void {
	const own = readlinkSync('/proc/self/ns/net');
	const outer = process.env[marker];
	const interfaces = Object.keys(networkInterfaces());
	if (!outer || own === outer || interfaces.join(',') !== 'lo') {
		throw new Error(`This test must run inside a private network namespace (it binds ports 53, 80 and 443 and must not reach the network), but it runs in ${own} (started from: ${outer ?? 'nowhere'}) with interfaces [${interfaces.join(', ')}]. Run the file normally: its outer test re-executes it through runFileInNamespace (test/support/network-namespace.ts), as root.`);
	}
}

/** The tsx loader of this repository, as a file URL: the child must not depend on its cwd. */
function tsxLoader(): string {
	return pathToFileURL(createRequire(path.join(root, 'package.json')).resolve('tsx')).href;
}

/**
 * Runs a TypeScript file of this repository with node (tsx) inside fresh network and mount
 * namespaces, streaming its output to stderr. Resolves with its exit code and output.
 */
export async function runInNamespace(file: string, nodeArguments: string[], options: {timeoutMs?: number} = {}): Promise<{code: number | null; output: string; why: string}> {
	const unshare = requireBinary('unshare', 'util-linux');
	requireBinary('ip', 'iproute2');
	const environment: Record<string, string | undefined> = {...process.env, [marker]: readlinkSync('/proc/self/ns/net'), [mountMarker]: readlinkSync('/proc/self/ns/mnt')};
	// Set by node's test runner for its own child processes: inherited, it would make the inner
	// runner report in the parent's private protocol instead of the spec reporter.
	delete environment.NODE_TEST_CONTEXT;
	const child = spawn(unshare, [
		// -m: a private mount namespace too, so a test can put its own folder over a system path
		// (the server's /etc/caddy) without touching this machine's.
		'-n', '-m', '--propagation', 'private', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"',
		process.execPath, '--import', tsxLoader(), ...nodeArguments, file,
	], {cwd: root, env: environment, stdio: ['ignore', 'pipe', 'pipe']});
	let output = '';
	const collect = (chunk: Buffer) => {
		output += chunk.toString();
		process.stderr.write(chunk);
	};

	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	const timeoutMs = options.timeoutMs ?? 180_000;
	const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(resolve => {
		child.once('close', (exitCode, exitSignal) => {
			resolve([exitCode, exitSignal]);
		});
	});
	clearTimeout(timer);
	return {code, output, why: signal === 'SIGKILL' ? `was killed after ${timeoutMs} ms` : `exited with ${code ?? signal}`};
}

/**
 * Re-runs `testFile` with node's test runner inside the namespaces, and fails (with the
 * output's tail) unless it exits 0 within `timeoutMs`.
 */
export async function runFileInNamespace(testFile: string, options: {timeoutMs?: number} = {}): Promise<void> {
	const {code, output, why} = await runInNamespace(testFile, ['--test', '--test-reporter=spec'], options);
	assert.equal(code, 0, `${path.basename(testFile)} inside the network namespace ${why}:\n${output.slice(-6000)}`);
}

/**
 * Puts `folder` over the system folder `target` for this process and its children only.
 * Refuses outside the private mount namespace runFileInNamespace makes: there it would
 * hide this machine's own files.
 */
export function bindOver(folder: string, target: string): void {
	const outer = process.env[mountMarker];
	if (!outer || readlinkSync('/proc/self/ns/mnt') === outer) {
		throw new Error(`bindOver(${target}) needs the private mount namespace of runFileInNamespace; refusing to cover this machine's ${target}.`);
	}

	execFileSync('mount', ['--bind', folder, target]);
}
