import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/**
 * The folder holding templates/. The code runs from source/render/ (tsx), from dist/cli.js
 * and from dist/chunks/*.js (the bundle), so we walk up from this module until we find the
 * package root: the folder with both package.json and templates/.
 */
export function templatesDirectory(from = import.meta.url): string {
	let directory = path.dirname(fileURLToPath(from));
	for (;;) {
		if (existsSync(path.join(directory, 'package.json')) && existsSync(path.join(directory, 'templates'))) {
			return path.join(directory, 'templates');
		}

		const parent = path.dirname(directory);
		if (parent === directory) {
			throw new Error('The templates folder of ml-deploy-wizard is missing: reinstall the package (npx ml-deploy-wizard@latest).');
		}

		directory = parent;
	}
}

export const templateNames = [
	'Dockerfile',
	'dockerignore',
	'compose.yaml',
	'Caddyfile.http',
	'Caddyfile.https',
	'env.example',
	'crontab',
	'cloud-run/cloud-run.sh',
	'heroku/heroku.yml',
	'heroku/heroku.sh',
] as const;

export type TemplateName = (typeof templateNames)[number];
export type Templates = Record<TemplateName, string>;

/** Reads every template once; rendering itself is then pure. */
export async function loadTemplates(directory = templatesDirectory()): Promise<Templates> {
	const texts = await Promise.all(templateNames.map(async name => readFile(path.join(directory, name), 'utf8')));
	return Object.fromEntries(templateNames.map((name, index) => [name, texts[index]!])) as Templates;
}
