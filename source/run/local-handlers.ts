import path from 'node:path';
import type {ActionHandlers} from './execute.js';
import {writeFileAtomic} from './atomic-write.js';
import {createCheckHandlers} from './check-handlers.js';
import {type CheckOptions, checkOptionsFromEnvironment} from './check-options.js';
import {createNetworkCheckHandlers} from './network-check-handlers.js';
import {createProjectHandlers} from './project-handlers.js';
import {publishCode} from './publish-code.js';
import {lastLines} from './run-command.js';
import {runCommandWithRetry, stillFailing} from './retry-command.js';

/**
 * Handlers for everything that happens on this machine, live checks included (their DNS
 * servers and extra CA come from MLDW_DNS_SERVERS / MLDW_CA_FILE unless given). execa loads
 * on first use only.
 */
export function createLocalHandlers(checks: CheckOptions = checkOptionsFromEnvironment()): ActionHandlers {
	return {
		// Edited files are kept unless the caller swaps in a handler that asks (see project-handlers.ts).
		...createProjectHandlers(),
		...createNetworkCheckHandlers(checks),
		async 'write-file'(action, context) {
			const target = path.resolve(context.projectDirectory, action.path);
			await writeFileAtomic(target, action.content, action.mode);
			return {ok: true, output: `wrote ${action.path}`};
		},

		async 'run-local'(action, context) {
			const file = action.argv[0];
			if (!file) {
				return {ok: false, message: 'Internal error: an empty command was planned.'};
			}

			const {result, waitedSeconds} = await runCommandWithRetry(action.argv, {
				projectDirectory: context.projectDirectory,
				cwd: action.cwd,
				env: action.env,
				input: action.input,
				onOutput: context.onOutput,
				secretValues: action.secretValues,
				signal: context.signal,
			}, action.retry, context.onOutput, checks.sleep);
			if (!result.ok) {
				return {
					ok: false,
					message: result.notFound
						? `"${file}" is not installed or not on your PATH.`
						: `${file} exited with code ${result.exitCode ?? 'unknown'}.${stillFailing(waitedSeconds)}`,
					hint: result.notFound ? `Install ${file}, then run the wizard again: it resumes here.` : undefined,
					exitCode: result.exitCode,
					output: lastLines(result.output),
				};
			}

			return {ok: true, output: result.output};
		},

		...createCheckHandlers(checks.sleep),
		'publish-code': publishCode,

		// The text is also the outcome's data, so a step can keep it as a fact (the logs command).
		async instruct(action) {
			return {ok: true, output: action.text, data: action.text};
		},
	};
}
