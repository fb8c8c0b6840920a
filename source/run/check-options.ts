// Settings shared by every live check. The interactive wizard and the deploy command read
// them from the environment (MLDW_DNS_SERVERS, MLDW_CA_FILE); `verify` also from flags; tests
// inject them, with a sleep that returns at once.
import {readFileSync} from 'node:fs';
import type {Backoff, Sleep} from './poll.js';
import {dnsServerProblem} from './resolver.js';

export type CheckOptions = {
	/** "ip[:port]" resolvers; empty means the system's own. */
	dnsServers?: string[];
	/** An extra CA to trust, as PEM text. */
	caPem?: string;
	/** Per network operation. */
	timeoutMs?: number;
	sleep?: Sleep;
	now?: () => Date;
	/** DNS polling: the person may be typing the record right now. */
	dnsBackoff?: Backoff;
	dnsMaxAttempts?: number;
	/** Certificate polling: issuance takes seconds to a minute or two. */
	certificateBackoff?: Backoff;
	certificateMaxAttempts?: number;
	/** Extra verification rounds after a failure. */
	verifyRetries?: number;
	verifyBackoff?: Backoff;
	/** Print the countdown every N seconds (1 for a live screen). */
	countdownEverySeconds?: number;
};

export const defaultDnsBackoff: Backoff = {initialMs: 10_000, factor: 1.5, maxMs: 120_000};
export const defaultDnsMaxAttempts = 40; // about an hour; then "continue later"
export const defaultCertificateBackoff: Backoff = {initialMs: 5000, factor: 1.5, maxMs: 30_000};
export const defaultCertificateMaxAttempts = 15; // about five minutes

/** Reads MLDW_DNS_SERVERS (comma-separated) and MLDW_CA_FILE; throws a message naming the variable. */
export function checkOptionsFromEnvironment(environment: NodeJS.ProcessEnv = process.env): CheckOptions {
	const options: CheckOptions = {};
	const servers = environment.MLDW_DNS_SERVERS?.split(',').map(server => server.trim()).filter(Boolean) ?? [];
	for (const server of servers) {
		const problem = dnsServerProblem(server);
		if (problem) {
			throw new Error(`MLDW_DNS_SERVERS: ${problem}`);
		}
	}

	if (servers.length > 0) {
		options.dnsServers = servers;
	}

	if (environment.MLDW_CA_FILE) {
		options.caPem = readCaFile(environment.MLDW_CA_FILE, 'MLDW_CA_FILE');
	}

	return options;
}

export function readCaFile(file: string, what: string): string {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		throw new Error(`${what}: cannot read ${file} (${(error as {code?: string}).code ?? String(error)}). Give the path of a PEM certificate file.`);
	}

	if (!text.includes('-----BEGIN CERTIFICATE-----')) {
		throw new Error(`${what}: ${file} holds no PEM certificate (a "-----BEGIN CERTIFICATE-----" block).`);
	}

	return text;
}
