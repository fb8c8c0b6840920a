// What the wizard learned by reading a project. Plain data, so it can be shown, saved as
// step facts and compared in tests.

export type Framework = 'fastapi' | 'flask';

export type DependencyFile = 'requirements.txt' | 'pyproject.toml' | 'Pipfile';

export type Dependencies = {
	/** The file the Dockerfile installs from; undefined when the project has none. */
	file: DependencyFile | undefined;
	/** Lower-cased distribution names, without versions or extras. */
	packages: string[];
	/** pyproject.toml lists its dependencies only for Poetry, which the Dockerfile cannot read. */
	poetryOnly: boolean;
	pipfileLock: boolean;
	/** Other requirement files that requirements.txt pulls in (-r / -c), copied with it. */
	includes: string[];
	/** requirements.txt installs the project itself (-e . or a local path). */
	localInstall: boolean;
};

/**
 * optional: read with a default everywhere (os.getenv("X", "..."), a settings field with a
 * value), so leaving it unset is fine. source: the file where it was first found.
 */
export type EnvironmentVariable = {name: string; optional: boolean; source?: string};

export type ModelFile = {path: string; bytes: number};

export type Detected<Value> = {value: Value; source: string};

export type DetectionWarning = {
	code: 'bound-to-localhost' | 'debug-mode' | 'model-too-large-for-git' | 'model-large' | 'model-git-ignored'
		| 'env-not-git-ignored' | 'no-dependency-file' | 'poetry-only' | 'no-app-found' | 'no-health-route'
		| 'old-compose-file' | 'local-install-in-requirements';
	message: string;
};

export type ProjectDetection = {
	dependencies: Dependencies;
	framework?: Detected<Framework>;
	/** module:object for the server, like main:app. */
	appModule?: Detected<string>;
	port?: Detected<number>;
	healthPath?: Detected<string>;
	pythonVersion?: Detected<string>;
	models: ModelFile[];
	/** What the app reads from the environment, for .env.example. */
	environmentVariables: EnvironmentVariable[];
	existing: {
		dockerfile: boolean;
		dockerignore: boolean;
		compose?: string;
		caddyfile: boolean;
	};
	warnings: DetectionWarning[];
};

/** What the files assume when detection finds nothing, so defaults and messages agree. */
export const fallbacks = {
	framework: 'fastapi' as Framework,
	appModule: (framework: Framework) => (framework === 'flask' ? 'app:app' : 'main:app'),
	pythonVersion: '3.12',
	port: 8000,
	healthPath: '/health',
};
