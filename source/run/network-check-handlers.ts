// Handlers for the live checks: DNS (waiting for a record with a countdown), open ports,
// the certificate, a plain HTTP check, and the full endpoint verification. Each returns its
// layer results as data, so a step can keep them in its facts (see Action.factName).
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import type {ActionOutcome} from '../core/action.js';
import {isIpv4Address} from '../core/inputs.js';
import {
	type CheckOptions,
	defaultCertificateBackoff,
	defaultCertificateMaxAttempts,
	defaultDnsBackoff,
	defaultDnsMaxAttempts,
} from './check-options.js';
import {diagnoseDns} from './dns-diagnosis.js';
import {diagnoseTcp, diagnoseTls} from './endpoint-diagnosis.js';
import {firewallAdvice} from './firewall-advice.js';
import type {ActionHandlers, RunContext} from './execute.js';
import {formatLayerTable, type LayerResult} from './layer-result.js';
import {probeHttp, probeTcp, probeTls} from './net-probes.js';
import {type Backoff, pollUntil, type PollEvent} from './poll.js';
import {resolveAddresses} from './resolver.js';
import {verifyEndpoint} from './verify-endpoint.js';

const stoppedMessage = 'Stopped waiting. Your progress is saved: run the wizard again to carry on checking from here.';

function failure(result: LayerResult, data: unknown = result): ActionOutcome {
	return {ok: false, message: `${result.summary}. ${result.cause ?? ''}`.trim(), hint: result.nextStep, data};
}

/** Writes attempts, results and the countdown to the step's live output. */
function pollReporter(context: RunContext, what: string, everySeconds: number) {
	return (event: PollEvent<LayerResult>) => {
		if (event.type === 'result') {
			context.onOutput(`check ${event.attempt}: ${event.value.ok ? 'ok' : 'not yet'}: ${event.value.summary}\n`);
		} else if (event.type === 'countdown' && (event.secondsLeft % everySeconds === 0 || event.secondsLeft <= 3)) {
			context.onOutput(`next ${what} check in ${event.secondsLeft} s (Ctrl-C stops; progress is kept)\n`);
		}
	};
}

async function waitFor(
	check: () => Promise<LayerResult>,
	settings: {wait?: boolean; backoff: Backoff; maxAttempts: number; what: string},
	options: CheckOptions,
	context: RunContext,
): Promise<ActionOutcome> {
	const result = await pollUntil<LayerResult>({
		check,
		isDone: value => value.ok,
		backoff: settings.backoff,
		maxAttempts: settings.wait ? settings.maxAttempts : 1,
		signal: context.signal,
		sleep: options.sleep,
		onEvent: pollReporter(context, settings.what, options.countdownEverySeconds ?? 5),
	});
	const value = result.value;
	if (result.status === 'cancelled' || !value) {
		return {ok: false, message: stoppedMessage, data: value};
	}

	if (value.ok) {
		return {ok: true, output: value.summary, data: value};
	}

	const outcome = failure(value);
	if (settings.wait && !outcome.ok) {
		outcome.message = `Still not right after ${result.attempts} checks: ${outcome.message}`;
		outcome.hint = `${value.nextStep ?? ''} Run the wizard again later: it resumes with this check.`.trim();
	}

	return outcome;
}

async function addressFor(host: string, options: CheckOptions): Promise<{address: string} | {problem: LayerResult}> {
	if (isIpv4Address(host)) {
		return {address: host};
	}

	const records = await resolveAddresses(host, {servers: options.dnsServers, timeoutMs: options.timeoutMs});
	const address = records.a[0] ?? records.aaaa[0];
	return address ? {address} : {problem: diagnoseDns(records)};
}

