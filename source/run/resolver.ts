// Name lookups through configurable DNS servers. Tests point these at a dnsmasq on
// loopback; people can point them at a public resolver to see past a stale local cache.
import {isIpv4Address} from '../core/inputs.js';

export type ResolverOptions = {
	/** "ip" or "ip:port" (IPv6 as "[::1]:53"); empty or absent means the system's resolvers. */
	servers?: readonly string[];
	timeoutMs?: number;
};

export type AddressRecords = {
	name: string;
	a: string[];
	aaaa: string[];
	/** Lowest TTL seen, in seconds: how long resolvers may keep serving the old answer. */
	ttlSeconds?: number;
	/** Error code of each query that failed (ENOTFOUND, ENODATA, ETIMEOUT, ...). */
	aError?: string;
	aaaaError?: string;
};

/** Checks a --dns-server value; returns a message naming the fix, or undefined when fine. */
export function dnsServerProblem(server: string): string | undefined {
	const match = /^(?:\[([\da-f:]+)\]|([\d.]+))(?::(\d{1,5}))?$/i.exec(server) ?? /^([\da-f:]+)()$/i.exec(server);
	const host = match?.[1] ?? match?.[2];
	const port = match?.[3];
	const hostOk = host !== undefined && (isIpv4Address(host) || (host.includes(':') && /^[\da-f:]+$/i.test(host)));
	if (!hostOk || (port !== undefined && (Number(port) < 1 || Number(port) > 65_535))) {
		return `DNS server "${server}": use an IP address with an optional port, like 1.1.1.1 or 127.0.0.1:5353.`;
	}

	return undefined;
}

export async function resolveAddresses(name: string, options: ResolverOptions = {}): Promise<AddressRecords> {
	const {Resolver} = await import('node:dns/promises');
	const resolver = new Resolver({timeout: options.timeoutMs ?? 3000, tries: 2});
	if (options.servers && options.servers.length > 0) {
		resolver.setServers([...options.servers]);
	}

	const [a, aaaa] = await Promise.allSettled([
		resolver.resolve4(name, {ttl: true}),
		resolver.resolve6(name, {ttl: true}),
	]);
	const records: AddressRecords = {name, a: [], aaaa: []};
	const ttls: number[] = [];
	if (a.status === 'fulfilled') {
		records.a = a.value.map(record => record.address);
		ttls.push(...a.value.map(record => record.ttl));
	} else {
		records.aError = errorCode(a.reason);
	}

	if (aaaa.status === 'fulfilled') {
		records.aaaa = aaaa.value.map(record => record.address);
		ttls.push(...aaaa.value.map(record => record.ttl));
	} else {
		records.aaaaError = errorCode(aaaa.reason);
	}

	if (ttls.length > 0) {
		records.ttlSeconds = Math.min(...ttls);
	}

	return records;
}

function errorCode(error: unknown): string {
	return (error as {code?: string})?.code ?? String(error);
}
