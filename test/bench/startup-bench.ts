// Benchmark, not a test: how long from spawn to the wizard's first frame in a pseudo-
// terminal, next to a bare node start measured the same way, and how big the package is.
// Run with: npm run bench
import {execFileSync, spawn} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';

const runs = Number(process.env.BENCH_RUNS ?? 10);
const goalRatio = 2.5;

/** Spawns a command under `script` (a real pty) and resolves when its output contains `marker`. */
async function timeUntilOutput(command: string, marker: string, env: NodeJS.ProcessEnv): Promise<number> {
	const started = performance.now();
	// script's pty starts 0 columns wide; give it a real size, for both commands alike.
	const sized = `stty cols 120 rows 40; ${command}`;
	const child = spawn('script', ['-qfec', sized, '/dev/null'], {env, stdio: ['pipe', 'pipe', 'inherit'], detached: true});
	return new Promise<number>((resolve, reject) => {
		let output = '';
		const timer = setTimeout(() => {
			reject(new Error(`"${command}" never printed ${marker}`));
		}, 15_000);
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes(marker)) {
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

export async function benchmarkStartup(): Promise<void> {
	const stateDirectory = mkdtempSync(path.join(tmpdir(), 'mldw-bench-state-'));
	const projectDirectory = mkdtempSync(path.join(tmpdir(), 'mldw-bench-project-'));
	const env: NodeJS.ProcessEnv = {...process.env, MLDW_STATE_DIR: stateDirectory, TERM: 'xterm-256color'};
	delete env.CI;
	const wizard = `cd ${projectDirectory} && exec ${process.execPath} ${path.resolve('dist/cli.js')}`;
	const bare = `exec ${process.execPath} -e "process.stdout.write('ready')"`;
	const wizardTimes: number[] = [];
	const bareTimes: number[] = [];
	for (let run = 0; run < runs; run++) {
		bareTimes.push(await timeUntilOutput(bare, 'ready', env));
		wizardTimes.push(await timeUntilOutput(wizard, 'What would you like to do?', env));
	}

	const wizardMedian = median(wizardTimes);
	const bareMedian = median(bareTimes);
	const ratio = wizardMedian / bareMedian;
	console.log(`Start-up, median of ${runs} runs in a pty:`);
	console.log(`  bare node to first output   ${bareMedian.toFixed(0)} ms`);
	console.log(`  wizard to first frame       ${wizardMedian.toFixed(0)} ms`);
	console.log(`  ratio                       ${ratio.toFixed(2)}x (goal: at most ${goalRatio}x) ${ratio <= goalRatio ? 'met' : 'NOT met'}`);
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
