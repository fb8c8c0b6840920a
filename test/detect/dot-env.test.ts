import assert from 'node:assert/strict';
import {test} from 'node:test';
import {readDotEnv, requiredVariablesMissing} from '../../source/detect/dot-env.js';

test('.env is read the way Docker Compose reads it', () => {
	const text = [
		'# a comment',
		'',
		'PLAIN=value',
		'export EXPORTED=yes',
		'  SPACED = around  ',
		'EMPTY=',
		'INLINE=value # a comment',
		'HASH=value#not-a-comment',
		'DOUBLE="a # not a comment" # but this is',
		'SINGLE=\'literal $HOME \\n\'',
		'ESCAPED="tab\\there \\"quoted\\" back\\\\slash\\nnew line"',
		'ESCAPED_SINGLE=\'Let\\\'s go!\'',
		'MULTI="first',
		'second"',
		'YAML_STYLE: colon',
		'BARE_NAME',
		'URL=postgres://user:p@ss@db:5432/app?x=1',
		'PLAIN=later wins',
	].join('\r\n');
	assert.deepEqual(Object.fromEntries(readDotEnv(text)), {
		PLAIN: 'later wins',
		EXPORTED: 'yes',
		SPACED: 'around',
		EMPTY: '',
		INLINE: 'value',
		HASH: 'value#not-a-comment',
		DOUBLE: 'a # not a comment',
		SINGLE: 'literal $HOME \\n',
		ESCAPED: 'tab\there "quoted" back\\slash\nnew line',
		ESCAPED_SINGLE: 'Let\'s go!',
		MULTI: 'first\nsecond',
		YAML_STYLE: 'colon',
		URL: 'postgres://user:p@ss@db:5432/app?x=1',
	});
	assert.deepEqual(readDotEnv(''), new Map());
	assert.deepEqual(Object.fromEntries(readDotEnv('\uFEFFBOM=1\nUNCLOSED="oops\nNEXT=2')), {BOM: '1', UNCLOSED: '"oops', NEXT: '2'});
});

test('the required variables that .env leaves unset or empty', () => {
	const detected = [
		{name: 'API_TOKEN', optional: false},
		{name: 'DATABASE_URL', optional: false, source: 'app/config.py'},
		{name: 'ENTSOE_API_KEY', optional: false},
		{name: 'MODEL_PATH', optional: true},
	];
	const dotEnv = readDotEnv('API_TOKEN=abc\nDATABASE_URL=\n# ENTSOE_API_KEY=commented\n');
	assert.deepEqual(requiredVariablesMissing(detected, dotEnv), ['DATABASE_URL', 'ENTSOE_API_KEY']);
	assert.deepEqual(requiredVariablesMissing(detected, readDotEnv('API_TOKEN=1\nDATABASE_URL=2\nENTSOE_API_KEY=3\n')), []);
});
