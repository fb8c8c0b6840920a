// A real Caddy on 127.0.0.1 for tests: its own ports, admin endpoint and storage folder, so
// `tls internal` issues certificates from a throwaway local CA whose root the checker can
// be told to trust. Sites are written as Caddyfile blocks by the test.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {request} from 'node:http';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {connect} from 'node:tls';
import {requireBinary, startDaemon, waitUntilReady} from './daemon.js';
import {freePort} from './free-port.js';

export type CaddyPorts = {http: number; https: number};

export type CaddyOptions = {
	/** The site blocks of the Caddyfile, given the ports Caddy will listen on. */
	sites: (ports: CaddyPorts) => string;
	/** Extra lines for the global options block (for example `default_sni other.test`). */
	globalOptions?: string[];
};

export type CaddyServer = {
	httpPort: number;
	httpsPort: number;
	adminPort: number;
	directory: string;
	/** Path of the local CA's root certificate (exists once a `tls internal` site started). */
	rootCertificatePath: string;
	rootCertificatePem(): string;
	/** Waits until Caddy serves a certificate for `name` (internal issuance is asynchronous). */
	waitForCertificate(name: string): Promise<void>;
	stop(): Promise<void>;
};

function caddyfile(options: CaddyOptions, ports: CaddyPorts, adminPort: number, storage: string): string {
	return [
		'{',
		`\tadmin 127.0.0.1:${adminPort}`,
		`\thttp_port ${ports.http}`,
		`\thttps_port ${ports.https}`,
		'\tskip_install_trust',
		`\tstorage file_system ${storage}`,
		...(options.globalOptions ?? []).map(line => `\t${line}`),
		'}',
		'',
		options.sites(ports),
		'',
	].join('\n');
}

async function adminAnswers(adminPort: number): Promise<boolean> {
	return new Promise(resolve => {
		const outgoing = request({host: '127.0.0.1', port: adminPort, path: '/config/', timeout: 500}, response => {
			response.resume();
			resolve(response.statusCode === 200);
		});
		outgoing.once('error', () => {
			resolve(false);
		});
		outgoing.end();
	});
}

async function servesCertificateFor(port: number, name: string): Promise<boolean> {
	return new Promise(resolve => {
		const socket = connect({host: '127.0.0.1', port, servername: name, rejectUnauthorized: false});
		socket.setTimeout(1000);
		socket.once('secureConnect', () => {
			const names = socket.getPeerCertificate().subjectaltname ?? '';
			socket.destroy();
			resolve(names.split(', ').includes(`DNS:${name}`));
		});
		socket.once('error', () => {
			resolve(false);
		});
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

export async function startCaddy(options: CaddyOptions): Promise<CaddyServer> {
	const binary = requireBinary('caddy', 'caddy');
	const directory = mkdtempSync(path.join(tmpdir(), 'mldw-caddy-'));
	const ports = {http: await freePort(), https: await freePort()};
	const adminPort = await freePort();
	const storage = path.join(directory, 'storage');
	const configPath = path.join(directory, 'Caddyfile');
	writeFileSync(configPath, caddyfile(options, ports, adminPort, storage));
	// HOME and XDG folders point into the throwaway directory: nothing lands in the real home.
	const daemon = startDaemon('env', [
		`HOME=${directory}`,
		`XDG_DATA_HOME=${directory}/data`,
		`XDG_CONFIG_HOME=${directory}/config`,
		binary, 'run', '--config', configPath, '--adapter', 'caddyfile',
	]);
	const stop = async () => {
		await daemon.stop();
		rmSync(directory, {recursive: true, force: true});
	};

	try {
		await waitUntilReady(daemon, 'caddy', async () => adminAnswers(adminPort));
	} catch (error) {
		await stop();
		throw error;
	}

	const rootCertificatePath = path.join(storage, 'pki', 'authorities', 'local', 'root.crt');
	return {
		httpPort: ports.http,
		httpsPort: ports.https,
		adminPort,
		directory,
		rootCertificatePath,
		rootCertificatePem: () => readFileSync(rootCertificatePath, 'utf8'),
		async waitForCertificate(name) {
			await waitUntilReady(daemon, `caddy certificate for ${name}`, async () => servesCertificateFor(ports.https, name), 20_000);
		},
		stop,
	};
}
