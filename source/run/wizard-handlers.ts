import type {ActionKind} from '../core/action.js';
import type {ActionHandler, ActionHandlers} from './execute.js';
import {createLocalHandlers} from './local-handlers.js';

/** The action kinds the VPS flow's SSH side handles (source/ssh/handlers.ts). */
export const sshActionKinds = [
	'generate-key',
	'scan-host-key',
	'trust-host',
	'run-remote',
	'upload',
	'write-remote-file',
	'check-login',
	'probe-server',
	'crontab-block',
	'check-app',
	'edit-marked-block',
	'stop',
	'server-lock',
] as const satisfies readonly ActionKind[];

export type WizardHandlers = {
	handlers: ActionHandlers;
	/** Closes the SSH connection if one was opened; call once the wizard is done. */
	close: () => Promise<void>;
};

/**
 * Every handler the interactive wizard may need. The SSH side (and with it ssh2) is loaded
 * the first time a VPS action runs, so a Cloud Run or Heroku session never loads it.
 */
export function createWizardHandlers(): WizardHandlers {
	let ssh: Promise<ActionHandlers> | undefined;
	const loadSsh = async () => {
		ssh ??= import('../ssh/handlers.js').then(module => module.createSshHandlers());
		return ssh;
	};

	const lazy = Object.fromEntries(
		sshActionKinds.map(kind => {
			const handler: ActionHandler = async (action, context) => {
				const loaded = (await loadSsh())[kind] as ActionHandler;
				return loaded(action, context);
			};

			return [kind, handler];
		}),
	) as ActionHandlers;
	return {
		handlers: {...createLocalHandlers(), ...lazy},
		async close() {
			if (ssh) {
				const {endRemoteWork} = await import('../ssh/lock-handler.js');
				await endRemoteWork();
			}
		},
	};
}
