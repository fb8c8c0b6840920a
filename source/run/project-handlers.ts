import {readFile} from 'node:fs/promises';
import path from 'node:path';
import type {ReplaceFileAction} from '../core/action.js';
import {describeDetection} from '../detect/describe-detection.js';
import {detectProject, forgetDetection} from '../detect/detect-project.js';
import {sha256} from '../render/generated-header.js';
import {writeFileAtomic} from './atomic-write.js';
import type {ActionHandler, ActionHandlers} from './execute.js';

/**
 * Decides whether a hand-edited file may be replaced: the interactive wizard shows
 * action.diff and asks; headless mode answers from --force. Returning false keeps the file.
 */
export type ReplaceDecision = (action: ReplaceFileAction) => boolean | Promise<boolean>;

export function createReplaceFileHandler(decide: ReplaceDecision): ActionHandler<'replace-file'> {
	return async (action, context) => {
		const target = path.resolve(context.projectDirectory, action.path);
		let current: string | undefined;
		try {
			current = await readFile(target, 'utf8');
		} catch {}

		if (current !== undefined && sha256(current) !== action.expectedSha256) {
			return {
				ok: false,
				message: `${action.path} changed after the wizard compared it, so it was not replaced.`,
				hint: 'Run this step again to see the new differences.',
			};
		}

		if (!(await decide(action))) {
			return {ok: true, output: `kept your ${action.path}`, data: {replaced: false}};
		}

		await writeFileAtomic(target, action.content, action.mode);
		return {ok: true, output: `replaced ${action.path}`, data: {replaced: true}};
	};
}

/**
 * Handlers for looking at the project and replacing edited files. Without a decision
 * function nothing the person wrote is ever replaced: such files are kept and reported.
 */
export function createProjectHandlers(decide: ReplaceDecision = () => false): ActionHandlers {
	return {
		async 'detect-project'(_action, context) {
			forgetDetection(context.projectDirectory);
			const detection = detectProject(context.projectDirectory);
			// Printed by a headless deploy, whose config has its own keys: no flag to name.
			return {ok: true, output: describeDetection(detection, 'none').join('\n'), data: detection};
		},
		'replace-file': createReplaceFileHandler(decide),
	};
}
