// A real DNS server (Debian's dnsmasq) on 127.0.0.1 for tests: answers only for the names
// it is given, and NXDOMAIN for every other name under the local domains.
import {Resolver} from 'node:dns/promises';
import {requireBinary, startDaemon, waitUntilReady} from './daemon.js';
import {freePort} from './free-port.js';

export type DnsRecord = {name: string; a?: string[]; aaaa?: string[]};

export type DnsmasqOptions = {
	records: DnsRecord[];
	/** Domains answered locally: unknown names in them get NXDOMAIN. Default: test. */
	localDomains?: string[];
	ttlSeconds?: number;
};

export type DnsmasqServer = {
	port: number;
	/** "127.0.0.1:PORT", ready for a resolver's server list. */
	server: string;
	stop(): Promise<void>;
};

export async function startDnsmasq(options: DnsmasqOptions): Promise<DnsmasqServer> {
	const binary = requireBinary('dnsmasq', 'dnsmasq-base');
	const port = await freePort({udp: true});
	const arguments_ = [
		'--no-daemon',
		'--conf-file=/dev/null',
		'--pid-file=',
		`--port=${port}`,
		'--listen-address=127.0.0.1',
		'--bind-interfaces',
		'--no-resolv',
		'--no-hosts',
		'--log-facility=-',
		`--local-ttl=${options.ttlSeconds ?? 60}`,
		...(options.localDomains ?? ['test']).map(domain => `--local=/${domain}/`),
	];
	for (const record of options.records) {
		for (const address of record.a ?? []) {
			arguments_.push(`--host-record=${record.name},${address}`);
		}

		for (const address of record.aaaa ?? []) {
			arguments_.push(`--host-record=${record.name},${address}`);
		}
	}

	const daemon = startDaemon(binary, arguments_);
	const server = `127.0.0.1:${port}`;
	await waitUntilReady(daemon, 'dnsmasq', async () => {
		const resolver = new Resolver({timeout: 200, tries: 1});
		resolver.setServers([server]);
		// Any answer, even NXDOMAIN, means it is listening.
		return resolver.resolve4('ready.invalid').then(() => true, (error: {code?: string}) => error.code !== 'ETIMEOUT' && error.code !== 'ECONNREFUSED');
	});
	return {port, server, stop: daemon.stop};
}
