import type {Action, RemoteHost} from '../../core/action.js';
import type {PlanContext} from '../../core/step.js';
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

/**
 * The server's Caddyfile, rendered by the project's templates (the same text `generate`
 * writes), or a `stop` action naming the answer that cannot go into it. The certificate
 * authority and e-mail come from the files step's answers (headless: acme.ca, acme.email).
 */
export async function serverCaddyfile(variant: 'http' | 'https', context: PlanContext): Promise<{ok: true; content: string} | {ok: false; stop: Action}> {
	const {caddyfileFromAnswers} = await import('../../render/prepare-files.js');
	const rendered = await caddyfileFromAnswers(variant, context.answers, context.projectDirectory);
	if (rendered.ok) {
		return rendered;
	}

	return {
		ok: false,
		stop: {
			kind: 'stop',
			label: `Cannot make the ${variant === 'https' ? 'HTTPS' : 'HTTP'} Caddyfile: the answer "${rendered.field}" is not usable`,
			message: rendered.message,
			hint: `Correct "${rendered.field}" and run again. Nothing was changed on the server.`,
		},
	};
}
