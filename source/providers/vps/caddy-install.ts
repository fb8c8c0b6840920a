import type {Action, RemoteHost} from '../../core/action.js';
import {caddyInstallArgv, caddyValidateArgv, defaultCaddyfilePath, stagedCaddyfilePath} from '../../commands/caddy.js';

/**
 * The same four moves for either Caddyfile: stage it, let Caddy validate it, then back up
 * the current one, install and reload (skipped when nothing changed).
 */
export function caddyInstallActions(server: RemoteHost, content: string, target: string, sudo: boolean): Action[] {
	return [
		{kind: 'write-remote-file', label: 'Upload the new Caddyfile beside the old one', server, path: stagedCaddyfilePath, content, mode: 0o644},
		{kind: 'run-remote', label: 'Validate it with caddy validate', argv: caddyValidateArgv(stagedCaddyfilePath), server},
		{kind: 'run-remote', label: 'Back up the current Caddyfile, install the new one, reload Caddy', argv: caddyInstallArgv(stagedCaddyfilePath, target), sudo, server, factName: 'caddyfile'},
	];
}

export function caddyfileTarget(answers: Record<string, unknown>): string {
	return String(answers.caddyfilePath ?? defaultCaddyfilePath);
}
