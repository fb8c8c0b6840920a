import type {Action, RemoteHost} from '../../core/action.js';
import {certificateAuthoritySchema, domainSchema, emailSchema, serviceNameSchema} from '../../core/inputs.js';
import type {PlanContext} from '../../core/step.js';
import {caddyInstallSiteArgv, defaultCaddyfilePath, stagedSitePath} from '../../commands/caddy.js';
import {cachedDetection} from '../../detect/detect-project.js';
import {detectedDefaults} from '../../render/file-settings.js';

/** Upload the app's site, then install it, validate the whole configuration and reload (skipped when nothing changed). */
export function caddyInstallActions(server: RemoteHost, site: {name: string; content: string}, target: string, sudo: boolean): Action[] {
	return [
		{kind: 'write-remote-file', label: `Upload the site of ${site.name} for Caddy`, server, path: stagedSitePath(site.name), content: site.content, mode: 0o644},
		{
			kind: 'run-remote',
			label: `Install it as sites/${site.name}.caddy beside your Caddyfile, check the whole configuration, reload Caddy`,
			argv: caddyInstallSiteArgv(stagedSitePath(site.name), target, site.name),
			sudo,
			server,
			factName: 'caddyfile',
		},
	];
}

export function caddyfileTarget(answers: Record<string, unknown>): string {
	return String(answers.caddyfilePath ?? defaultCaddyfilePath);
}

/**
 * The app's site on the server, in a file of its own: the same address, redirect and proxy
 * as the Caddyfile `generate` writes (rendered from the project's templates), with the
 * certificate authority and e-mail in the site's own tls directive, because global options
 * may only stand at the top of the person's main Caddyfile. A `stop` action names an answer
 * that cannot go into it.
 */
export async function serverSite(variant: 'http' | 'https', context: PlanContext): Promise<{ok: true; name: string; content: string} | {ok: false; stop: Action}> {
	const {caddyfileFromAnswers} = await import('../../render/prepare-files.js');
	const rendered = await caddyfileFromAnswers(variant, context.answers, context.projectDirectory);
	const stop = (field: string, message: string) => ({
		ok: false as const,
		stop: {
			kind: 'stop' as const,
			label: `Cannot make the ${variant === 'https' ? 'HTTPS' : 'HTTP'} site for Caddy: the answer "${field}" is not usable`,
			message,
			hint: `Correct "${field}" and run again. Nothing was changed on the server.`,
		},
	});
	if (!rendered.ok) {
		return stop(rendered.field, rendered.message);
	}

	const {answers} = context;
	const name = serviceNameSchema.safeParse(String(answers.serviceName ?? detectedDefaults(cachedDetection(context.projectDirectory), context.projectDirectory).serviceName));
	if (!name.success) {
		return stop('serviceName', name.error.issues[0]?.message ?? 'The app name is not valid.');
	}

	const upstream = /reverse_proxy (127\.0\.0\.1:\d+)/.exec(rendered.content)?.[1];
	if (!upstream) {
		return stop('appPort', 'The rendered Caddyfile has no reverse_proxy line to take the app\'s port from.');
	}

	const header = `# ${name.data}: made by ml-deploy-wizard, replaced on every deploy. Your own sites belong in the Caddyfile.\n`;
	if (variant === 'http') {
		return {ok: true, name: name.data, content: `${header}:80 {\n\treverse_proxy ${upstream}\n}\n`};
	}

	// Validated again here: these values are written into the file as they are.
	const domain = domainSchema.parse(String(answers.domain));
	const email = answers.acmeEmail ? emailSchema.parse(String(answers.acmeEmail)) : '';
	const ca = certificateAuthoritySchema.parse(String(answers.acmeCa ?? ''));
	const tls = email || ca ? `\ttls${email ? ` ${email}` : ''}${ca ? ` {\n\t\tca ${ca}\n\t}` : ''}\n` : '';
	return {
		ok: true,
		name: name.data,
		content: `${header}http://${domain} {\n\tredir https://${domain}{uri} 301\n}\n\nhttps://${domain} {\n${tls}\treverse_proxy ${upstream}\n}\n`,
	};
}
