import type {Action} from '../core/action.js';
import {toShellCommand} from '../core/shell-quote.js';

/**
 * One or more lines that say exactly what an action would do: the text of the preview
 * screen and of --dry-run. Standard input is never shown (it may hold secrets).
 */
export function describeAction(action: Action): string[] {
	switch (action.kind) {
		case 'write-file': {
			const mode = action.mode === undefined ? '' : ` (mode ${action.mode.toString(8)})`;
			return [`write ${action.path}${mode}`];
		}

		case 'run-local': {
			return [`run: ${toShellCommand(action.argv)}`];
		}

		case 'run-remote': {
			return [`on server: ${action.sudo ? 'sudo ' : ''}${toShellCommand(action.argv)}`];
		}

		case 'upload': {
			return [`upload ${action.from} to server:${action.to} (mode ${action.mode.toString(8)})`];
		}

		case 'check-dns': {
			return [`check that ${action.name} resolves to ${action.expectedAddress}`];
		}

		case 'check-http': {
			return [`check ${action.url}${action.expectStatus ? ` answers ${action.expectStatus}` : ''}`];
		}

		case 'instruct': {
			return [`you do: ${action.text}`];
		}

		case 'detect-project': {
			return ['look at the project: dependencies, framework, app object, port, health route, models, Python version'];
		}

		case 'replace-file': {
			const why = action.reason === 'edited' ? 'you edited it since the wizard wrote it' : 'the wizard did not write it';
			return [`replace ${action.path} only if you say yes (${why}):`, ...action.diff.split('\n')];
		}
	}
}
