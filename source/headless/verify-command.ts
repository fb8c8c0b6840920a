// `ml-deploy-wizard verify`: the layer-by-layer check on its own, for a URL or for what the
// saved progress knows. Exit code 0 only when every layer passed.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {firstIssueMessage, ipv4Schema, portSchema, urlPathSchema, hostSchema} from '../core/inputs.js';
import {endpointUrl, healthRoute, stringFact} from '../providers/verify-step.js';
import {type CheckOptions, checkOptionsFromEnvironment, readCaFile} from '../run/check-options.js';
import {formatLayerTable} from '../run/layer-result.js';
import type {Sleep} from '../run/poll.js';
import {dnsServerProblem} from '../run/resolver.js';
import {type VerifyOptions, type VerifyReport, verifyEndpoint} from '../run/verify-endpoint.js';
import {factsByStep, markStepFinished} from '../state/progress-updates.js';
import type {HeadlessCommandOptions} from './command-options.js';

export type VerifyCommandIo = {
	print: (line: string) => void;
	printError: (line: string) => void;
	/** Tests pass a sleep that returns at once. */
	sleep?: Sleep;
};

const consoleIo: VerifyCommandIo = {
	print: line => console.log(line),
	printError: line => console.error(line),
};

class OptionError extends Error {}

type Values = HeadlessCommandOptions['values'];

function text(values: Values, name: string): string | undefined {
	const value = values[name];
	return typeof value === 'string' ? value : undefined;
}

function parseWith<T>(schema: {safeParse(value: unknown): {success: true; data: T} | {success: false; error: import('zod').ZodError}}, value: string, flag: string): T {
	const parsed = schema.safeParse(value);
	if (!parsed.success) {
		throw new OptionError(`--${flag}: ${firstIssueMessage(parsed.error)}`);
	}

	return parsed.data;
}

function parseUrl(value: string): string {
	let url: URL;
	try {
		url = new URL(value.includes('://') ? value : `https://${value}`);
	} catch {
		throw new OptionError(`--url: "${value}" is not a web address. Use the form https://api.example.com`);
	}

	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new OptionError('--url: use an https:// (or http://) address, like https://api.example.com');
	}

	parseWith(hostSchema, url.hostname, 'url');
	return url.href;
}

function parseNumber(values: Values, flag: string, range: {min: number; max: number; integer?: boolean}): number | undefined {
	const raw = text(values, flag);
	if (raw === undefined) {
		return undefined;
	}

	const value = Number(raw);
	if (!Number.isFinite(value) || value < range.min || value > range.max || (range.integer && !Number.isInteger(value))) {
		throw new OptionError(`--${flag}: use a ${range.integer ? 'whole ' : ''}number from ${range.min} to ${range.max}.`);
	}

	return value;
}

function readPayload(file: string, projectDirectory: string, flag: string): string {
	let payload: string;
	try {
		payload = readFileSync(path.resolve(projectDirectory, file), 'utf8');
	} catch (error) {
		throw new OptionError(`${flag}: cannot read ${file} (${(error as {code?: string}).code ?? String(error)}).`);
	}

	try {
		JSON.parse(payload);
	} catch {
		throw new OptionError(`${flag}: ${file} is not valid JSON. Put the exact body your prediction route expects in it.`);
	}

	return payload;
}

/** Check settings from flags, falling back on MLDW_DNS_SERVERS / MLDW_CA_FILE. */
function checkSettings(values: Values): CheckOptions {
	const fromEnvironment = checkOptionsFromEnvironment();
	const servers = values['dns-server'];
	const list = Array.isArray(servers) ? servers : [];
	for (const server of list) {
		const problem = dnsServerProblem(server);
		if (problem) {
			throw new OptionError(`--dns-server: ${problem}`);
		}
	}

	const caFile = text(values, 'ca-file');
	return {
		dnsServers: list.length > 0 ? list : fromEnvironment.dnsServers,
		caPem: caFile ? readCaFileOption(caFile) : fromEnvironment.caPem,
	};
}

function readCaFileOption(file: string): string {
	try {
		return readCaFile(file, '--ca-file');
	} catch (error) {
		throw new OptionError((error as Error).message);
	}
}

