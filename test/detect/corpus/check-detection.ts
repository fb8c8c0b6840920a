// Holds what the wizard detected in a corpus project against the project's truth file.
// Returns the differences as sentences (empty: fully right), so the test can assert and the
// benchmark can count.
import {isDeepStrictEqual} from 'node:util';
import type {ProjectDetection} from '../../../source/detect/project-detection.js';
import {detectedDefaults, publishedPort} from '../../../source/render/file-settings.js';
import type {Truth} from './truth.js';

function differ(problems: string[], what: string, actual: unknown, expected: unknown): void {
	if (!isDeepStrictEqual(actual, expected)) {
		problems.push(`${what}: found ${JSON.stringify(actual)}, the truth is ${JSON.stringify(expected)}`);
	}
}

export function detectionProblems(detection: ProjectDetection, truth: Truth, directory: string): string[] {
	const problems: string[] = [];
	const defaults = detectedDefaults(detection, directory);
	differ(problems, 'framework', defaults.framework, truth.framework);
	differ(problems, 'app', defaults.appModule, truth.app);
	differ(problems, 'app folder', defaults.appDirectory, truth.appDirectory);
	differ(problems, 'port', Number(defaults.appPort), truth.port);
	differ(problems, 'published port', publishedPort(Number(defaults.appPort)), truth.hostPort);
	differ(problems, 'routes', detection.routes.map(route => `${route.methods.filter(method => method !== 'HEAD').join('|')} ${route.path}`), truth.routes);
	differ(problems, 'health check', detection.health.kind === 'port' ? 'port' : detection.health.path, truth.health);
	differ(problems, 'python', defaults.pythonVersion, truth.python);
	const source = detection.pythonVersion?.source ?? null;
	if (truth.pythonSource === null ? source !== null : !source?.startsWith(truth.pythonSource)) {
		problems.push(`python source: found ${JSON.stringify(source)}, the truth starts ${JSON.stringify(truth.pythonSource)}`);
	}

	differ(problems, 'dependencies', {file: detection.dependencies.file ?? null, tool: detection.dependencies.tool ?? null}, truth.dependencies);
	const names = (optional: boolean) => detection.environmentVariables.filter(variable => variable.optional === optional).map(variable => variable.name);
	differ(problems, 'variables', {required: names(false), optional: names(true)}, truth.variables);
	differ(problems, 'models', detection.models.map(model => ({path: model.path, storage: model.storage})), truth.models);
	differ(problems, 'warnings', detection.warnings.map(warning => warning.code).sort(), [...truth.warnings].sort());
	differ(problems, 'files written next to the code', detection.writtenFiles, truth.written ?? []);
	return problems;
}
