// Runs the real CLI (`ml-deploy-wizard deploy --config FILE`) from source, as a person or a
// CI job would, with its own HOME (keys, ~/.ssh/config, known_hosts) and state folder.
import {spawn} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';

export type CliRun = {code: number; stdout: string; stderr: string};

const root = path.resolve(import.meta.dirname, '../..');
let counter = 0;

export function runDeployCli(options: {
	config: unknown;
	work: string;
	home: string;
	project: string;
	flags?: string[];
	onStdout?: (stdoutSoFar: string) => void;
	/** Extra environment, like MLDW_DNS_SERVERS pointing at a test DNS server. */
	env?: Record<string, string>;
}): Promise<CliRun> {
	const configPath = path.join(options.work, `config-${++counter}.json`);
	writeFileSync(configPath, JSON.stringify(options.config));
	const environment: Record<string, string | undefined> = {...process.env, HOME: options.home, MLDW_STATE_DIR: path.join(options.work, 'state'), CI: 'true', ...options.env};
	delete environment.MLDW_KNOWN_HOSTS;
	const child = spawn(process.execPath, ['--import', 'tsx', 'source/cli.tsx', 'deploy', '--config', configPath, '--dir', options.project, ...(options.flags ?? ['--yes'])], {
		cwd: root,
		env: environment,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
		options.onStdout?.(stdout);
	});
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	return new Promise(resolve => {
		child.on('close', code => resolve({code: code ?? -1, stdout, stderr}));
	});
}
