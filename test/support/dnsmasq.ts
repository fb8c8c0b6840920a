// A real DNS server (Debian's dnsmasq) on 127.0.0.1 for tests: answers only for the names
// it is given, and NXDOMAIN for every other name under the local domains. Records live in a
// hosts file that dnsmasq re-reads on SIGHUP, so a test can change them while it runs (a
// record being created at the registrar, then propagating).
import {Resolver} from 'node:dns/promises';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {requireBinary, startDaemon, waitUntilReady} from './daemon.js';
import {freePort} from './free-port.js';

export type DnsRecord = {name: string; a?: string[]; aaaa?: string[]};

export type DnsmasqOptions = {
	records: DnsRecord[];
	/** Domains answered locally: unknown names in them get NXDOMAIN. Default: test. */
	localDomains?: string[];
	ttlSeconds?: number;
	/**
	 * Default: a free port. 53 (the standard one, which pebble and a server's resolver ask)
	 * needs root and, so as not to clash with the machine's own resolver, a private network
	 * namespace (network-namespace.ts).
	 */
	port?: number;
};

export type DnsmasqServer = {
	port: number;
	/** "127.0.0.1:PORT", ready for a resolver's server list. */
	server: string;
	/** Replaces every record and waits until dnsmasq has re-read them. */
	setRecords(records: DnsRecord[]): Promise<void>;
	stop(): Promise<void>;
};

function hostsFile(records: DnsRecord[]): string {
	return records.flatMap(record => [...record.a ?? [], ...record.aaaa ?? []].map(address => `${address} ${record.name}\n`)).join('');
}

export async function startDnsmasq(options: DnsmasqOptions): Promise<DnsmasqServer> {
	const binary = requireBinary('dnsmasq', 'dnsmasq-base');
	const port = options.port ?? await freePort({udp: true});
	const directory = mkdtempSync(path.join(tmpdir(), 'mldw-dnsmasq-'));
	const hostsPath = path.join(directory, 'hosts');
	writeFileSync(hostsPath, hostsFile(options.records));
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
		`--addn-hosts=${hostsPath}`,
		`--local-ttl=${options.ttlSeconds ?? 60}`,
		...(options.localDomains ?? ['test']).map(domain => `--local=/${domain}/`),
	];
	const daemon = startDaemon(binary, arguments_);
	const server = `127.0.0.1:${port}`;
	const stop = async () => {
		await daemon.stop();
		rmSync(directory, {recursive: true, force: true});
	};

	await waitUntilReady(daemon, 'dnsmasq', async () => {
		const resolver = new Resolver({timeout: 200, tries: 1});
		resolver.setServers([server]);
		// Any answer, even NXDOMAIN, means it is listening.
		return resolver.resolve4('ready.invalid').then(() => true, (error: {code?: string}) => error.code !== 'ETIMEOUT' && error.code !== 'ECONNREFUSED');
	}).catch(async (error: unknown) => {
		await stop();
		throw error;
	});
	const readCount = () => daemon.log().split(`read ${hostsPath}`).length;
	return {
		port,
		server,
		async setRecords(records) {
			const before = readCount();
			writeFileSync(hostsPath, hostsFile(records));
			daemon.child.kill('SIGHUP');
			await waitUntilReady(daemon, 'dnsmasq reload', async () => readCount() > before);
		},
		stop,
	};
}
