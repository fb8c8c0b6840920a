import type {Action} from '../core/action.js';
import type {Answers, ProviderId} from '../core/step.js';
import {detectProject} from '../detect/detect-project.js';
import type {ProjectDetection} from '../detect/project-detection.js';
import {detectedDefaults, type FileSettings, settingsFromAnswers} from './file-settings.js';
import {renderCaddyfile, renderFiles} from './render-files.js';
import {loadTemplates} from './templates-directory.js';
import {type PlannedWrite, planWrites} from './write-plan.js';

export type PreparedFiles =
	| {ok: true; detection: ProjectDetection; settings: FileSettings; notes: string[]; writes: PlannedWrite[]}
	| {ok: false; field: string; message: string};

/**
 * Everything up to the moment of writing, shared by the wizard's files step and the
 * generate command: look at the project, validate the answers, render, compare with disk.
 */
export async function prepareFiles(provider: ProviderId, answers: Answers, projectDirectory: string): Promise<PreparedFiles> {
	const detection = detectProject(projectDirectory);
	const result = settingsFromAnswers(provider, answers, detection, projectDirectory);
	if (!result.ok) {
		return result;
	}

	const {files, notes} = renderFiles(result.settings, await loadTemplates(), detectedDefaults(detection, projectDirectory));
	const writes = await planWrites(files, projectDirectory);
	return {ok: true, detection, settings: result.settings, notes, writes};
}

/** New and untouched files are written; edited ones are replaced only after a yes; equal ones are left be. */
export function fileActions(writes: readonly PlannedWrite[]): Action[] {
	return writes.flatMap((write): Action[] => {
		const {file} = write;
		switch (write.status) {
			case 'unchanged': {
				return [];
			}

			case 'create':
			case 'update': {
				const label = write.added
					? `Add ${write.added.join(', ')} to your ${file.path} (your own lines stay as they are)`
					: `Write ${file.path}: ${file.purpose}`;
				return [{kind: 'write-file', label, path: file.path, content: file.content, mode: file.mode}];
			}

			case 'edited':
			case 'not-generated': {
				return [{
					kind: 'replace-file',
					label: `Replace ${file.path}? ${write.status === 'edited' ? 'You edited it since the wizard wrote it.' : 'The wizard did not write it.'}`,
					path: file.path,
					content: file.content,
					mode: file.mode,
					reason: write.status,
					diff: write.diff ?? '',
					expectedSha256: write.existingSha256!,
				}];
			}
		}
	});
}

/**
 * The Caddyfile for the server, in either form, from the wizard's answers: the VPS steps
 * install the HTTP one first and switch to HTTPS once DNS is right.
 */
export async function caddyfileFromAnswers(variant: 'http' | 'https', answers: Answers, projectDirectory: string): Promise<{ok: true; content: string} | {ok: false; field: string; message: string}> {
	const result = settingsFromAnswers('vps', answers, detectProject(projectDirectory), projectDirectory);
	if (!result.ok) {
		return result;
	}

	if (variant === 'https' && result.settings.domain === undefined) {
		return {ok: false, field: 'domain', message: 'Domain: HTTPS needs a domain name, like api.example.com.'};
	}

	return {ok: true, content: renderCaddyfile(variant, result.settings, await loadTemplates())};
}
