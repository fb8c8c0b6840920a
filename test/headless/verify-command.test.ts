// `ml-deploy-wizard verify` in process, against a real dnsmasq and a local HTTPS server
// with an openssl-made certificate (the redirect layer is covered end to end with Caddy in
// test/e2e/verify-cli.test.ts).
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {parseCliArguments} from '../../source/cli-arguments.js';
import {runVerifyCommand} from '../../source/headless/verify-command.js';
import type {VerifyReport} from '../../source/run/verify-endpoint.js';
import {newProgress} from '../../source/state/progress-schema.js';
import {openProgressStore} from '../../source/state/progress-store.js';
import {makeTestCertificate} from '../support/certificates.js';
import {type DnsmasqServer, startDnsmasq} from '../support/dnsmasq.js';
import {json, type RunningServer, startHttpsServer} from '../support/http-backend.js';

describe('verify command', () => {
	let dns: DnsmasqServer;
	let server: RunningServer;
	let directory: string;
	let caFile: string;

	before(async () => {
		dns = await startDnsmasq({records: [{name: 'api.test', a: ['127.0.0.1']}]});
		const day = 86_400_000;
		const certificate = makeTestCertificate({names: ['api.test'], notBefore: new Date(Date.now() - day), notAfter: new Date(Date.now() + (30 * day))});
		server = await startHttpsServer({...certificate, routes: {
			'GET /health': json(200, {status: 'ok'}),
			'GET /healthz': json(200, {status: 'ok', version: 2}),
			'GET /broken': json(500, {error: 'boom'}),
			'POST /predict': json(200, {prediction: 0.93}),
		}});
		directory = mkdtempSync(path.join(tmpdir(), 'mldw-verify-'));
		caFile = path.join(directory, 'ca.pem');
		writeFileSync(caFile, certificate.caPem);
		writeFileSync(path.join(directory, 'sample.json'), '{"features":[5.1,3.5]}');
		writeFileSync(path.join(directory, 'broken.json'), '{"features":');
	});

	after(async () => {
		await server.stop();
		await dns.stop();
		rmSync(directory, {recursive: true, force: true});
	});

	async function verify(argv: string[], projectDirectory = directory) {
		const lines: string[] = [];
		const errors: string[] = [];
		const {values} = parseCliArguments(['verify', ...argv]);
		const exitCode = await runVerifyCommand(
			{values, projectDirectory, stateDirectory: path.join(projectDirectory, 'state')},
			{print: line => lines.push(line), printError: line => errors.push(line), sleep: async () => {}},
		);
		return {exitCode, out: lines.join('\n'), err: errors.join('\n')};
	}

	const common = () => ['--dns-server', dns.server, '--ca-file', caFile, '--skip-redirect', '--timeout', '3'];

	test('every layer passes: exit 0 and a table', async () => {
		const {exitCode, out} = await verify(['--url', `https://api.test:${server.port}`, ...common(), '--expect-ip', '127.0.0.1', '--payload', path.join(directory, 'sample.json')]);
		assert.equal(exitCode, 0, out);
		assert.match(out, /^DNS +ok +api\.test -> 127\.0\.0\.1$/m);
		assert.match(out, /^TLS certificate +ok +valid for api\.test, issued by MLDW Test CA/m);
		assert.match(out, /^Sample prediction +ok +POST \/predict -> 200/m);
		assert.match(out, /All 5 layers passed\./);
	});

	test('--json prints the results, ready for a script', async () => {
		const {exitCode, out} = await verify(['--url', `https://api.test:${server.port}`, ...common(), '--json']);
		assert.equal(exitCode, 0);
		const report = JSON.parse(out) as VerifyReport;
		assert.equal(report.ok, true);
		assert.deepEqual(report.layers.map(layer => [layer.layer, layer.ok]), [['dns', true], ['tcp', true], ['tls', true], ['health', true]]);
		assert.equal(report.layers[3]?.details.status, 200);
	});

	test('a failing layer: exit 1, its cause and the next command; retried with backoff first', async () => {
		const {exitCode, out, err} = await verify(['--url', `https://api.test:${server.port}`, ...common(), '--health-path', '/broken', '--retries', '1']);
		assert.equal(exitCode, 1);
		assert.match(out, /^Health route +FAIL +GET \/broken -> 500/m);
		assert.match(out, /Likely cause: Your app is running but failed on this route \(500\)/);
		assert.match(out, /Next: Read your app's last log lines/);
		assert.match(out, /Not every layer passed \(2 attempts\)/);
		assert.match(err, /attempt 1: health failed; trying again shortly/);
	});

	test('nothing to verify: exit 2, naming --url', async () => {
		const empty = mkdtempSync(path.join(tmpdir(), 'mldw-verify-empty-'));
		try {
			const {exitCode, err} = await verify([], empty);
			assert.equal(exitCode, 2);
			assert.match(err, /Nothing to verify.*--url https:\/\/your-domain/s);
		} finally {
			rmSync(empty, {recursive: true, force: true});
		}
	});

	test('bad options: exit 2 with a message naming the flag, nothing checked', async () => {
		const url = ['--url', `https://api.test:${server.port}`];
		const cases: Array<[string[], RegExp]> = [
			[[...url, '--dns-server', 'not-an-ip'], /^--dns-server: DNS server "not-an-ip": use an IP address/],
			[[...url, '--ca-file', path.join(directory, 'nope.pem')], /^--ca-file: cannot read .*nope\.pem \(ENOENT\)/],
			[[...url, '--ca-file', path.join(directory, 'sample.json')], /^--ca-file: .* holds no PEM certificate/],
			[[...url, '--payload', path.join(directory, 'broken.json')], /^--payload: .*broken\.json is not valid JSON/],
			[[...url, '--timeout', '0'], /^--timeout: use a number from 0\.1 to 300/],
			[[...url, '--retries', '1.5'], /^--retries: use a whole number from 0 to 10/],
			[[...url, '--expect-ip', '300.1.1.1'], /^--expect-ip: Server IP address/],
			[['--url', 'ftp://api.test'], /^--url: use an https:\/\/ \(or http:\/\/\) address/],
			[['--url', 'https://bad_name!'], /^--url: /],
		];
		for (const [argv, message] of cases) {
			const {exitCode, err, out} = await verify(argv);
			assert.equal(exitCode, 2, argv.join(' '));
			assert.match(err, message);
			assert.equal(out, '');
		}
	});

	test('from saved progress: URL and health route from it, and the results saved back', async () => {
		const project = mkdtempSync(path.join(tmpdir(), 'mldw-verify-saved-'));
		try {
			const {store} = await openProgressStore(project, path.join(project, 'state'));
			const progress = newProgress(project);
			progress.provider = 'heroku';
			progress.answers = {healthPath: '/healthz', samplePayload: 'sample.json', predictPath: '/predict'};
			progress.steps.deploy = {status: 'done', completedActions: 0, facts: {publicUrl: `https://api.test:${server.port}`, logsCommand: 'heroku logs -n 50 -a demo'}};
			store.save(progress);
			await store.flush();
			writeFileSync(path.join(project, 'sample.json'), '{"features":[1]}');

			const {exitCode, out} = await verify(['--dns-server', dns.server, '--ca-file', caFile], project);
			assert.equal(exitCode, 0, out);
			assert.match(out, /Checking https:\/\/api\.test:\d+\//);
			assert.match(out, /GET \/healthz -> 200/);
			assert.match(out, /POST \/predict -> 200/);
			// Heroku decides about redirects itself: that layer is not part of the check.
			assert.doesNotMatch(out, /HTTP -> HTTPS/);

			const saved = store.load()?.steps.verify;
			assert.equal(saved?.status, 'done');
			assert.equal((saved?.facts.verification as VerifyReport).ok, true);

			// An app saved with no health route ("none") is checked at /, where any answer will do.
			store.save({...progress, answers: {healthPath: 'none'}});
			await store.flush();
			const none = await verify(['--dns-server', dns.server, '--ca-file', caFile], project);
			assert.match(none.out, /GET \/ -> \d+ in \d+ ms \(no health route/);
			assert.doesNotMatch(none.out, /\/none/);
		} finally {
			rmSync(project, {recursive: true, force: true});
		}
	});
});
