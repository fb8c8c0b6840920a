import {existsSync} from 'node:fs';
import path from 'node:path';
import {findAppTarget} from './app-target.js';
import {foldersAbove, gitIgnored} from './git-ignore.js';
import {chooseHealthCheck} from './health-check.js';
import {findModels} from './model-files.js';
import {composeNames, readOwnFiles} from './own-files.js';
import {type Detected, fallbacks, type Framework, type OwnFiles, type ProjectDetection, type ServerCommand} from './project-detection.js';
import {listProjectFiles} from './project-files.js';
import {findPrivateKeys} from './private-keys.js';
import {StringConstants} from './python-constants.js';
import {ProjectTree, readPythonFiles} from './python-modules.js';
import {detectPythonVersion} from './python-version.js';
import {projectWarnings} from './project-warnings.js';
import {readAppSource} from './read-app-source.js';
import {readDependencies} from './read-dependencies.js';
import {RouteTable} from './routes.js';
import {appFiles, filesWrittenNextToCode} from './working-directory-writes.js';

export {formatSize} from './project-warnings.js';

/** Where Python looks for top-level modules in the layouts people use: the project folder, then src/. */
const importRoots = ['', 'src'];

/** The command the project itself starts the app with, and the file it is in. */
function ownCommand(own: OwnFiles): {command: ServerCommand; file: string} | undefined {
	if (own.dockerfile?.command) {
		return {command: own.dockerfile.command, file: own.dockerfile.path};
	}

	if (own.herokuYml?.run) {
		return {command: own.herokuYml.run, file: own.herokuYml.path};
	}

	return own.procfile?.web ? {command: own.procfile.web, file: own.procfile.path} : undefined;
}

/** The port the app listens on: the project's own container command or image first, then its code. */
function detectPort(own: OwnFiles, fromSource: Detected<number> | undefined): Detected<number> | undefined {
	const dockerfile = own.dockerfile;
	const command = dockerfile?.command;
	if (dockerfile && command?.port !== undefined && command.server !== 'python') {
		return {value: command.port, source: `${dockerfile.path} (${command.portVariable ? 'its command reads $PORT, default ' : 'its command listens on '}${command.port})`};
	}

	if (dockerfile?.exposed !== undefined) {
		return {value: dockerfile.exposed, source: `${dockerfile.path} (EXPOSE ${dockerfile.exposed})`};
	}

	if (fromSource) {
		return fromSource;
	}

	const compose = own.compose;
	return compose?.containerPort === undefined ? undefined : {value: compose.containerPort, source: `${compose.path} (ports)`};
}

/**
 * Looks at an ML project and reports what the deployment files need, each fact with where it
 * came from, plus the traps worth a warning. Reads only; never runs the project's code.
 */
export function detectProject(directory: string, today = new Date()): ProjectDetection {
	const entries = listProjectFiles(directory);
	const tree = new ProjectTree(entries);
	const python = readPythonFiles(directory, entries);
	const own = readOwnFiles(directory);
	const constants = new StringConstants(python, tree, importRoots);
	const routeTable = new RouteTable(python, tree, importRoots, constants);
	const app = findAppTarget(python, tree, importRoots);
	const source = readAppSource(python);
	const started = ownCommand(own);

	let appModule: Detected<string> | undefined = app && {value: app.target, source: app.file};
	let appDirectory: Detected<string> | undefined = app && {value: app.importRoot, source: app.importRoot === '' ? app.file : `the imports of ${app.file}`};
	if (started?.command.target) {
		appModule = {value: started.command.target, source: `${started.file} (${started.command.server})`};
		appDirectory = {value: started.command.appDirectory?.replace(/^\.\/?|\/$/g, '') ?? '', source: started.file};
	}

	const dependencies = readDependencies(directory, appDirectory?.value ? [appDirectory.value] : []);
	let framework: Detected<Framework> | undefined = app && {value: app.framework, source: app.file};
	if (!framework) {
		const fromPackages = (['fastapi', 'flask'] as const).find(name => dependencies.packages.includes(name));
		framework = fromPackages ? {value: fromPackages, source: dependencies.file!} : undefined;
	}

	const routes = routeTable.routes(app?.routesRoot);
	// FastAPI serves /openapi.json unless told not to; so does the FastAPI assumed when nothing was found.
	const fastapi = (framework?.value ?? fallbacks.framework) === 'fastapi';
	const health = chooseHealthCheck(routes, fastapi ? (app ? routeTable.openapiPath(app.routesRoot) : '/openapi.json') : undefined);
	const models = findModels(directory, entries);
	const privateKeys = findPrivateKeys(directory, entries);
	const ignored = gitIgnored(directory, ['.env', ...privateKeys, ...models.filter(model => model.storage !== 'dvc').map(model => model.path)]);
	const written = app ? filesWrittenNextToCode(appFiles(app.file, python, tree, [app.importRoot, ...importRoots])) : [];
	const has = (name: string) => existsSync(path.join(directory, name));
	const detection: ProjectDetection = {
		dependencies,
		framework,
		appModule,
		appDirectory,
		port: detectPort(own, source.port),
		routes,
		health,
		healthPath: health.kind === 'route' ? {value: health.path, source: health.source} : undefined,
		pythonVersion: detectPythonVersion(directory, {
			dockerfile: own.dockerfile && {path: own.dockerfile.path, image: own.dockerfile.fromImage},
			ancestors: foldersAbove(directory),
			pins: dependencies.pins,
			pinsFile: dependencies.file,
		}),
		models,
		environmentVariables: source.environmentVariables,
		writtenFiles: written.map(entry => entry.file),
		own,
		existing: {
			dockerfile: own.dockerfile !== undefined || has('Dockerfile'),
			dockerignore: has('.dockerignore'),
			compose: composeNames.find(name => has(name)),
			caddyfile: has('Caddyfile'),
		},
		warnings: [],
	};
	detection.warnings = projectWarnings(detection, {source, app, ignored, written, privateKeys, today}, directory);
	return detection;
}

const cache = new Map<string, ProjectDetection>();

/** Detection remembered per directory, for input defaults asked again on every render. */
export function cachedDetection(directory: string): ProjectDetection {
	const key = path.resolve(directory);
	let detection = cache.get(key);
	if (!detection) {
		detection = detectProject(key);
		cache.set(key, detection);
	}

	return detection;
}

export function forgetDetection(directory: string): void {
	cache.delete(path.resolve(directory));
}
