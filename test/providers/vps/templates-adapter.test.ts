// The placeholder Caddyfiles (until issue 3's templates are wired in) checked by the real
// `caddy validate`, as the server does before every reload.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {caddyfileHttp, caddyfileHttps, cronLines} from '../../../source/providers/vps/templates-adapter.js';

function validate(content: string): string {
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'mldw-caddy-')), 'Caddyfile');
	writeFileSync(file, content);
	return execFileSync('caddy', ['validate', '--config', file, '--adapter', 'caddyfile'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
}

test('the HTTP-on-IP and HTTPS Caddyfiles are valid for Caddy', () => {
	const answers = {appPort: 8000, domain: 'api.example.com'};
	assert.match(validate(caddyfileHttp(answers)), /Valid configuration/);
	const https = caddyfileHttps(answers);
	assert.match(https, /http:\/\/api\.example\.com \{\n\tredir https:\/\/\{host\}\{uri\} 301\n\}/);
	assert.match(validate(https), /Valid configuration/);
});

test('cron lines call the app on the server itself', () => {
	assert.deepEqual(cronLines([{schedule: '0 3 * * *', path: '/retrain'}], {appPort: 5000}), ['0 3 * * * flock -n .mldw/cron-0.lock curl -fsS --max-time 600 http://127.0.0.1:5000/retrain >> .mldw/cron.log 2>&1']);
});
