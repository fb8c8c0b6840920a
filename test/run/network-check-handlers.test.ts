// The action handlers for live checks, against a real dnsmasq and local servers. The sleep
// is injected: waiting and countdowns run without real time passing.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import type {Action, ActionOutcome} from '../../source/core/action.js';
import type {Step} from '../../source/core/step.js';
import {createNetworkCheckHandlers} from '../../source/run/network-check-handlers.js';
import type {CheckOptions} from '../../source/run/check-options.js';
import type {ActionHandler, RunContext} from '../../source/run/execute.js';
import {runStep} from '../../source/run/run-step.js';
import type {VerifyReport} from '../../source/run/verify-endpoint.js';
import {makeTestCertificate, type TestCertificate} from '../support/certificates.js';
import {type DnsmasqServer, startDnsmasq} from '../support/dnsmasq.js';
import {freePort} from '../support/free-port.js';
import {json, type RunningServer, startHttpsServer} from '../support/http-backend.js';

describe('check handlers', () => {
	let dns: DnsmasqServer;
	let https: RunningServer;
	let certificate: TestCertificate;
	let projectDirectory: string;

	before(async () => {
		dns = await startDnsmasq({records: [{name: 'api.test', a: ['127.0.0.1']}]});
		const day = 86_400_000;
		certificate = makeTestCertificate({names: ['api.test'], notBefore: new Date(Date.now() - day), notAfter: new Date(Date.now() + (90 * day))});
		https = await startHttpsServer({...certificate, routes: {
			'GET /health': json(200, {status: 'ok'}),
			'POST /predict': json(200, {prediction: 1}),
		}});
		projectDirectory = mkdtempSync(path.join(tmpdir(), 'mldw-checks-'));
	});

	after(async () => {
		await https.stop();
		await dns.stop();
		rmSync(projectDirectory, {recursive: true, force: true});
	});

	function run<Kind extends Action['kind']>(
		kind: Kind,
		action: Omit<Extract<Action, {kind: Kind}>, 'kind' | 'label'>,
		options: CheckOptions = {},
		signal?: AbortSignal,
	): Promise<{outcome: ActionOutcome; output: string}> {
		const handlers = createNetworkCheckHandlers({dnsServers: [dns.server], caPem: certificate.caPem, timeoutMs: 2000, sleep: async () => {}, countdownEverySeconds: 1, ...options});
		const handler = handlers[kind] as ActionHandler<Kind>;
		let output = '';
		const context: RunContext = {projectDirectory, onOutput: chunk => {
			output += chunk;
		}, signal};
		return handler({kind, label: kind, ...action} as Extract<Action, {kind: Kind}>, context).then(outcome => ({outcome, output}));
	}

	test('check-dns passes at once when the record matches', async () => {
		const {outcome} = await run('check-dns', {name: 'api.test', expectedAddress: '127.0.0.1'});
		assert.equal(outcome.ok, true);
		assert.equal((outcome as {output?: string}).output, 'api.test -> 127.0.0.1');
	});

	test('check-dns waits, with a countdown, until the record is created', async () => {
		let sleeps = 0;
		const {outcome, output} = await run('check-dns', {name: 'new.test', expectedAddress: '127.0.0.1', wait: true}, {
			dnsBackoff: {initialMs: 3000, factor: 2, maxMs: 60_000},
			async sleep() {
				sleeps++;
				if (sleeps === 3) {
					await dns.setRecords([{name: 'api.test', a: ['127.0.0.1']}, {name: 'new.test', a: ['127.0.0.1']}]);
				}
			},
		});
		assert.equal(outcome.ok, true);
		assert.match(output, /check 1: not yet: new\.test does not exist in DNS yet/);
		assert.match(output, /next DNS check in 3 s \(Ctrl-C stops; progress is kept\)\nnext DNS check in 2 s/);
		assert.match(output, /check 2: ok: new\.test -> 127\.0\.0\.1/);
	});

	test('check-dns gives up with the diagnosis, and says the wizard resumes here', async () => {
		const {outcome} = await run('check-dns', {name: 'api.test', expectedAddress: '127.0.0.5', wait: true}, {dnsMaxAttempts: 3});
		assert.equal(outcome.ok, false);
		assert.match(outcome.ok ? '' : outcome.message, /^Still not right after 3 checks: api\.test -> 127\.0\.0\.1, expected 127\.0\.0\.5/);
		assert.match(outcome.ok ? '' : outcome.hint ?? '', /it resumes with this check/);
		assert.equal((outcome.ok ? undefined : outcome.data as {layer: string})?.layer, 'dns');
	});

	test('check-dns stops when cancelled ("continue later")', async () => {
		const controller = new AbortController();
		const {outcome} = await run('check-dns', {name: 'api.test', expectedAddress: '127.0.0.5', wait: true}, {
			async sleep() {
				controller.abort();
			},
		}, controller.signal);
		assert.equal(outcome.ok, false);
		assert.match(outcome.ok ? '' : outcome.message, /Stopped waiting\. Your progress is saved/);
	});

	test('check-ports: one open, one refused', async () => {
		const closed = await freePort();
		const open = await run('check-ports', {address: 'api.test', ports: [https.port], required: true});
		assert.equal(open.outcome.ok, true);
		const refused = await run('check-ports', {address: 'api.test', ports: [https.port, closed], required: true});
		assert.equal(refused.outcome.ok, false);
		assert.match(refused.outcome.ok ? '' : refused.outcome.message, new RegExp(`api\\.test port ${closed}: connection refused`));
		assert.equal((refused.outcome.ok ? [] : refused.outcome.data as unknown[]).length, 2);
	});

	test('check-ports before the switch: a refused port is reachable through the firewall, and gets no firewall advice', async () => {
		const closed = await freePort();
		const firewall = await run('check-ports', {address: 'api.test', ports: [https.port, closed], required: true, refusedCountsAsReachable: true});
		assert.equal(firewall.outcome.ok, true);
		assert.match(firewall.output, new RegExp(`port ${closed}: reachable, nothing listens yet \\(connection refused\\)`));
		assert.doesNotMatch(firewall.output, /ufw/);
		const early = await run('check-ports', {address: 'api.test', ports: [closed], required: false});
		assert.equal(early.outcome.ok, true);
		assert.doesNotMatch(early.output, /ufw allow/, 'a refused port is not a firewall problem');
	});

	test('check-certificate: trusted passes; without the CA it waits, then explains', async () => {
		const good = await run('check-certificate', {name: 'api.test', port: https.port, wait: true});
		assert.equal(good.outcome.ok, true);
		assert.match((good.outcome as {output?: string}).output ?? '', /^valid for api\.test, issued by MLDW Test CA/);
		const untrusted = await run('check-certificate', {name: 'api.test', port: https.port, wait: true}, {caPem: undefined, certificateMaxAttempts: 2});
		assert.equal(untrusted.outcome.ok, false);
		assert.match(untrusted.outcome.ok ? '' : untrusted.outcome.message, /^Still not right after 2 checks: untrusted certificate/);
	});

	test('check-http: expected status or any 2xx', async () => {
		const url = `https://api.test:${https.port}/health`;
		assert.equal((await run('check-http', {url})).outcome.ok, true);
		const wrong = await run('check-http', {url, expectStatus: 204});
		assert.equal(wrong.outcome.ok, false);
		assert.match(wrong.outcome.ok ? '' : wrong.outcome.message, /answered 200 .*Expected 204/);
	});

	test('verify-endpoint keeps its report in the step facts, also when it fails', async () => {
		writeFileSync(path.join(projectDirectory, 'sample.json'), '{"features":[1]}');
		const handlers = createNetworkCheckHandlers({dnsServers: [dns.server], caPem: certificate.caPem, timeoutMs: 2000, sleep: async () => {}, verifyRetries: 0});
		const step = (healthPath: string): Step => ({
			id: 'verify', title: 'Verify', summary: '', learn: '', inputs: [], available: true,
			plan: () => [{
				kind: 'verify-endpoint', label: 'verify', url: `https://api.test:${https.port}`, healthPath, checkRedirect: false,
				payloadFile: 'sample.json', predictPath: '/predict', factName: 'verification',
			}],
		});
		const context = {answers: {}, facts: {}, projectDirectory, dryRun: false};
		const passed = await runStep(step('/health'), context, {handlers});
		assert.equal(passed.ok, true);
		const report = passed.facts.verification as VerifyReport;
		assert.deepEqual(report.layers.map(layer => layer.layer), ['dns', 'tcp', 'tls', 'health', 'prediction']);
		assert.equal(report.ok, true);

		const failed = await runStep(step('/missing'), context, {handlers});
		assert.equal(failed.ok, false);
		assert.match(failed.ok ? '' : failed.failure.message, /^HEALTH failed: GET \/missing -> 404/);
		assert.equal((failed.facts.verification as VerifyReport).ok, false);
	});
});
