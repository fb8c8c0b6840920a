import path from 'node:path';
import type {ActionHandlers} from './execute.js';
import {writeFileAtomic} from './atomic-write.js';
import {createCheckHandlers} from './check-handlers.js';
import {type CheckOptions, checkOptionsFromEnvironment} from './check-options.js';

const lastLineCount = 15;

function lastLines(text: string): string {
	return text.trimEnd().split('\n').slice(-lastLineCount).join('\n');
}

/**
 * Handlers for everything that happens on this machine, live checks included (their DNS
 * servers and extra CA come from MLDW_DNS_SERVERS / MLDW_CA_FILE unless given). execa loads
 * on first use only.
 */
export function createLocalHandlers(checks: CheckOptions = checkOptionsFromEnvironment()): ActionHandlers {
	return {
		...createCheckHandlers(checks),
		async 'write-file'(action, context) {
			const target = path.resolve(context.projectDirectory, action.path);
			await writeFileAtomic(target, action.content, action.mode);
			return {ok: true, output: `wrote ${action.path}`};
		},

		async 'run-local'(action, context) {
			const {execa} = await import('execa');
			const [file, ...arguments_] = action.argv;
			if (!file) {
				return {ok: false, message: 'Internal error: an empty command was planned.'};
			}

			const child = execa(file, arguments_, {
				cwd: action.cwd ? path.resolve(context.projectDirectory, action.cwd) : context.projectDirectory,
				env: action.env,
				input: action.input,
				all: true,
				reject: false,
				cancelSignal: context.signal,
			});
			child.all?.on('data', (chunk: Buffer) => {
				context.onOutput(chunk.toString());
			});
			const result = await child;
			if (result.failed) {
				const notFound = (result as {code?: string}).code === 'ENOENT';
				return {
					ok: false,
					message: notFound
						? `"${file}" is not installed or not on your PATH.`
						: `${file} exited with code ${result.exitCode ?? 'unknown'}.`,
					hint: notFound ? `Install ${file}, then run the wizard again: it resumes here.` : undefined,
					exitCode: result.exitCode,
					output: lastLines(String(result.all ?? '')),
				};
			}

			return {ok: true, output: String(result.all ?? '')};
		},

		async instruct(action) {
			return {ok: true, output: action.text};
		},
	};
}
