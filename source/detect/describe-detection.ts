import {formatSize} from './project-warnings.js';
import {type Detected, type DependencyTool, type EnvironmentVariable, fallbacks, type ModelFile, type ProjectDetection} from './project-detection.js';

// Every fact shown with where it came from, so a wrong guess is corrected in one place: the
// file it was read from, or the flag named when nothing was found.

const frameworkNames = {fastapi: 'FastAPI', flask: 'Flask'} as const;
const toolNames: Record<DependencyTool, string> = {pip: 'pip', poetry: 'Poetry', uv: 'uv', pdm: 'PDM', pep621: 'pip (the [project] dependencies)', pipenv: 'pipenv'};
const storageNotes: Record<ModelFile['storage'], string> = {git: '', dvc: ', tracked by DVC', 'git-lfs': ', in Git LFS', 'lfs-pointer': ', only a Git LFS pointer here'};

function fact<Value>(label: string, detected: Detected<Value> | undefined, shown: (value: Value) => string, missing: string): string {
	return detected ? `${label}: ${shown(detected.value)}, from ${detected.source}` : `${label}: ${missing}`;
}

/** The variables the app reads, the ones it cannot start without first, and where they were found. */
function describeSettings(variables: readonly EnvironmentVariable[]): string {
	if (variables.length === 0) {
		return 'Settings from the environment: none found';
	}

	const names = (optional: boolean) => variables.filter(variable => variable.optional === optional).map(variable => variable.name).join(', ');
	const sources = [...new Set(variables.flatMap(variable => variable.source ?? []))];
	const parts = [names(false) && `${names(false)} (no default)`, names(true) && `${names(true)} (with a default)`, sources.length > 0 && `read in ${sources.join(', ')}`];
	return `Settings from the environment: ${parts.filter(Boolean).join('; ')}`;
}

function describeOwnFiles(detection: ProjectDetection): string | undefined {
	const {dockerfile, procfile, herokuYml, compose, dockerignore, caddyfile} = detection.own;
	const kept = [
		dockerfile && `${dockerfile.path} (the image is built with it${dockerfile.command ? `: ${dockerfile.command.text}` : ''})`,
		procfile && `${procfile.path} (read for the start command)`,
		herokuYml && `${herokuYml.path}`,
		compose && `${compose.path} (read for the port)`,
		dockerignore,
		caddyfile,
	].filter(Boolean);
	return kept.length > 0 ? `Your own files, kept and read: ${kept.join(', ')}` : undefined;
}

/**
 * How a guess is corrected where the lines are read: generate's flags, the wizard's answers
 * on the same screen, or nothing to name (a config file has its own keys).
 */
export type ChangeHint = 'flags' | 'form' | 'none';

const flags = {framework: '--framework', appModule: '--app-module', pythonVersion: '--python', appPort: '--app-port', healthPath: '--health-path'} as const;

function changeHint(how: ChangeHint, field: keyof typeof flags): string {
	if (how === 'none') {
		return '';
	}

	if (how === 'form') {
		return field === 'healthPath' ? ' (name a route below)' : ' (change it below)';
	}

	return field === 'healthPath' ? ` (${flags[field]} to name a route)` : ` (${flags[field]} to change)`;
}

/** What was found, one fact a line, each with where it came from; then the warnings. */
export function describeDetection(detection: ProjectDetection, how: ChangeHint = 'flags'): string[] {
	const {dependencies, framework, appModule, appDirectory, port, pythonVersion, models, routes, health} = detection;
	const assumed = framework?.value ?? fallbacks.framework;
	const hint = (field: keyof typeof flags) => changeHint(how, field);
	const lines = [
		dependencies.file
			? `Dependencies: ${dependencies.file}${dependencies.lockFile ? ` with ${dependencies.lockFile}` : ''}, installed with ${toolNames[dependencies.tool!]} (${dependencies.packages.length} packages)`
			: 'Dependencies: no file found',
		fact('Framework', framework, value => frameworkNames[value], `not found, assuming ${frameworkNames[assumed]}${hint('framework')}`),
		fact('App object', appModule, value => (value.endsWith(')') ? `${value} (a factory, called when the server starts)` : value), `not found, assuming ${fallbacks.appModule(assumed)}${hint('appModule')}`),
		...(appDirectory?.value ? [fact('App folder', appDirectory, value => `${value} (the app's imports start there)`, '')] : []),
		fact('Python', pythonVersion, value => value, `not pinned, using ${fallbacks.pythonVersion}${hint('pythonVersion')}`),
		fact('Port', port, value => String(value), `not found, using ${fallbacks.port}${hint('appPort')}`),
		health.kind === 'route' ? `Health check: GET ${health.path}, from ${health.source}` : `Health check: the port only, ${health.source}${hint('healthPath')}`,
		routes.length > 0 ? `Routes: ${routes.slice(0, 12).map(route => `${route.methods.join('|')} ${route.path}`).join(', ')}${routes.length > 12 ? `, and ${routes.length - 12} more` : ''}` : 'Routes: none found',
		models.length > 0 ? `Models: ${models.map(model => `${model.path} (${model.storage === 'dvc' && model.bytes === 0 ? 'not here' : formatSize(model.bytes)}${storageNotes[model.storage]})`).join(', ')}` : 'Models: none found',
		describeSettings(detection.environmentVariables),
	];
	const own = describeOwnFiles(detection);
	return [...lines, ...(own ? [own] : []), ...detection.warnings.map(warning => `Warning: ${warning.message}`)];
}
