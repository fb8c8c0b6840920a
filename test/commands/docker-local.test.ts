import assert from 'node:assert/strict';
import {test} from 'node:test';
import {buildAndPushImage, dockerBuildxVersion} from '../../source/commands/docker-local.js';

test('one command builds and pushes the one form Heroku\'s registry takes: linux/amd64, no attestations, Docker media types', () => {
	assert.deepEqual(buildAndPushImage('registry.heroku.com/app/web'), [
		'docker',
		'buildx',
		'build',
		'--platform=linux/amd64',
		'--provenance=false',
		'--sbom=false',
		'--output=type=image,name=registry.heroku.com/app/web,oci-mediatypes=false,push=true',
		'.',
	]);
	assert.equal(buildAndPushImage('img:latest', 'api dir').at(-1), 'api dir');
	assert.deepEqual(dockerBuildxVersion(), ['docker', 'buildx', 'version']);
});
