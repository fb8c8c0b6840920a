import type {ActionOutcome, EnsureAction} from '../core/action.js';
import type {ActionHandlers, RunContext} from './execute.js';
import {toShellCommand} from '../core/shell-quote.js';
import type {Sleep} from './poll.js';
import {runCommandWithRetry, stillFailing} from './retry-command.js';
import {type CommandResult, lastLines, runCommand} from './run-command.js';

// A create that loses a race (or a check that cannot see a thing the account owns) still
// ends well when the backend answers that the thing is already there.
const alreadyExists = /already exists|already been created/i;

type Failed = Extract<CommandResult, {ok: false}>;

function failure(argv: readonly string[], result: Failed, what: string, hint?: string, waitedSeconds = 0): ActionOutcome {
	const file = argv[0] ?? '';
	if (result.notFound) {
		return {ok: false, message: `"${file}" is not installed or not on your PATH.`, hint: `Install ${file}, then run the wizard again: it resumes here.`};
	}

	return {
		ok: false,
		message: `${what}: \`${toShellCommand(argv)}\` exited with code ${result.exitCode ?? 'unknown'}.${stillFailing(waitedSeconds)}`,
		hint,
		exitCode: result.exitCode,
		output: lastLines(result.output),
	};
}

async function ensure(action: EnsureAction, context: RunContext, sleep?: Sleep): Promise<ActionOutcome> {
	const base = {projectDirectory: context.projectDirectory, env: action.env, signal: context.signal};
	// The check is quiet: its output ("NOT_FOUND ...") would only confuse.
	const check = await runCommand(action.check, base);
	if (!check.ok && check.notFound) {
		return failure(action.check, check, action.what);
	}

	const exists = check.ok;
	const [next, verb] = exists
		? action.update
			? [action.update, 'updated']
			: action.remove
				? [action.remove, 'removed']
				: [undefined, 'reused']
		: action.create
			? [action.create, 'created']
			: [undefined, 'already gone'];
	if (!next) {
		const text = exists ? `${action.what} already exists: reused.` : `${action.what} is already gone.`;
		context.onOutput(`${text}\n`);
		return {ok: true, output: text, data: verb};
	}

	const {result, waitedSeconds} = await runCommandWithRetry(next, {...base, onOutput: context.onOutput}, action.retry, context.onOutput, sleep);
	if (!result.ok) {
		if (next === action.create && alreadyExists.test(result.output)) {
			return {ok: true, output: `${action.what} already exists: reused.`, data: 'reused'};
		}

		return failure(next, result, `Could not ensure ${action.what}`, action.hint, waitedSeconds);
	}

	return {ok: true, output: result.output, data: verb};
}

/** Handlers for the look-before-you-act kinds: `ensure` and `check-local`. `sleep` paces retries. */
export function createCheckHandlers(sleep?: Sleep): Pick<ActionHandlers, 'ensure' | 'check-local'> {
	return {
		ensure: async (action, context) => ensure(action, context, sleep),
		async 'check-local'(action, context) {
			const {result, waitedSeconds} = await runCommandWithRetry(action.argv, {projectDirectory: context.projectDirectory, signal: context.signal}, action.retry, context.onOutput, sleep);
			if (!result.ok) {
				const file = action.argv[0] ?? '';
				return {
					ok: false,
					message: result.notFound ? `"${file}" is not installed or not on your PATH. ${action.failure}` : `${action.failure}${stillFailing(waitedSeconds)}`,
					hint: action.hint,
					exitCode: result.exitCode,
					output: lastLines(result.output),
				};
			}

			const output = result.output.trim();
			if (action.expect === undefined) {
				return {ok: true, output, data: output};
			}

			const match = new RegExp(action.expect, 'm').exec(output);
			if (!match) {
				return {ok: false, message: action.failure, hint: action.hint, output: lastLines(output)};
			}

			return {ok: true, output, data: match[1] ?? output};
		},
	};
}
