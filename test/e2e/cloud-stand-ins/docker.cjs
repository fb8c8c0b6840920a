// STAND-IN for docker on a new Mac (no Docker engine runs here): Docker Desktop 4.34+ with
// its containerd image store, whose plain `docker build` makes an OCI image index with a
// provenance attestation. Registries answer as theirs do: Heroku's refuses an OCI manifest
// or an attestation (it takes one Docker v2 schema 2 manifest); Artifact Registry takes
// both, but only from an identity allowed to push to that repository, through gcloud's
// credential helper (the CLOUDSDK_* variables the push runs with say who that is). The
// build context must hold the Dockerfile. Each call is recorded with those variables first,
// as a shell line would show them.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const {ok, begin} = require('./common.cjs');
const {allowed, impersonate} = require('./iam.cjs');

const argv = process.argv.slice(2);
const identity = ['CLOUDSDK_AUTH_IMPERSONATE_SERVICE_ACCOUNT', 'CLOUDSDK_ACTIVE_CONFIG_NAME'].filter(name => process.env[name]).map(name => `${name}=${process.env[name]}`);
const {world, done, stop: refuse} = begin('docker', argv, identity);
const docker = world.docker;
const {flags, positionals} = dockerParse(argv);

/** docker's own way: `--name=value`, or `--name value` for the options that take one. */
function dockerParse(words) {
	const takesValue = new Map([['--tag', 'tag'], ['-t', 'tag'], ['--platform', 'platform'], ['--file', 'file'], ['-f', 'file'], ['--output', 'output'], ['-o', 'output'], ['--format', 'format']]);
	const parsed = {flags: {}, positionals: []};
	for (let index = 0; index < words.length; index++) {
		const word = words[index];
		const match = /^--([\w-]+)=(.*)$/s.exec(word);
		if (match) {
			parsed.flags[match[1]] = match[2];
		} else if (takesValue.has(word)) {
			parsed.flags[takesValue.get(word)] = words[++index];
		} else if (word.startsWith('--')) {
			parsed.flags[word.slice(2)] = true;
		} else {
			parsed.positionals.push(word);
		}
	}

	return parsed;
}

/** Who the gcloud credential helper would hand a token for, or why it cannot. */
function googleIdentity(host) {
	const gcloud = world.gcloud;
	if (!gcloud.dockerHelpers.includes(host)) {
		return {problem: `denied: Unauthenticated request. Unauthenticated requests do not have permission "artifactregistry.repositories.uploadArtifacts"; run gcloud auth configure-docker ${host}`};
	}

	const impersonated = process.env.CLOUDSDK_AUTH_IMPERSONATE_SERVICE_ACCOUNT;
	if (impersonated) {
		const problem = impersonate(gcloud, impersonated, 'gcloud.config.config-helper');
		return problem ? {problem: `error getting credentials - err: exit status 1, out: \`${problem}\``} : {who: impersonated};
	}

	const configuration = process.env.CLOUDSDK_ACTIVE_CONFIG_NAME;
	return configuration ? {who: gcloud.configurations[configuration]?.account} : {who: gcloud.account};
}

function pushToArtifactRegistry(image) {
	const [host, project, repository] = image.split('/');
	const region = host.replace(/-docker\.pkg\.dev$/, '');
	const found = world.gcloud.projects[project];
	const key = `${repository}@${region}`;
	const {who, problem} = googleIdentity(host);
	if (problem) {
		refuse(problem);
	}

	const resource = `projects/${project}/locations/${region}/repositories/${repository}`;
	if (!found?.repositories[key] || allowed(world.gcloud, project, who, `repository:${key}`, 'roles/artifactregistry.writer') !== true) {
		refuse(`denied: Permission "artifactregistry.repositories.uploadArtifacts" denied on resource "${resource}" (or it may not exist)`);
	}

	const name = image.replace(/:latest$/, '');
	found.images = [...new Set([...found.images, `${name}:latest`])];
	done(`latest: digest: sha256:0123456789abcdef size: 2417`);
}

/** Heroku's registry: a Docker v2 schema 2 manifest for one platform, nothing else. */
function pushToHeroku(image, built, how) {
	const [, app, processType] = image.replace(/:latest$/, '').split('/');
	if (!world.heroku.registryLogin || !world.heroku.apps[app]) {
		refuse('unauthorized: authentication required');
	}

	if (built.attestations || built.oci) {
		refuse(how === 'buildx'
			? `ERROR: failed to push ${image}: unexpected status from PUT request to https://registry.heroku.com/v2/${app}/${processType}/manifests/latest: 405 Method Not Allowed`
			: 'unsupported');
	}

	world.registry.heroku[`${app}/${processType}`] = built;
	done('latest: digest: sha256:0123456789abcdef size: 2417');
}

function push(image, built, how) {
	if (image.startsWith('registry.heroku.com/')) {
		pushToHeroku(image, built, how);
	} else if (/^[a-z\d-]+-docker\.pkg\.dev\//.test(image)) {
		pushToArtifactRegistry(image);
	} else {
		refuse(`stand-in docker pushes only to Heroku's registry and Artifact Registry, not ${image}`);
	}
}

/** What a build makes here: a platform, and (the containerd store's default) an OCI index with an attestation. */
function build() {
	const context = positionals.at(-1) ?? '.';
	const dockerfile = typeof flags.file === 'string' ? flags.file : path.join(context, 'Dockerfile');
	if (!fs.existsSync(dockerfile)) {
		refuse(`ERROR: failed to solve: failed to read dockerfile: open ${path.basename(dockerfile)}: no such file or directory`);
	}

	const output = Object.fromEntries(String(flags.output ?? '').split(',').filter(Boolean).map(part => part.split('=')));
	return {
		platform: typeof flags.platform === 'string' ? flags.platform : `linux/${docker.hostArch}`,
		attestations: flags.provenance !== 'false' || flags.sbom !== 'false',
		oci: output['oci-mediatypes'] !== 'false',
		name: output.name ?? flags.tag,
		push: output.push === 'true' || flags.push === true,
	};
}

if (flags.version === true) {
	ok('Docker version 27.3.1, build ce12230 (stand-in)');
}

switch (positionals[0]) {
	case 'info': {
		docker.engineRunning ? done('27.3.1') : refuse('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?');
		break;
	}

	case 'buildx': {
		if (!docker.buildx) {
			refuse('docker: \'buildx\' is not a docker command.\nSee \'docker --help\'');
		}

		if (positionals[1] === 'version') {
			done('github.com/docker/buildx v0.17.1 (stand-in)');
		}

		const built = build();
		if (built.push) {
			push(built.name, built, 'buildx');
		}

		docker.images[built.name] = built;
		done(`naming to ${built.name} done`);
		break;
	}

	case 'build': {
		const built = build();
		docker.images[built.name] = built;
		done(`naming to ${built.name} done`);
		break;
	}

	case 'push': {
		const built = docker.images[positionals[1]];
		if (!built) {
			refuse(`An image does not exist locally with the tag: ${positionals[1]}`);
		}

		push(positionals[1], built, 'push');
		break;
	}

	default: {
		refuse(`stand-in docker does not know: ${argv.join(' ')}`);
	}
}