export async function runVerifyCommand(options: HeadlessCommandOptions, io: VerifyCommandIo = consoleIo): Promise<number> {
	const {values} = options;
	let settings: VerifyOptions;
	let saveReport: ((report: VerifyReport) => Promise<void>) | undefined;
	try {
		const checks = checkSettings(values);
		const timeoutSeconds = parseNumber(values, 'timeout', {min: 0.1, max: 300});
		const healthFlag = text(values, 'health-path');
		const predictFlag = text(values, 'predict-path');
		const payloadFlag = text(values, 'payload');
		const expectFlag = text(values, 'expect-ip');
		const httpPortFlag = text(values, 'http-port');
		settings = {
			url: '',
			dnsServers: checks.dnsServers,
			caPem: checks.caPem,
			timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
			retries: parseNumber(values, 'retries', {min: 0, max: 10, integer: true}),
			httpPort: httpPortFlag === undefined ? undefined : parseWith(portSchema, httpPortFlag, 'http-port'),
			expectedAddress: expectFlag === undefined ? undefined : parseWith(ipv4Schema, expectFlag, 'expect-ip'),
			healthPath: healthFlag === undefined ? undefined : parseWith(urlPathSchema, healthFlag, 'health-path'),
			checkRedirect: values['skip-redirect'] ? false : undefined,
			sleep: io.sleep,
		};
		const predictPath = predictFlag === undefined ? undefined : parseWith(urlPathSchema, predictFlag, 'predict-path');
		if (payloadFlag !== undefined) {
			settings.prediction = {path: predictPath ?? '/predict', payload: readPayload(payloadFlag, process.cwd(), '--payload')};
		}

		const urlFlag = text(values, 'url');
		if (urlFlag === undefined) {
			saveReport = await fillFromProgress(settings, options);
		} else {
			settings.url = parseUrl(urlFlag);
			// An address given by hand is checked at the usual health route unless told otherwise.
			settings.healthPath ??= '/health';
		}
	} catch (error) {
		if (error instanceof OptionError) {
			io.printError(error.message);
			return 2;
		}

		throw error;
	}

	const controller = new AbortController();
	const stop = () => {
		controller.abort();
	};

	process.once('SIGINT', stop);
	let report: VerifyReport;
	try {
		if (!values.json) {
			io.print(`Checking ${settings.url} ...`);
		}

		report = await verifyEndpoint({
			...settings,
			signal: controller.signal,
			onEvent(event) {
				if (event.type === 'result' && !event.done && event.attempt <= (settings.retries ?? 2)) {
					const failed = event.value.layers.filter(layer => !layer.ok && !layer.skipped).map(layer => layer.layer);
					io.printError(`attempt ${event.attempt}: ${failed.join(', ')} failed; trying again shortly`);
				}
			},
		});
	} finally {
		process.removeListener('SIGINT', stop);
	}

	await saveReport?.(report);
	if (values.json) {
		io.print(JSON.stringify(report, null, 2));
	} else {
		io.print(formatLayerTable(report.layers));
		io.print(report.ok ? `\nAll ${report.layers.length} layers passed.` : `\nNot every layer passed (${report.attempts} attempt${report.attempts === 1 ? '' : 's'}).`);
	}

	return report.ok ? 0 : 1;
}

/** Fills the URL and friends from the saved progress; returns how to save the report back. */
async function fillFromProgress(settings: VerifyOptions, options: HeadlessCommandOptions): Promise<(report: VerifyReport) => Promise<void>> {
	const {openProgressStore} = await import('../state/progress-store.js');
	const {store} = await openProgressStore(options.projectDirectory, options.stateDirectory);
	const progress = store.load();
	const context = progress ? {answers: progress.answers, facts: factsByStep(progress)} : undefined;
	const url = context && endpointUrl(context);
	if (!progress || !context || !url) {
		throw new OptionError(
			`Nothing to verify: no domain or deployed URL is saved for ${options.projectDirectory}. `
			+ 'Give the address with --url https://your-domain (or run the wizard first, or pass --dir for another project).',
		);
	}

	const {answers} = context;
	settings.url = parseUrl(url);
	// The saved route; "none" (the app has no health route): any answer from / will do.
	if (settings.healthPath === undefined) {
		settings.healthPath = answers.healthPath === undefined ? '/health' : healthRoute(answers);
	}
	if (answers.domain && typeof answers.serverIp === 'string') {
		settings.expectedAddress ??= answers.serverIp;
	}

	// Only a VPS runs our Caddy, which redirects HTTP; platforms decide that themselves.
	settings.checkRedirect ??= progress.provider === 'vps';
	settings.logsCommand = stringFact(context, 'logsCommand');
	if (!settings.prediction && typeof answers.samplePayload === 'string' && answers.samplePayload) {
		settings.prediction = {
			path: typeof answers.predictPath === 'string' ? answers.predictPath : '/predict',
			payload: readPayload(answers.samplePayload, options.projectDirectory, 'Saved sample payload'),
		};
	}

	return report => {
		const latest = store.load() ?? progress;
		store.save(markStepFinished(latest, 'verify', {
			status: report.ok ? 'done' : 'failed',
			message: report.ok ? undefined : report.layers.find(layer => !layer.ok && !layer.skipped)?.summary,
			facts: {verification: report},
		}));
		return store.flush();
	};
}
