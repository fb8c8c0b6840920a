// The real command line, end to end: `ml-deploy-wizard verify` as a child process against a
// real Caddy (tls internal, HTTP redirected with 301) and a real dnsmasq on loopback.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import type {VerifyReport} from '../../source/run/verify-endpoint.js';
import {type CaddyServer, startCaddy} from '../support/caddy.js';
import {type DnsmasqServer, startDnsmasq} from '../support/dnsmasq.js';
import {json, type RunningServer, startBackend} from '../support/http-backend.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

type Run = {code: number; stdout: string; stderr: string};

async function cli(argv: string[], environment: Record<string, string> = {}): Promise<Run> {
	return new Promise(resolve => {
		execFile(tsx, [path.join(root, 'source/cli.tsx'), ...argv], {
			env: {...process.env, CI: 'true', ...environment},
			timeout: 60_000,
		}, (error, stdout, stderr) => {
			resolve({code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr});
		});
	});
}

describe('ml-deploy-wizard verify, end to end', () => {
	let dns: DnsmasqServer;
	let caddy: CaddyServer;
	let backend: RunningServer;
	let stateDirectory: string;

	before(async () => {
		backend = await startBackend({'GET /health': json(200, {status: 'ok'})});
		caddy = await startCaddy({
			sites: ({https}) => `
http://api.test {
	redir https://{host}:${https}{uri} 301
}
http://plain.test {
	reverse_proxy 127.0.0.1:${backend.port}
}
api.test, plain.test {
	tls internal
	reverse_proxy 127.0.0.1:${backend.port}
}`,
		});
		await caddy.waitForCertificate('api.test');
		await caddy.waitForCertificate('plain.test');
		dns = await startDnsmasq({records: [{name: 'api.test', a: ['127.0.0.1']}, {name: 'plain.test', a: ['127.0.0.1']}]});
		stateDirectory = mkdtempSync(path.join(tmpdir(), 'mldw-e2e-state-'));
	});

	after(async () => {
		await dns?.stop();
		await caddy?.stop();
		await backend?.stop();
		rmSync(stateDirectory, {recursive: true, force: true});
	});

	const flags = (name: string) => [
		'--url', `https://${name}:${caddy.httpsPort}`,
		'--http-port', String(caddy.httpPort),
		'--dns-server', dns.server,
		'--ca-file', caddy.rootCertificatePath,
		'--expect-ip', '127.0.0.1',
		'--retries', '0',
	];

	test('all layers pass: exit 0, with the 301 redirect in the table', async () => {
		const run = await cli(['verify', ...flags('api.test')]);
		assert.equal(run.code, 0, run.stdout + run.stderr);
		assert.match(run.stdout, new RegExp(`^HTTP -> HTTPS +ok +http://api\\.test:${caddy.httpPort}/ -> 301 https://api\\.test:${caddy.httpsPort}/$`, 'm'));
		assert.match(run.stdout, /All 5 layers passed\./);
	});

	test('--json, with resolvers and CA taken from MLDW_DNS_SERVERS and MLDW_CA_FILE', async () => {
		const run = await cli(
			['verify', '--url', `https://api.test:${caddy.httpsPort}`, '--http-port', String(caddy.httpPort), '--json', '--retries', '0'],
			{MLDW_DNS_SERVERS: dns.server, MLDW_CA_FILE: caddy.rootCertificatePath},
		);
		assert.equal(run.code, 0, run.stderr);
		const report = JSON.parse(run.stdout) as VerifyReport;
		assert.deepEqual(report.layers.map(layer => layer.ok), [true, true, true, true, true]);
	});

	test('redirect missing: exit 1 and the precise cause', async () => {
		const run = await cli(['verify', ...flags('plain.test')]);
		assert.equal(run.code, 1);
		assert.match(run.stdout, /^HTTP -> HTTPS +FAIL +http:\/\/plain\.test:\d+\/ answered 404 instead of redirecting$/m);
		assert.match(run.stdout, /Likely cause: Redirect missing: plain HTTP is served as is/);
		assert.match(run.stdout, /Next: Install the HTTPS Caddyfile/);
	});

	test('nothing saved and no --url: exit 2', async () => {
		const empty = mkdtempSync(path.join(tmpdir(), 'mldw-e2e-empty-'));
		try {
			const run = await cli(['verify', '--dir', empty], {MLDW_STATE_DIR: stateDirectory});
			assert.equal(run.code, 2);
			assert.match(run.stderr, /Nothing to verify.*--url/s);
		} finally {
			rmSync(empty, {recursive: true, force: true});
		}
	});
});
