import path from 'node:path';

const lastLineCount = 15;

export type CommandResult =
	| {ok: true; output: string}
	| {ok: false; notFound: boolean; exitCode?: number; output: string};

export type CommandOptions = {
	projectDirectory: string;
	cwd?: string;
	env?: Record<string, string>;
	input?: string;
	/** Streams output as it arrives; omitted for quiet look-ups (an existence check). */
	onOutput?: (chunk: string) => void;
	/** Masked as *** in everything streamed or returned. */
	secretValues?: readonly string[];
	signal?: AbortSignal;
};

export function lastLines(text: string): string {
	return text.trimEnd().split('\n').slice(-lastLineCount).join('\n');
}

export function maskSecrets(text: string, secretValues: readonly string[] = []): string {
	let masked = text;
	for (const secret of secretValues) {
		if (secret.length > 0) {
			masked = masked.replaceAll(secret, '***');
		}
	}

	return masked;
}

/** Runs one argv on this machine, never through a shell. execa loads on first use only. */
export async function runCommand(argv: readonly string[], options: CommandOptions): Promise<CommandResult> {
	const {execa} = await import('execa');
	const [file, ...arguments_] = argv;
	if (!file) {
		return {ok: false, notFound: false, output: 'Internal error: an empty command was planned.'};
	}

	const child = execa(file, arguments_, {
		cwd: options.cwd ? path.resolve(options.projectDirectory, options.cwd) : options.projectDirectory,
		env: options.env,
		input: options.input,
		all: true,
		reject: false,
		cancelSignal: options.signal,
	});
	if (options.onOutput) {
		const onOutput = options.onOutput;
		child.all?.on('data', (chunk: Buffer) => {
			onOutput(maskSecrets(chunk.toString(), options.secretValues));
		});
	}

	const result = await child;
	const output = maskSecrets(String(result.all ?? ''), options.secretValues);
	if (result.failed) {
		return {ok: false, notFound: (result as {code?: string}).code === 'ENOENT', exitCode: result.exitCode, output};
	}

	return {ok: true, output};
}
