import type {AppTarget} from './app-target.js';
import {healthRouteSnippet} from './health-check.js';
import {fallbacks, type DetectionWarning, type ProjectDetection} from './project-detection.js';
import {readProjectFile} from './project-files.js';
import {compareVersions, newestPythonFor, pastEndOfLife} from './python-support.js';
import type {AppSourceFindings} from './read-app-source.js';

const megabyte = 1024 * 1024;
/** GitHub rejects pushes with files above 100 MB and warns from 50 MB. */
const gitHardLimit = 100 * megabyte;
const gitSoftLimit = 50 * megabyte;

export function formatSize(bytes: number): string {
	return bytes >= megabyte ? `${(bytes / megabyte).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export type WarningContext = {
	source: AppSourceFindings;
	app?: AppTarget;
	/** Paths git ignores, among .env, the private keys and the models. */
	ignored: Set<string>;
	/** Files of the project that hold a private key. */
	privateKeys: readonly string[];
	written: Array<{file: string; source: string}>;
	today: Date;
};

function modelWarnings(detection: ProjectDetection, ignored: Set<string>): DetectionWarning[] {
	return detection.models.flatMap((model): DetectionWarning[] => {
		switch (model.storage) {
			case 'dvc': {
				return [{code: 'model-dvc', message: `${model.path} is tracked by DVC, not git: a clone of the repository (the server's) does not have it. Run "dvc pull" before building; the generated Dockerfile stops the build with that advice while it is missing.`}];
			}

			case 'lfs-pointer': {
				return [{code: 'model-lfs-pointer', message: `${model.path} is only a Git LFS pointer here, not the model: run "git lfs pull" before building, or the image gets the pointer.`}];
			}

			case 'git-lfs': {
				return [{code: 'model-git-lfs', message: `${model.path} is stored with Git LFS: a server that clones the repository needs git-lfs ("git lfs install", then "git lfs pull" after cloning), or it builds with a pointer file instead of the model.`}];
			}

			case 'git': {
				const warnings: DetectionWarning[] = [];
				if (model.bytes > gitHardLimit) {
					warnings.push({code: 'model-too-large-for-git', message: `${model.path} is ${formatSize(model.bytes)}: GitHub refuses files over 100 MB. Use Git LFS, or download the model when the container starts.`});
				} else if (model.bytes > gitSoftLimit) {
					warnings.push({code: 'model-large', message: `${model.path} is ${formatSize(model.bytes)}: GitHub warns above 50 MB and every clone gets slower. Consider Git LFS.`});
				}

				if (ignored.has(model.path)) {
					warnings.push({code: 'model-git-ignored', message: `${model.path} is ignored by git, so a server that clones your repository will not have it. Commit it (or use Git LFS), or download it at start-up.`});
				}

				return warnings;
			}
		}
	});
}

function pythonWarnings(detection: ProjectDetection, today: Date): DetectionWarning[] {
	const version = detection.pythonVersion?.value ?? fallbacks.pythonVersion;
	const warnings: DetectionWarning[] = [];
	const ended = pastEndOfLife(version, today);
	if (ended) {
		warnings.push({code: 'python-end-of-life', message: `Python ${version} reached its end of life on ${ended}: it gets no security fixes. Move to a newer Python when you can (then change ${detection.pythonVersion?.source ?? 'the "Python version" answer, or --python'}).`});
	}

	const tooOld = detection.dependencies.pins.filter(pin => {
		const newest = newestPythonFor(pin);
		return newest !== undefined && compareVersions(version, newest) > 0;
	});
	if (tooOld.length > 0) {
		warnings.push({code: 'python-too-new-for-pins', message: `${tooOld.map(pin => `${pin.name}==${pin.version}`).join(', ')} in ${detection.dependencies.file} cannot be installed on Python ${version} (no wheels for it): the build would fail. Pin newer versions, or choose an older Python (the "Python version" answer, or --python).`});
	}

	return warnings;
}

function ownFileWarnings(detection: ProjectDetection, directory: string): DetectionWarning[] {
	const warnings: DetectionWarning[] = [];
	const {dockerfile, compose} = detection.own;
	const command = dockerfile?.command;
	if (dockerfile && command) {
		if (command.server === 'flask' || (command.server === 'python' && detection.framework?.value === 'flask')) {
			warnings.push({code: 'dockerfile-dev-server', message: `${dockerfile.path} starts Flask's development server (${command.text}): it serves one request at a time and is not meant for production. Use gunicorn, like CMD ["gunicorn", "--bind", "0.0.0.0:${detection.port?.value ?? 8000}", "${detection.appModule?.value ?? 'app:app'}"].`});
		}

		if (command.reload) {
			warnings.push({code: 'dockerfile-reload', message: `${dockerfile.path} starts the server with --reload, which watches files for development and costs CPU in production: remove it.`});
		}

		if (command.host === '127.0.0.1' || command.host === 'localhost') {
			warnings.push({code: 'dockerfile-localhost', message: `${dockerfile.path} binds the server to ${command.host}: nothing outside the container can reach it. Bind 0.0.0.0.`});
		}

		const ignore = readProjectFile(directory, '.dockerignore');
		if (ignore !== undefined && !/^\s*(?:\/?\.env\*?|\*)\s*$/m.test(ignore)) {
			warnings.push({code: 'env-in-image', message: '.dockerignore does not leave out .env: your secrets would be copied into the image. Add a line ".env".'});
		}
	}

	if (compose?.public) {
		warnings.push({code: 'compose-public-port', message: `${compose.path} publishes the app on every interface of the server: it would be reachable around Caddy, without HTTPS. Publish it on 127.0.0.1 only ("127.0.0.1:${compose.hostPort ?? 8000}:${compose.containerPort ?? 8000}").`});
	}

	if (compose && compose.path !== 'compose.yaml') {
		warnings.push({code: 'old-compose-file', message: `You have ${compose.path}; the wizard writes compose.yaml, which docker compose uses when both exist (yours was read for the port). Compare them, then remove ${compose.path}.`});
	}

	return warnings;
}

