// The VPS cron step: the files step's `cron` answer, issue 3's cron lines, and the lines
// themselves run by a real sh (with curl and flock) the way cron would run them.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import http from 'node:http';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {promisify} from 'node:util';
import {cronField} from '../../../source/core/inputs.js';
import type {Answers, PlanContext} from '../../../source/core/step.js';
import {cronStep} from '../../../source/providers/vps/cron-step.js';

const base: Answers = {appPort: 8000, serviceName: 'churn-model', serverHost: '203.0.113.7', serverPort: 22, serverUser: 'deploy', identityFile: '~/.ssh/id_mldw'};
const context = (answers: Answers): PlanContext => ({answers: {...base, ...answers}, facts: {}, projectDirectory: tmpdir(), dryRun: false});

test('the cron step asks the files step\'s question, so it is asked once', () => {
	assert.deepEqual(cronStep.inputs, [cronField]);
});

test('one block with the schedule in words; an empty answer removes the block; a bad answer stops', async () => {
	const install = await cronStep.plan(context({cron: '15 * * * * /update-forecast; 0 3 * * 1 POST /retrain'}));
	assert.deepEqual(install.map(action => action.kind), ['crontab-block', 'server-lock']);
	const block = install[0]!;
	assert.ok(block.kind === 'crontab-block');
	assert.deepEqual(block.summary, ['GET /update-forecast at minute 15 of every hour', 'POST /retrain at 03:00 on Monday']);
	assert.deepEqual(block.lines, [
		'15 * * * * flock -n /tmp/churn-model-cron-1.lock curl -fsS -X GET --max-time 600 http://127.0.0.1:8000/update-forecast >> "$HOME"/.mldw/cron.log 2>&1',
		'0 3 * * 1 flock -n /tmp/churn-model-cron-2.lock curl -fsS -X POST --max-time 600 http://127.0.0.1:8000/retrain >> "$HOME"/.mldw/cron.log 2>&1',
	]);

	const remove = await cronStep.plan(context({cron: ''}));
	assert.ok(remove[0]?.kind === 'crontab-block' && remove[0].lines.length === 0);

	for (const bad of ['15 * * * /x', '15 * * * * /x;$(reboot)', '61 * * * * /x']) {
		const stopped = await cronStep.plan(context({cron: bad}));
		assert.equal(stopped.length, 1, bad);
		assert.ok(stopped[0]?.kind === 'stop' && /^Cron (job|schedule|route):/.test(stopped[0].message) && stopped[0].hint?.includes('"cron"'), bad);
	}
});

test('a line runs under a real sh from the home directory: the route is called and output lands in ~/.mldw/cron.log', async () => {
	const home = mkdtempSync(path.join(tmpdir(), 'mldw-cron-home-'));
	mkdirSync(path.join(home, '.mldw'));
	const seen: string[] = [];
	const app = http.createServer((request, response) => {
		seen.push(`${request.method} ${request.url}`);
		response.end('forecast updated\n');
	});
	await new Promise<void>(resolve => app.listen(0, '127.0.0.1', resolve));
	try {
		const port = (app.address() as {port: number}).port;
		// A % in the route: cron would end the command there unless it is escaped.
		const [block] = await cronStep.plan(context({appPort: port, cron: '*/5 * * * * POST /update%20forecast'}));
		assert.ok(block?.kind === 'crontab-block');
		const line = block.lines[0]!;
		assert.match(line, /update\\%20forecast/);
		// What cron does: drop the five schedule fields, turn \% back into %, run the rest with sh in $HOME.
		const command = line.split(' ').slice(5).join(' ').replaceAll(String.raw`\%`, '%');
		// Asynchronously: the app answering the call runs in this process.
		await promisify(execFile)('sh', ['-c', command], {cwd: home, env: {PATH: process.env.PATH, HOME: home}, timeout: 30_000});
		assert.deepEqual(seen, ['POST /update%20forecast']);
		assert.equal(readFileSync(path.join(home, '.mldw/cron.log'), 'utf8'), 'forecast updated\n');
	} finally {
		app.close();
		rmSync(home, {recursive: true, force: true});
	}
});
