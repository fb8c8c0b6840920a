// Starts a real daemon (dnsmasq, caddy, ...) for a test and stops it for sure: on stop(),
// and when the test process exits, so no test leaves a process behind.
import {type ChildProcess, spawn, spawnSync} from 'node:child_process';

export type Daemon = {
	child: ChildProcess;
	/** Everything it printed so far (for error messages). */
	log(): string;
	stop(): Promise<void>;
};

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Throws a message naming the missing binary, so a missing tool fails loudly. */
export function requireBinary(name: string, packageName: string): string {
	const found = spawnSync('sh', ['-c', `command -v ${name} || ls /usr/sbin/${name} 2>/dev/null`], {encoding: 'utf8'});
	const path = found.stdout.trim().split('\n')[0];
	if (!path) {
		throw new Error(`${name} is not installed: these tests start a real ${name}. Install the Debian package ${packageName} (test/system/install-packages.sh does it).`);
	}

	return path;
}

export function startDaemon(file: string, arguments_: string[]): Daemon {
	if (!exitHookInstalled) {
		exitHookInstalled = true;
		process.once('exit', () => {
			for (const child of running) {
				child.kill('SIGKILL');
			}
		});
	}

	const child = spawn(file, arguments_, {stdio: ['ignore', 'pipe', 'pipe']});
	running.add(child);
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	child.stderr?.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	const exited = new Promise<void>(resolve => {
		child.once('exit', () => {
			running.delete(child);
			resolve();
		});
	});
	return {
		child,
		log: () => output,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
				await exited;
				clearTimeout(timer);
			}
		},
	};
}

/** Retries `probe` until it returns true, or throws with the daemon's log. */
export async function waitUntilReady(daemon: Daemon, name: string, probe: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (daemon.child.exitCode !== null) {
			throw new Error(`${name} exited with code ${daemon.child.exitCode} while starting:\n${daemon.log()}`);
		}

		if (await probe().catch(() => false)) {
			return;
		}

		await new Promise(resolve => setTimeout(resolve, 50));
	}

	await daemon.stop();
	throw new Error(`${name} did not become ready within ${timeoutMs} ms:\n${daemon.log()}`);
}
