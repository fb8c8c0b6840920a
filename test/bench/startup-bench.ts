// Benchmark, not a test: how long from spawn to the wizard's first frame in a pseudo-
// terminal, and to an interface that answers a key, next to a bare node start and
// create-vite (another npx wizard) measured the same way; and how big the package is.
// Run with: npm run bench
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';

const runs = Number(process.env.BENCH_RUNS ?? 10);
const goalRatio = 1.5;
const createVite = {version: '9.3.0', folder: path.join(tmpdir(), 'mldw-bench-create-vite')};
const ansi = /\u001B\[[\d;?]*[A-Za-z]/g;

/**
 * Spawns a command under `script` (a real pty) and resolves when its output, without
 * escape sequences, matches `marker`. `keys` are written to the terminal at once, as a
 * person typing before the program is ready.
 */
async function timeUntilOutput(command: string, marker: RegExp, env: NodeJS.ProcessEnv, keys?: string): Promise<number> {
	const started = performance.now();
	// script's pty starts 0 columns wide; give it a real size, for every command alike.
	const sized = `stty cols 120 rows 40; ${command}`;
	const child = spawn('script', ['-qfec', sized, '/dev/null'], {env, stdio: ['pipe', 'pipe', 'inherit'], detached: true});
	if (keys) {
		child.stdin.write(keys);
	}

	return new Promise<number>((resolve, reject) => {
		let output = '';
		const timer = setTimeout(() => {
			reject(new Error(`"${command}" never printed ${marker}`));
		}, 15_000);
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (marker.test(output.replaceAll(ansi, ''))) {
				const elapsed = performance.now() - started;
				clearTimeout(timer);
				try {
					process.kill(-child.pid!, 'SIGKILL');
				} catch {
					// Already exited.
				}

				resolve(elapsed);
			}
		});
	});
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

/** create-vite, installed once into a folder of its own (never into this project), or undefined offline. */
function createViteEntry(): string | undefined {
	const entry = path.join(createVite.folder, 'node_modules', 'create-vite', 'index.js');
	if (!existsSync(entry)) {
		try {
			execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', createVite.folder, `create-vite@${createVite.version}`], {stdio: 'ignore', timeout: 120_000});
		} catch {
			return undefined;
		}
	}

	return existsSync(entry) ? entry : undefined;
}

export async function benchmarkStartup(): Promise<void> {
	const stateDirectory = mkdtempSync(path.join(tmpdir(), 'mldw-bench-state-'));
	const projectDirectory = mkdtempSync(path.join(tmpdir(), 'mldw-bench-project-'));
	const env: NodeJS.ProcessEnv = {...process.env, MLDW_STATE_DIR: stateDirectory, TERM: 'xterm-256color'};
	delete env.CI;
	const wizard = `cd ${projectDirectory} && exec ${process.execPath} ${path.resolve('dist/cli.js')}`;
	const bare = `exec ${process.execPath} -e "process.stdout.write('ready')"`;
	const vite = createViteEntry();
	const viteCommand = vite ? `cd ${projectDirectory} && exec ${process.execPath} ${vite}` : undefined;
	const times = {bare: [] as number[], frame: [] as number[], ready: [] as number[], vite: [] as number[]};
	for (let run = 0; run < runs; run++) {
		times.bare.push(await timeUntilOutput(bare, /ready/, env));
		times.frame.push(await timeUntilOutput(wizard, /What would you like to do\?/, env));
		// ↓ typed at once: the interface answers it once it has loaded (the key waits, unechoed).
		times.ready.push(await timeUntilOutput(wizard, /❯ Only write the files/, env, '\u001B[B'));
		if (viteCommand) {
			times.vite.push(await timeUntilOutput(viteCommand, /Project name:/, env));
		}
	}

	const bareMedian = median(times.bare);
	const row = (label: string, values: number[]) => {
		const value = median(values);
		console.log(`  ${label.padEnd(40)} ${value.toFixed(0).padStart(4)} ms  ${(value / bareMedian).toFixed(2)}x bare node`);
	};

	console.log(`Start-up, median of ${runs} runs in a pty:`);
	console.log(`  ${'bare node to first output'.padEnd(40)} ${bareMedian.toFixed(0).padStart(4)} ms`);
	row('wizard to its first frame', times.frame);
	row('wizard answering a key typed at once', times.ready);
	if (viteCommand) {
		row(`create-vite ${createVite.version} to its first prompt`, times.vite);
	} else {
		console.log('  create-vite: not measured (it could not be installed: offline?)');
	}

	const ratio = median(times.frame) / bareMedian;
	console.log(`  first frame: ${ratio.toFixed(2)}x bare node (goal: at most ${goalRatio}x) ${ratio <= goalRatio ? 'met' : 'NOT met'}`);
}

export function reportPackageSize(): void {
	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']})) as Array<{
		size: number;
		unpackedSize: number;
		entryCount: number;
	}>;
	console.log('Package (npm pack):');
	console.log(`  packed ${(packed!.size / 1024).toFixed(0)} KiB, unpacked ${(packed!.unpackedSize / 1024).toFixed(0)} KiB, ${packed!.entryCount} files, no runtime dependencies`);
}
