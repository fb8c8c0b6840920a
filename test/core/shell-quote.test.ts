import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {test} from 'node:test';
import {quoteShellArgument, toShellCommand} from '../../source/core/shell-quote.js';

const hostile = ["it's", 'a b', '$(touch /tmp/pwned)', '`id`', 'x; rm -rf /', 'line\nbreak', '', '"double"', '*', '~root'];

test('every quoted argument reaches a real shell as the same literal bytes', () => {
	for (const argument of hostile) {
		const echoed = execFileSync('sh', ['-c', `printf %s ${quoteShellArgument(argument)}`], {encoding: 'utf8'});
		assert.equal(echoed, argument);
	}
});

test('a whole argv survives the trip through sh -c', () => {
	const argv = ['printf', '%s|', ...hostile];
	const echoed = execFileSync('sh', ['-c', toShellCommand(argv)], {encoding: 'utf8'});
	assert.equal(echoed, hostile.map(argument => `${argument}|`).join(''));
});

test('plain words stay readable in previews', () => {
	assert.equal(toShellCommand(['docker', 'compose', 'up', '-d']), 'docker compose up -d');
});
