import type {FileSettings} from './file-settings.js';
import type {TemplateScope} from './template.js';

// The Dockerfile's dependency step: which tool installs, from which files, plus the web
// server (and the framework, with no dependency file) when the project does not list it.

function serverPackages(settings: FileSettings): string[] {
	const server = settings.framework === 'flask' ? 'gunicorn' : 'uvicorn';
	const wanted = settings.dependencies.file === undefined ? [settings.framework, server] : [server];
	return wanted.filter(name => !settings.dependencies.packages.includes(name));
}

/** The values of the Dockerfile's dependency step: which tool installs, from which files. */
export function installScope(settings: FileSettings): TemplateScope {
	const {file, tool, lockFile, includes} = settings.dependencies;
	const extras = serverPackages(settings);
	const extraPackages = extras.map(name => ` ${name}`).join('');
	const [major, minor] = settings.pythonVersion.split('.').map(Number) as [number, number];
	return {
		requirements: tool === 'pip',
		requirementsFile: file ?? '',
		requirementsTarget: file !== undefined && file.includes('/') ? file : './',
		requirementIncludes: includes.map(include => ({file: include})),
		pyproject: tool === 'pep621',
		needsTomli: major === 3 && minor < 11,
		poetry: tool === 'poetry',
		uv: tool === 'uv',
		pdm: tool === 'pdm',
		pipfile: tool === 'pipenv',
		lockFileName: lockFile === undefined ? '' : `${lockFile} `,
		lockedBy: lockFile === undefined ? '' : ` locked in ${lockFile}`,
		pipenvFlag: lockFile === undefined ? '' : '--deploy',
		noDependencyFile: file === undefined,
		extraPackages,
	};
}
