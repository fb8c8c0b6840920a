// PLACEHOLDER FOR MERGE: the files the server gets (Caddyfile variants, cron lines) are
// rendered by issue 3's templates. This adapter is the narrow interface the VPS steps
// need; the simple bodies below stand in until the lead wires them to the renderer.
import type {CronJob} from '../../core/inputs.js';
import type {Answers} from '../../core/step.js';
import {cronLine} from '../../commands/crontab.js';

/** Caddy on port 80 of the server's IP, before there is a domain. */
export function caddyfileHttp(answers: Answers): string {
	return `:80 {\n\treverse_proxy 127.0.0.1:${Number(answers.appPort)}\n}\n`;
}

/** Caddy for the domain: certificate from Let's Encrypt, plain HTTP redirected with a 301. */
export function caddyfileHttps(answers: Answers): string {
	const domain = String(answers.domain);
	return `http://${domain} {\n\tredir https://{host}{uri} 301\n}\n\n${domain} {\n\treverse_proxy 127.0.0.1:${Number(answers.appPort)}\n}\n`;
}

/** The crontab lines for the jobs (the block markers are added by the installer). */
export function cronLines(jobs: readonly CronJob[], answers: Answers): string[] {
	return jobs.map((job, index) => cronLine(job, index, Number(answers.appPort)));
}