function dependencyWarnings(detection: ProjectDetection): DetectionWarning[] {
	const {dependencies} = detection;
	const warnings: DetectionWarning[] = [];
	if (!dependencies.file) {
		warnings.push({code: 'no-dependency-file', message: 'No requirements.txt, pyproject.toml or Pipfile found: the image gets only the web framework and server. List your libraries in requirements.txt (pip freeze > requirements.txt).'});
	}

	if (dependencies.localInstall) {
		warnings.push({code: 'local-install-in-requirements', message: `${dependencies.file} installs your project itself ("-e ." or a path): the image installs dependencies before your code is copied, so remove that line (the code is copied anyway).`});
	}

	if (dependencies.packages.includes('sklearn')) {
		warnings.push({code: 'sklearn-package', message: `${dependencies.file} lists "sklearn", a deprecated name that pip refuses to install: write "scikit-learn" instead.`});
	}

	if (dependencies.packages.includes('psycopg2')) {
		warnings.push({code: 'psycopg2-needs-compiler', message: `${dependencies.file} lists psycopg2, which compiles against PostgreSQL's headers: the slim image has neither them nor a compiler, so the build fails. Use psycopg2-binary (or psycopg[binary]).`});
	}

	return warnings;
}

/** The traps worth a warning, in the order a person should fix them. */
export function projectWarnings(detection: ProjectDetection, context: WarningContext, directory: string): DetectionWarning[] {
	const {source, app, ignored, written, today} = context;
	const warnings: DetectionWarning[] = [];
	for (const file of source.boundToLocalhost) {
		warnings.push({code: 'bound-to-localhost', message: `${file} binds the app to 127.0.0.1: inside a container nothing could reach it. The generated Dockerfile starts it on 0.0.0.0 instead; do the same if you start it yourself.`});
	}

	for (const file of source.debugMode) {
		warnings.push({code: 'debug-mode', message: `${file} switches on debug mode: in production it shows your code to anyone who triggers an error. Turn it off, or read it from an environment variable.`});
	}

	warnings.push(...modelWarnings(detection, ignored));
	for (const key of context.privateKeys) {
		const committable = ignored.has(key) ? '' : ' git does not ignore it, so a commit of everything would put it on your git host, and';
		warnings.push({code: 'private-key-in-project', message: `${key} is a private key inside your project:${committable} whoever can read the project or an image built from it can use the key. Move it out (keys belong in ~/.ssh), and if it was ever committed or shared, make a new key and remove the old one where it is trusted.`});
	}

	if (!ignored.has('.env')) {
		warnings.push({code: 'env-not-git-ignored', message: '.env is not ignored by git: add a line ".env" to .gitignore so your secrets are never committed.'});
	}

	warnings.push(...dependencyWarnings(detection), ...pythonWarnings(detection, today));
	if (!detection.appModule) {
		warnings.push({code: 'no-app-found', message: 'No "app = FastAPI()" or "app = Flask(__name__)" found: check the assumed app object (module:object, like main:app) and correct it: the "App object" answer in the wizard, --app-module for generate.'});
	} else if (app?.factoryNeedsArguments) {
		warnings.push({code: 'factory-needs-arguments', message: `${app.target} needs arguments, but the server calls it without any: give its parameters defaults (read them from the environment), or add a module with app = ${app.target.split(':')[1]!.replace('()', '(...)')}.`});
	}

	// Without an app found at all, the warning above says what matters; routes come after.
	if (detection.appModule && (detection.health.kind === 'port' || detection.healthPath?.value.endsWith('openapi.json'))) {
		const meanwhile = detection.health.kind === 'port' ? 'Meanwhile the checks only see whether the port accepts connections.' : `Meanwhile the checks use ${detection.healthPath!.value}, which FastAPI serves by itself.`;
		warnings.push({code: 'no-health-route', message: `No health route found. Add one that answers 200, in ${app?.file ?? 'the file that makes the app'}:\n${healthRouteSnippet(app?.objectName ?? 'app')}\n${meanwhile}`});
	}

	if (written.length > 0) {
		const user = detection.own.dockerfile ? `Your ${detection.own.dockerfile.path} runs it as ${detection.own.dockerfile.user ?? 'root'}` : 'The image runs it as an ordinary user, so the generated Dockerfile makes that folder writable';
		warnings.push({code: 'writes-next-to-code', message: `The app writes ${written.map(entry => `${entry.file} (${entry.source})`).join(', ')} next to its code. ${user}; but whatever is written there is lost at every rebuild. Keep such files under data/ (the volume /app/data, kept across deploys), for example a path read from an environment variable.`});
	}

	warnings.push(...ownFileWarnings(detection, directory));
	return warnings;
}
