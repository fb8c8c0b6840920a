import {existsSync} from 'node:fs';
import path from 'node:path';
import {isGitIgnored, parseGitIgnore} from './git-ignore.js';
import type {DetectionWarning, ModelFile, ProjectDetection} from './project-detection.js';
import {listProjectFiles, readProjectFile} from './project-files.js';
import {detectPythonVersion} from './python-version.js';
import {readAppSource} from './read-app-source.js';
import {readDependencies} from './read-dependencies.js';

const modelExtensions = /\.(joblib|pkl|pickle|onnx|pt|pth|h5|keras|safetensors)$/i;
const megabyte = 1024 * 1024;
/** GitHub rejects pushes with files above 100 MB and warns from 50 MB. */
const gitHardLimit = 100 * megabyte;
const gitSoftLimit = 50 * megabyte;
const composeNames = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

export function formatSize(bytes: number): string {
	return bytes >= megabyte ? `${(bytes / megabyte).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * Looks at an ML project and reports what the deployment files need, plus the traps worth
 * a warning. Reads only; never runs the project's code.
 */
export function detectProject(directory: string): ProjectDetection {
	const files = listProjectFiles(directory);
	const dependencies = readDependencies(directory);
	const source = readAppSource(directory, files);
	const gitRules = parseGitIgnore(readProjectFile(directory, '.gitignore') ?? '');
	const models: ModelFile[] = files.filter(entry => modelExtensions.test(entry.path)).map(({path, bytes}) => ({path, bytes}));
	const has = (name: string) => existsSync(path.join(directory, name));
	const warnings: DetectionWarning[] = [];

	let {framework} = source;
	if (!framework) {
		const fromPackages = (['fastapi', 'flask'] as const).find(name => dependencies.packages.includes(name));
		framework = fromPackages ? {value: fromPackages, source: dependencies.file!} : undefined;
	}

	let {port} = source;
	const exposed = Number(/^\s*EXPOSE\s+(\d{2,5})/im.exec(readProjectFile(directory, 'Dockerfile') ?? '')?.[1]);
	if (!port && exposed >= 1 && exposed <= 65_535) {
		port = {value: exposed, source: 'Dockerfile'};
	}

	for (const file of source.boundToLocalhost) {
		warnings.push({
			code: 'bound-to-localhost',
			message: `${file} binds the app to 127.0.0.1: inside a container nothing could reach it. The generated Dockerfile starts it on 0.0.0.0 instead; do the same if you start it yourself.`,
		});
	}

	for (const file of source.debugMode) {
		warnings.push({
			code: 'debug-mode',
			message: `${file} switches on debug mode: in production it shows your code to anyone who triggers an error. Turn it off, or read it from an environment variable.`,
		});
	}

	for (const model of models) {
		if (model.bytes > gitHardLimit) {
			warnings.push({
				code: 'model-too-large-for-git',
				message: `${model.path} is ${formatSize(model.bytes)}: GitHub refuses files over 100 MB. Use Git LFS, or download the model when the container starts.`,
			});
		} else if (model.bytes > gitSoftLimit) {
			warnings.push({code: 'model-large', message: `${model.path} is ${formatSize(model.bytes)}: GitHub warns above 50 MB and every clone gets slower. Consider Git LFS.`});
		}

		if (isGitIgnored(gitRules, model.path)) {
			warnings.push({
				code: 'model-git-ignored',
				message: `${model.path} is in .gitignore, so a server that clones your repository will not have it. Commit it (or Git LFS), or download it at start-up.`,
			});
		}
	}

	if (!isGitIgnored(gitRules, '.env')) {
		warnings.push({code: 'env-not-git-ignored', message: '.env is not in .gitignore: add a line ".env" so your secrets are never committed.'});
	}

	if (!dependencies.file) {
		warnings.push({
			code: 'no-dependency-file',
			message: 'No requirements.txt, pyproject.toml or Pipfile found: the image gets only the web framework and server. List your libraries in requirements.txt (pip freeze > requirements.txt).',
		});
	} else if (dependencies.poetryOnly) {
		warnings.push({
			code: 'poetry-only',
			message: 'pyproject.toml lists dependencies only for Poetry: export them with "poetry export -o requirements.txt" so the image installs them.',
		});
	}

	if (dependencies.localInstall) {
		warnings.push({
			code: 'local-install-in-requirements',
			message: 'requirements.txt installs your project itself ("-e ." or a path): the image installs dependencies before your code is copied, so remove that line (the code is copied anyway).',
		});
	}

	if (!source.appModule) {
		warnings.push({code: 'no-app-found', message: 'No "app = FastAPI()" or "app = Flask(__name__)" found: check the assumed app object (module:object, like main:app) and correct it if yours differs.'});
	}

	if (!source.healthPath) {
		warnings.push({
			code: 'no-health-route',
			message: 'No health route found: add one that answers 200 (like @app.get("/health")), or the container will be reported unhealthy.',
		});
	}

	const compose = composeNames.find(name => has(name));
	if (compose && compose !== 'compose.yaml') {
		warnings.push({
			code: 'old-compose-file',
			message: `You have ${compose}; the wizard writes compose.yaml, which docker compose prefers. Compare them, then remove ${compose}.`,
		});
	}

	return {
		dependencies,
		framework,
		appModule: source.appModule,
		port,
		healthPath: source.healthPath,
		pythonVersion: detectPythonVersion(directory),
		models,
		environmentVariables: source.environmentVariables,
		existing: {dockerfile: has('Dockerfile'), dockerignore: has('.dockerignore'), compose, caddyfile: has('Caddyfile')},
		warnings,
	};
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
