// Pure: turns probe results into one verdict per layer, with the likely cause and the next
// thing to run. The https step (ports, certificate wait) and the final check share these.
import type {LayerResult} from './layer-result.js';
import type {HttpProbe, TcpProbe, TlsProbe} from './net-probes.js';

export type DiagnosisContext = {
	name: string;
	port: number;
	/** How to see the app's last log lines (a VPS: `ssh ... docker compose logs --tail 50`). */
	logsCommand?: string;
	now?: Date;
};

const dayMs = 24 * 60 * 60 * 1000;

export function appLogsStep(context: DiagnosisContext): string {
	return context.logsCommand
		? `Read your app's last log lines: ${context.logsCommand}`
		: 'Read your app\'s last log lines (on a VPS, in the app folder: docker compose logs --tail 50).';
}

export function diagnoseTcp(probe: TcpProbe, context: DiagnosisContext): LayerResult {
	const where = `${context.name} port ${context.port}`;
	if (probe.ok) {
		return {layer: 'tcp', ok: true, summary: `${where} accepts connections (${probe.latencyMs} ms)`, details: {port: context.port, latencyMs: probe.latencyMs}};
	}

	const details = {port: context.port, error: probe.error.code};
	switch (probe.error.code) {
		case 'ECONNREFUSED': {
			return {
				layer: 'tcp', ok: false, summary: `${where}: connection refused`, details,
				cause: `The server is reachable but nothing listens on port ${context.port}: Caddy is not running, or not listening on that port.`,
				nextStep: 'On the server: sudo systemctl status caddy   and   sudo ss -ltnp | grep -E \':(80|443)\\b\'',
			};
		}

		case 'TIMEOUT':
		case 'ETIMEDOUT': {
			return {
				layer: 'tcp', ok: false, summary: `${where}: no answer (${probe.error.message})`, details,
				cause: `Packets to port ${context.port} are silently dropped: a firewall (ufw on the server, or your hosting provider's firewall or security group) blocks it.`,
				nextStep: `Open ports 80 and 443: on the server sudo ufw allow 80/tcp && sudo ufw allow 443/tcp, and in your provider's control panel.`,
			};
		}

		case 'EHOSTUNREACH':
		case 'ENETUNREACH': {
			return {
				layer: 'tcp', ok: false, summary: `${where}: no route to the server`, details,
				cause: 'The address cannot be reached at all from here: the server is off, the address is wrong, or this network has no route to it (often IPv6).',
				nextStep: 'Check that the server is running in your provider\'s panel, and that DNS holds its current address.',
			};
		}

		default: {
			return {
				layer: 'tcp', ok: false, summary: `${where}: ${probe.error.code}`, details,
				cause: probe.error.message,
				nextStep: `Try by hand: nc -vz ${context.name} ${context.port}`,
			};
		}
	}
}

