// Helpers for tests that render or generate files from the fixture projects.
import {cpSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Answers, ProviderId} from '../../source/core/step.js';
import {detectProject} from '../../source/detect/detect-project.js';
import {detectedDefaults, settingsFromAnswers} from '../../source/render/file-settings.js';
import {renderFiles, type RenderedFiles} from '../../source/render/render-files.js';
import type {Templates} from '../../source/render/templates-directory.js';

export const fixturesDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export const fixtureNames = ['flask-joblib', 'fastapi-onnx', 'no-requirements', 'existing-dockerfile'] as const;
export const providerIds: ProviderId[] = ['vps', 'cloud-run', 'heroku'];

export function fixturePath(name: string): string {
	return path.join(fixturesDirectory, 'projects', name);
}

/** A throwaway copy of a fixture project, named like the fixture (the name shows in the files). */
export function copyFixture(name: string): string {
	const parent = mkdtempSync(path.join(tmpdir(), 'mldw-project-'));
	const target = path.join(parent, name);
	cpSync(fixturePath(name), target, {recursive: true});
	return target;
}

/** Every input filled in: domain, ACME settings, two scheduled jobs (one with a %), Postgres. */
export const fullAnswers: Answers = {
	domain: 'api.example.com',
	acmeEmail: 'ops@example.com',
	acmeCa: 'https://acme-staging-v02.api.letsencrypt.org/directory',
	cron: '15 * * * * /update-forecast; */10 9-17 * * 1-5 POST /retrain%20now',
	postgres: 'yes',
};

export function render(fixture: string, provider: ProviderId, answers: Answers, templates: Templates): RenderedFiles {
	const directory = fixturePath(fixture);
	const detection = detectProject(directory);
	const result = settingsFromAnswers(provider, answers, detection, directory);
	if (!result.ok) {
		throw new Error(`${result.field}: ${result.message}`);
	}

	return renderFiles(result.settings, templates, detectedDefaults(detection, directory));
}
