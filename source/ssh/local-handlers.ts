import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {replaceMarkedBlock} from '../commands/marked-block.js';
import {writeFileAtomic} from '../run/atomic-write.js';
import type {ActionHandlers} from '../run/execute.js';
import {expandHome} from '../run/expand-home.js';

/** Handlers for this machine's side of the VPS steps. */
export function createVpsLocalHandlers(): ActionHandlers {
	return {
		'edit-marked-block': async (action, context) => {
			const filePath = path.resolve(context.projectDirectory, expandHome(action.path));
			let current = '';
			try {
				current = await readFile(filePath, 'utf8');
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
					throw error;
				}
			}

			const next = replaceMarkedBlock(current, action.marker, action.lines);
			if (next === current) {
				return {ok: true, output: `${action.path} already has this entry.`, data: {changed: false}};
			}

			await writeFileAtomic(filePath, next, action.mode);
			return {ok: true, output: `Updated ${action.path}.`, data: {changed: true}};
		},

		stop: async action => ({ok: false, message: action.message, hint: action.hint}),
	};
}