const untrustedCodes = new Set([
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

const caddyLogsStep = 'On the server, read Caddy\'s log for the certificate attempts: sudo journalctl -u caddy -n 50 --no-pager';

export function diagnoseTls(probe: TlsProbe, context: DiagnosisContext): LayerResult {
	const {name} = context;
	if (!probe.ok) {
		const details = {error: probe.error.code};
		if (probe.error.code === 'TIMEOUT') {
			return {
				layer: 'tls', ok: false, summary: `no TLS handshake (${probe.error.message})`, details,
				cause: `A connection to port ${context.port} opens but the TLS handshake never completes: something other than a web server holds the port, or the server is overloaded.`,
				nextStep: `On the server, see what listens on the port: sudo ss -ltnp | grep :${context.port}`,
			};
		}

		if (/WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST/.test(probe.error.code)) {
			return {
				layer: 'tls', ok: false, summary: `port ${context.port} speaks plain HTTP, not TLS`, details,
				cause: 'The port answers without encryption: the HTTPS Caddyfile is not installed yet (the HTTP-only one is), or another server holds the port.',
				nextStep: 'Install the HTTPS Caddyfile and reload Caddy (the wizard\'s "Switch on HTTPS" step).',
			};
		}

		return {
			layer: 'tls', ok: false, summary: `TLS handshake failed (${probe.error.code})`, details,
			cause: `The server has no certificate to offer for ${name} yet: Caddy is still obtaining it, failed to obtain it, or its Caddyfile does not name ${name}.`,
			nextStep: caddyLogsStep,
		};
	}

	const certificate = probe.certificate;
	const details: LayerResult['details'] = {protocol: probe.protocol};
	if (!certificate) {
		return {layer: 'tls', ok: false, summary: 'the server sent no certificate', details, cause: 'The TLS server presented no certificate.', nextStep: caddyLogsStep};
	}

	const now = context.now ?? new Date();
	const daysLeft = Math.floor((Date.parse(certificate.validTo) - now.getTime()) / dayMs);
	Object.assign(details, {
		issuer: certificate.issuer,
		names: certificate.altNames,
		validTo: certificate.validTo,
		daysToExpiry: daysLeft,
	});
	const described = `issued by ${certificate.issuer} for ${certificate.altNames.join(', ') || certificate.subject}`;

	if (probe.authorizationError === 'CERT_HAS_EXPIRED' || daysLeft < 0) {
		return {
			layer: 'tls', ok: false, summary: `certificate expired on ${certificate.validTo.slice(0, 10)} (${described})`, details,
			cause: 'The certificate has expired. Caddy renews certificates about a month ahead, so an expired one means renewal kept failing (DNS moved, port 80 blocked, or a rate limit) or Caddy has been stopped.',
			nextStep: caddyLogsStep,
		};
	}

	if (probe.authorizationError === 'CERT_NOT_YET_VALID') {
		return {
			layer: 'tls', ok: false, summary: `certificate not valid before ${certificate.validFrom}`, details,
			cause: 'The certificate is not valid yet: the clock of this machine or of the server is wrong.',
			nextStep: 'Check the date on both machines (date -u); turn on time sync on the server (timedatectl set-ntp true).',
		};
	}

	if (probe.authorizationError && untrustedCodes.has(probe.authorizationError)) {
		return {
			layer: 'tls', ok: false, summary: `untrusted certificate (${described})`, details: {...details, error: probe.authorizationError},
			cause: `The certificate is issued by ${certificate.issuer}, which browsers do not trust: Caddy is still on a temporary certificate from its internal CA, or it was issued by Let's Encrypt's staging CA (staging certificates are untrusted on purpose).`,
			nextStep: `If you used the staging CA, switch the Caddyfile back to the production CA and reload Caddy; otherwise wait a minute and check again. ${caddyLogsStep}`,
		};
	}

	if (probe.authorizationError === 'ERR_TLS_CERT_ALTNAME_INVALID' || !coversName(certificate.altNames, name)) {
		return {
			layer: 'tls', ok: false, summary: `certificate for another name: ${certificate.altNames.join(', ') || certificate.subject}, not ${name}`, details,
			cause: `The server answered with a certificate for ${certificate.altNames.join(', ') || certificate.subject}. The Caddyfile's site address does not name ${name}, or DNS sends ${name} to a different server that hosts other sites.`,
			nextStep: `Make the first line of the Caddyfile site block read ${name} and reload Caddy; check DNS points at your server.`,
		};
	}

	if (probe.authorizationError) {
		return {
			layer: 'tls', ok: false, summary: `certificate rejected (${probe.authorizationError})`, details,
			cause: `The certificate did not verify: ${probe.authorizationError}.`,
			nextStep: caddyLogsStep,
		};
	}

	return {layer: 'tls', ok: true, summary: `valid for ${name}, ${described.replace(/ for .*$/, '')}, ${daysLeft} days left`, details};
}

/** True when a certificate name matches, including one wildcard label. */
export function coversName(altNames: readonly string[], name: string): boolean {
	const wanted = name.toLowerCase();
	return altNames.some(entry => {
		const candidate = entry.toLowerCase();
		if (candidate.startsWith('*.')) {
			const rest = wanted.slice(wanted.indexOf('.') + 1);
			return wanted.includes('.') && rest === candidate.slice(2);
		}

		return candidate === wanted;
	});
}

export type RedirectContext = DiagnosisContext & {
	httpPort: number;
	/** Where HTTPS lives: the redirect must lead there. */
	httpsUrl: URL;
};

export function diagnoseRedirect(probe: HttpProbe, context: RedirectContext): LayerResult {
	const from = `http://${context.name}${context.httpPort === 80 ? '' : `:${context.httpPort}`}/`;
	if (!probe.ok) {
		const refused = probe.error.code === 'ECONNREFUSED';
		return {
			layer: 'redirect', ok: false, summary: `${from}: ${refused ? 'connection refused' : probe.error.code}`, details: {error: probe.error.code},
			cause: refused
				? `Nothing answers on port ${context.httpPort}. Plain HTTP must stay open: it carries the redirect, and Let's Encrypt's HTTP challenge uses it to renew the certificate.`
				: `Port ${context.httpPort} did not answer: ${probe.error.message}. A firewall may block it.`,
			nextStep: 'Open port 80 (sudo ufw allow 80/tcp, and in your provider\'s firewall) and check that Caddy runs: sudo systemctl status caddy',
		};
	}

	const details: LayerResult['details'] = {status: probe.status};
	if (probe.location) {
		details.location = probe.location;
	}

	if (probe.status < 300 || probe.status >= 400) {
		return {
			layer: 'redirect', ok: false, summary: `${from} answered ${probe.status} instead of redirecting`, details,
			cause: 'Redirect missing: plain HTTP is served as is, so visitors who type the name without https:// get an unencrypted page. The HTTP-only Caddyfile (or an http:// site block) is still in place.',
			nextStep: 'Install the HTTPS Caddyfile (its site address is the bare domain, which makes Caddy redirect HTTP) and reload Caddy.',
		};
	}

	let target: URL | undefined;
	try {
		target = probe.location ? new URL(probe.location, from) : undefined;
	} catch {}

	const wanted = context.httpsUrl;
	if (!target || target.protocol !== 'https:' || target.hostname !== wanted.hostname || target.port !== wanted.port) {
		return {
			layer: 'redirect', ok: false, summary: `${from} -> ${probe.status} ${probe.location ?? '(no Location)'}`, details,
			cause: `The redirect does not lead to ${wanted.origin}: it goes to ${probe.location ?? 'nowhere (no Location header)'}.`,
			nextStep: `Make the redirect point at https://{host}{uri} (Caddy does this by itself when the site address is ${context.name}).`,
		};
	}

	if (probe.status !== 301 && probe.status !== 308) {
		return {
			layer: 'redirect', ok: false, summary: `${from} -> ${probe.status} (temporary) ${probe.location}`, details,
			cause: `The redirect is temporary (${probe.status}): browsers and search engines will keep trying plain HTTP first.`,
			nextStep: 'Use a permanent redirect: redir https://{host}{uri} 301',
		};
	}

	return {layer: 'redirect', ok: true, summary: `${from} -> ${probe.status} ${probe.location}`, details};
}

function bodyPreview(body: string): string {
	const flat = body.replaceAll(/\s+/g, ' ').trim();
	return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

/**
 * The app's health route, or (`anyAnswer`: the app has none) its front page, where any
 * answer but a gateway or server error shows the app is up.
 */
export function diagnoseHealth(probe: HttpProbe, context: DiagnosisContext & {url: URL; anyAnswer?: boolean}): LayerResult {
	const route = `GET ${context.url.pathname}`;
	if (!probe.ok) {
		const timedOut = probe.error.code === 'TIMEOUT';
		return {
			layer: 'health', ok: false, summary: `${route}: ${timedOut ? probe.error.message : probe.error.code}`, details: {error: probe.error.code},
			cause: timedOut
				? 'The app accepted the request but did not answer in time: it is stuck, overloaded, or still loading the model.'
				: `The request failed before an answer came back: ${probe.error.message}.`,
			nextStep: appLogsStep(context),
		};
	}

	const details: LayerResult['details'] = {status: probe.status, latencyMs: probe.latencyMs, body: bodyPreview(probe.body)};
	const answered = `${route} -> ${probe.status} in ${probe.latencyMs} ms`;
	if (probe.status >= 200 && probe.status < 300) {
		return {layer: 'health', ok: true, summary: `${answered}${probe.body.trim() ? `: ${bodyPreview(probe.body).slice(0, 40)}` : ''}`, details};
	}

	if (context.anyAnswer && probe.status < 500) {
		return {layer: 'health', ok: true, summary: `${answered} (no health route: any answer shows the app is up)`, details};
	}

	if (probe.status === 502 || probe.status === 503 || probe.status === 504) {
		return {
			layer: 'health', ok: false, summary: `${answered} (Caddy could not reach your app)`, details,
			cause: `Backend down: Caddy works, but your app behind it did not answer (${probe.status}). The container is stopped or crashed while starting (a missing model file or setting is common), or the app listens on a different port than the one Caddy forwards to.`,
			nextStep: appLogsStep(context),
		};
	}

	if (probe.status === 404) {
		return {
			layer: 'health', ok: false, summary: `${answered}: no such route`, details,
			cause: `Your app answers, but has no route ${context.url.pathname}.`,
			nextStep: 'Give the health route your app really has (--health-path), or add a route that returns 200.',
		};
	}

	if (probe.status >= 500) {
		return {
			layer: 'health', ok: false, summary: `${answered}: the app failed`, details,
			cause: `Your app is running but failed on this route (${probe.status}): an exception in the code, often a model or a setting it could not load.`,
			nextStep: appLogsStep(context),
		};
	}

	return {
		layer: 'health', ok: false, summary: `${answered}`, details,
		cause: `The health route answered ${probe.status}; it should answer 200 when the app is up.`,
		nextStep: appLogsStep(context),
	};
}

export function diagnosePrediction(probe: HttpProbe, context: DiagnosisContext & {url: URL}): LayerResult {
	const route = `POST ${context.url.pathname}`;
	if (!probe.ok) {
		return {
			layer: 'prediction', ok: false, summary: `${route}: ${probe.error.code === 'TIMEOUT' ? probe.error.message : probe.error.code}`, details: {error: probe.error.code},
			cause: probe.error.code === 'TIMEOUT'
				? 'The prediction took longer than the time allowed: the model may be too slow for this server, or the app is stuck.'
				: `The request failed before an answer came back: ${probe.error.message}.`,
			nextStep: appLogsStep(context),
		};
	}

	const details: LayerResult['details'] = {status: probe.status, latencyMs: probe.latencyMs, body: bodyPreview(probe.body)};
	const answered = `${route} -> ${probe.status} in ${probe.latencyMs} ms`;
	if (probe.status >= 400 && probe.status < 500) {
		return {
			layer: 'prediction', ok: false, summary: answered, details,
			cause: `Your app refused the sample payload (${probe.status}): its fields do not match what the route expects. It said: ${bodyPreview(probe.body) || '(nothing)'}`,
			nextStep: 'Compare the payload file with the fields your prediction route reads, or give the right route with --predict-path.',
		};
	}

	if (probe.status < 200 || probe.status >= 300) {
		return {
			layer: 'prediction', ok: false, summary: answered, details,
			cause: `The prediction route failed (${probe.status}): the model raised an error on this input, or it is not loaded.`,
			nextStep: appLogsStep(context),
		};
	}

	try {
		JSON.parse(probe.body);
	} catch {
		return {
			layer: 'prediction', ok: false, summary: `${answered}, but not JSON`, details,
			cause: `The route answered ${probe.status} but its body is not JSON (${probe.contentType ?? 'no content type'}); clients of an ML API expect JSON.`,
			nextStep: 'Return the prediction with jsonify(...) in Flask, or a dict in FastAPI.',
		};
	}

	return {layer: 'prediction', ok: true, summary: `${answered}: ${bodyPreview(probe.body).slice(0, 40)}`, details};
}
