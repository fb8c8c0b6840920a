import assert from 'node:assert/strict';
import {test} from 'node:test';
import {buildImage, platformArguments, pushImage} from '../../source/commands/docker-local.js';

test('an arm64 laptop builds for linux/amd64; an x64 one needs no flag', () => {
	assert.deepEqual(platformArguments('arm64'), ['--platform', 'linux/amd64']);
	assert.deepEqual(platformArguments('x64'), []);
	assert.deepEqual(buildImage('registry.heroku.com/app/web', 'arm64'), ['docker', 'build', '--platform', 'linux/amd64', '--tag', 'registry.heroku.com/app/web', '.']);
	assert.deepEqual(buildImage('img:latest', 'x64', 'api dir'), ['docker', 'build', '--tag', 'img:latest', 'api dir']);
	assert.deepEqual(pushImage('img:latest'), ['docker', 'push', 'img:latest']);
});