export function createNetworkCheckHandlers(options: CheckOptions = {}): ActionHandlers {
	const timeoutMs = options.timeoutMs ?? 10_000;
	return {
		async 'check-dns'(action, context) {
			return waitFor(
				async () => diagnoseDns(
					await resolveAddresses(action.name, {servers: options.dnsServers, timeoutMs}),
					{ipv4: action.expectedAddress, ipv6: action.expectedIpv6},
				),
				{wait: action.wait, backoff: options.dnsBackoff ?? defaultDnsBackoff, maxAttempts: options.dnsMaxAttempts ?? defaultDnsMaxAttempts, what: 'DNS'},
				options,
				context,
			);
		},

		async 'check-ports'(action, context) {
			const target = await addressFor(action.address, options);
			if ('problem' in target) {
				return failure(target.problem);
			}

			const results: LayerResult[] = [];
			for (const port of action.ports) {
				const probed = diagnoseTcp(await probeTcp({address: target.address, port, timeoutMs}), {name: action.address, port});
				const result = action.refusedCountsAsReachable ? refusedAsReachable(probed) : probed;
				context.onOutput(`port ${port}: ${portWords(probed)}\n`);
				results.push(result);
			}

			const failedPorts = action.ports.filter((_port, index) => !results[index]!.ok);
			if (failedPorts.length === 0) {
				return {ok: true, output: results.map(result => result.summary).join('\n'), data: results};
			}

			// Firewall advice only for the ports that stayed silent: a refused port is not filtered.
			const silent = action.ports.filter((_port, index) => isSilent(results[index]!));
			const advice = silent.length > 0 ? firewallAdvice(silent) : '';
			if (!action.required) {
				// Early in the setup a closed port is expected: say how to open it and carry on.
				if (advice) {
					context.onOutput(`${advice}\n`);
				}

				return {ok: true, output: `Not reachable from here yet: ${failedPorts.join(', ')}.`, data: results};
			}

			const failed = results.find(result => !result.ok)!;
			return {...failure(failed, results), hint: `${failed.nextStep ?? ''}\n${advice}`.trim(), output: formatLayerTable(results)};
		},

		async 'check-certificate'(action, context) {
			const port = action.port ?? 443;
			return waitFor(
				async () => {
					const target = await addressFor(action.name, options);
					if ('problem' in target) {
						return target.problem;
					}

					const probe = await probeTls({address: target.address, port, timeoutMs, servername: action.name, caPem: options.caPem});
					return diagnoseTls(probe, {name: action.name, port, now: options.now?.()});
				},
				{wait: action.wait, backoff: options.certificateBackoff ?? defaultCertificateBackoff, maxAttempts: options.certificateMaxAttempts ?? defaultCertificateMaxAttempts, what: 'certificate'},
				options,
				context,
			);
		},

		async 'check-http'(action, context) {
			const url = new URL(action.url);
			return waitFor(
				async () => {
					const target = await addressFor(url.hostname, options);
					if ('problem' in target) {
						return target.problem;
					}

					const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
					const probe = await probeHttp({address: target.address, port, timeoutMs, url, caPem: options.caPem});
					const expected = action.expectStatus;
					const ok = probe.ok && (expected === undefined ? probe.status >= 200 && probe.status < 300 : probe.status === expected);
					const summary = probe.ok ? `${action.url} answered ${probe.status} in ${probe.latencyMs} ms` : `${action.url}: ${probe.error.message}`;
					return {
						layer: 'health',
						ok,
						summary,
						details: probe.ok ? {status: probe.status, latencyMs: probe.latencyMs} : {error: probe.error.code},
						cause: ok ? undefined : `Expected ${expected ?? 'a 2xx status'}.`,
						nextStep: ok ? undefined : `Try it by hand: curl -i ${action.url}`,
					} satisfies LayerResult;
				},
				{wait: action.wait, backoff: options.certificateBackoff ?? defaultCertificateBackoff, maxAttempts: options.certificateMaxAttempts ?? defaultCertificateMaxAttempts, what: 'HTTP'},
				options,
				context,
			);
		},

		async 'verify-endpoint'(action, context) {
			let prediction: {path: string; payload: string} | undefined;
			if (action.predictPath && action.payloadFile) {
				const file = path.resolve(context.projectDirectory, action.payloadFile);
				const payload = await readFile(file, 'utf8').catch(() => undefined);
				if (payload === undefined) {
					return {ok: false, message: `Cannot read the sample payload ${action.payloadFile}.`, hint: 'Create it (a JSON body your prediction route accepts) or leave the payload empty.'};
				}

				prediction = {path: action.predictPath, payload};
			}

			const report = await verifyEndpoint({
				url: action.url,
				healthPath: action.healthPath,
				expectedAddress: action.expectedAddress,
				checkRedirect: action.checkRedirect,
				httpPort: action.httpPort,
				prediction,
				logsCommand: action.logsCommand,
				dnsServers: options.dnsServers,
				caPem: options.caPem,
				timeoutMs,
				retries: options.verifyRetries,
				backoff: options.verifyBackoff,
				sleep: options.sleep,
				now: options.now,
				signal: context.signal,
				onEvent(event) {
					if (event.type === 'result' && !event.done && event.attempt <= (options.verifyRetries ?? 2)) {
						context.onOutput(`attempt ${event.attempt}: ${event.value.layers.filter(layer => !layer.ok && !layer.skipped).map(layer => layer.layer).join(', ')} failed\n`);
					} else if (event.type === 'countdown' && event.secondsLeft % (options.countdownEverySeconds ?? 5) === 0) {
						context.onOutput(`checking again in ${event.secondsLeft} s\n`);
					}
				},
			});
			const table = formatLayerTable(report.layers);
			if (report.ok) {
				// Shown as it finishes: the table is the proof the person came for (a failure's
				// table travels with the failure instead).
				context.onOutput(`${table}\n`);
				return {ok: true, output: table, data: report};
			}

			const failed = report.layers.find(layer => !layer.ok && !layer.skipped);
			return {
				ok: false,
				message: failed ? `${failed.layer.toUpperCase()} failed: ${failed.summary}. ${failed.cause ?? ''}`.trim() : 'Stopped before the check finished.',
				hint: failed?.nextStep,
				output: table,
				data: report,
			};
		},
	};
}

function isSilent(result: LayerResult): boolean {
	return !result.ok && (result.details.error === 'TIMEOUT' || result.details.error === 'ETIMEDOUT');
}

function portWords(result: LayerResult): string {
	if (result.ok) {
		return 'open';
	}

	if (result.details.error === 'ECONNREFUSED') {
		return 'reachable, nothing listens yet (connection refused)';
	}

	return isSilent(result) ? 'no answer: a firewall may drop it' : 'not reachable';
}

/** A refused connection reached the server: for a firewall check, that port passes. */
function refusedAsReachable(result: LayerResult): LayerResult {
	return result.details.error === 'ECONNREFUSED'
		? {...result, ok: true, summary: `${result.summary}: the firewall lets it through; Caddy listens there once it serves the site`, cause: undefined, nextStep: undefined}
		: result;
}
