import assert from 'node:assert/strict';
import {test} from 'node:test';
import {createAddon, destroyApp, registryImage, setConfigVars} from '../../source/commands/heroku.js';

test('each config var is one argument, whatever its value holds', () => {
	assert.deepEqual(setConfigVars([['HOST', '0.0.0.0'], ['NOTE', "a b; $(x) 'q'"]], 'my-app'), [
		'heroku',
		'config:set',
		'HOST=0.0.0.0',
		"NOTE=a b; $(x) 'q'",
		'--app=my-app',
	]);
});

test('add-ons, registry image and destroy', () => {
	assert.deepEqual(createAddon('heroku-postgresql:essential-0', 'my-app', true), ['heroku', 'addons:create', 'heroku-postgresql:essential-0', '--app=my-app', '--wait']);
	assert.deepEqual(createAddon('scheduler:standard', 'my-app'), ['heroku', 'addons:create', 'scheduler:standard', '--app=my-app']);
	assert.equal(registryImage('my-app'), 'registry.heroku.com/my-app/web');
	assert.deepEqual(destroyApp('my-app'), ['heroku', 'apps:destroy', '--app=my-app', '--confirm=my-app']);
});
