import {readdirSync} from 'node:fs';
import {readDockerfile} from './dockerfile-text.js';
import type {OwnFiles} from './project-detection.js';
import {readProjectFile} from './project-files.js';
import {parseServerCommand} from './server-command.js';
import {yamlValues} from './yaml-values.js';

// The project's own deployment files are inputs: the wizard builds with its Dockerfile,
// reads its Procfile and heroku.yml for the command, its compose file for the port, and
// keeps them all. A file the wizard wrote (it carries the wizard's checksum line) is not "own".

export const composeNames = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** True when the wizard wrote this text (edited since or not). */
export function writtenByWizard(text: string): boolean {
	return /^# ml-deploy-wizard checksum sha256:[\da-f]{64}\r?$/m.test(text.split('\n').slice(0, 7).join('\n'));
}

function own(directory: string, name: string): string | undefined {
	const text = readProjectFile(directory, name);
	return text === undefined || writtenByWizard(text) ? undefined : text;
}

/** The container port of a compose "ports" entry: 8080, "8080:80", "127.0.0.1:8080:80/tcp". */
function portPair(entry: string): {host?: number; container?: number} {
	const parts = entry.replace(/\/(tcp|udp)$/, '').split(':');
	const container = Number(parts.at(-1));
	const host = parts.length > 1 ? Number(parts.at(-2)) : undefined;
	return {container: Number.isInteger(container) ? container : undefined, host: Number.isInteger(host) ? host : undefined};
}

function listNames(directory: string): Set<string> {
	try {
		return new Set(readdirSync(directory));
	} catch {
		return new Set();
	}
}

export function readOwnFiles(directory: string): OwnFiles {
	const files: OwnFiles = {};
	// Docker reads Dockerfile, and falls back to a lowercase dockerfile (exact names: a
	// case-insensitive disk answers for both).
	const names = listNames(directory);
	for (const name of ['Dockerfile', 'dockerfile'].filter(candidate => names.has(candidate))) {
		const text = own(directory, name);
		if (text !== undefined) {
			files.dockerfile = readDockerfile(name, text);
			break;
		}
	}

	const procfile = own(directory, 'Procfile');
	if (procfile !== undefined) {
		const web = /^web:\s*(.+)$/m.exec(procfile)?.[1]?.trim();
		files.procfile = {path: 'Procfile', web: web === undefined ? undefined : parseServerCommand(web)};
	}

	const heroku = own(directory, 'heroku.yml');
	if (heroku !== undefined) {
		const values = yamlValues(heroku);
		const run = values.get('run.web')?.[0] ?? values.get('run.web.command')?.join(' ');
		files.herokuYml = {path: 'heroku.yml', dockerfile: values.get('build.docker.web')?.[0], run: run === undefined ? undefined : parseServerCommand(run)};
	}

	for (const name of composeNames) {
		const text = own(directory, name);
		if (text !== undefined) {
			const values = yamlValues(text);
			const ports = [...values].filter(([key]) => /^services\.[\w.-]+\.ports$/.test(key)).flatMap(([, entries]) => entries);
			const [first] = ports.map(entry => portPair(entry));
			files.compose = {
				path: name,
				containerPort: first?.container,
				hostPort: first?.host,
				healthcheck: [...values.keys()].some(key => /^services\.[\w.-]+\.healthcheck\./.test(key)),
				public: ports.some(entry => !/^(?:127\.0\.0\.1|localhost|\[::1\]):/.test(entry) && entry.includes(':')),
			};
			break;
		}
	}

	files.dockerignore = own(directory, '.dockerignore') === undefined ? undefined : '.dockerignore';
	files.caddyfile = own(directory, 'Caddyfile') === undefined ? undefined : 'Caddyfile';
	return files;
}
