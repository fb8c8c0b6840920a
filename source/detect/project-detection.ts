// What the wizard learned by reading a project. Plain data, so it can be shown, saved as
// step facts and compared in tests.

export type Framework = 'fastapi' | 'flask';

/** How the project says what it installs: the Dockerfile installs it the same way. */
export type DependencyTool = 'pip' | 'poetry' | 'uv' | 'pdm' | 'pep621' | 'pipenv';

export type PinnedPackage = {name: string; version: string};

export type Dependencies = {
	/** The file the Dockerfile installs from (relative path); undefined when the project has none. */
	file: string | undefined;
	tool: DependencyTool | undefined;
	/** The lock file the tool installs from, copied next to `file` (poetry.lock, uv.lock...). */
	lockFile?: string;
	/** Lower-cased distribution names, without versions or extras. */
	packages: string[];
	/** Exact pins (==), which decide which Python can install them. */
	pins: PinnedPackage[];
	/** Other requirement files that the requirements file pulls in (-r / -c), copied with it. */
	includes: string[];
	/** The requirements file installs the project itself (-e . or a local path). */
	localInstall: boolean;
};

/**
 * optional: read with a default everywhere (os.getenv("X", "..."), a settings field with a
 * value), so leaving it unset is fine. source: the file where it was first found.
 */
export type EnvironmentVariable = {name: string; optional: boolean; source?: string};

/**
 * git: an ordinary file. dvc: tracked by DVC (a .dvc file or dvc.yaml names it), so a clone
 * lacks it. git-lfs: stored with Git LFS. lfs-pointer: only the LFS pointer is here, not the model.
 */
export type ModelStorage = 'git' | 'dvc' | 'git-lfs' | 'lfs-pointer';

export type ModelFile = {path: string; bytes: number; storage: ModelStorage};

export type Detected<Value> = {value: Value; source: string};

/** One route the app serves, with its router and blueprint prefixes applied. */
export type Route = {path: string; methods: string[]; source: string};

export type HealthCheck =
	/** GET this path; 2xx means healthy. */
	| {kind: 'route'; path: string; source: string}
	/** No GET route at all: check that the port accepts connections. */
	| {kind: 'port'; source: string};

/** A command that starts the app, read from one of the project's own files. */
export type ServerCommand = {
	text: string;
	server: 'gunicorn' | 'uvicorn' | 'flask' | 'python' | 'other';
	/** module:object as the server was given it (a factory keeps its "()"). */
	target?: string;
	factory: boolean;
	host?: string;
	port?: number;
	/** Reads $PORT (with this default, if any). */
	portVariable: boolean;
	/** --chdir / --app-dir / --pythonpath. */
	appDirectory?: string;
	reload: boolean;
};

/** The project's own container recipe, when it has one: the wizard builds with it, never replaces it. */
export type OwnDockerfile = {
	/** Dockerfile, or dockerfile (docker reads that too). */
	path: string;
	fromImage?: string;
	exposed?: number;
	command?: ServerCommand;
	/** The image has its own HEALTHCHECK. */
	healthcheck: boolean;
	/** USER of the final stage (undefined: root). */
	user?: string;
	/** The final WORKDIR, and where `COPY . X` puts the code. */
	workdir: string;
};

/** Files of the project that the wizard reads and keeps: what each says about running the app. */
export type OwnFiles = {
	dockerfile?: OwnDockerfile;
	dockerignore?: string;
	procfile?: {path: string; web?: ServerCommand};
	herokuYml?: {path: string; dockerfile?: string; run?: ServerCommand};
	/** A compose file of the project's own (not one the wizard wrote). */
	compose?: {path: string; containerPort?: number; hostPort?: number; healthcheck: boolean; /** A port published on every interface, past Caddy. */ public: boolean};
	caddyfile?: string;
};

export type WarningCode =
	| 'bound-to-localhost' | 'debug-mode' | 'model-too-large-for-git' | 'model-large' | 'model-git-ignored'
	| 'model-dvc' | 'model-git-lfs' | 'model-lfs-pointer'
	| 'env-not-git-ignored' | 'private-key-in-project' | 'no-dependency-file' | 'no-app-found' | 'factory-needs-arguments' | 'no-health-route'
	| 'old-compose-file' | 'local-install-in-requirements' | 'sklearn-package' | 'psycopg2-needs-compiler'
	| 'python-end-of-life' | 'python-too-new-for-pins' | 'writes-next-to-code'
	| 'dockerfile-dev-server' | 'dockerfile-reload' | 'dockerfile-localhost' | 'env-in-image' | 'compose-public-port';

export type DetectionWarning = {code: WarningCode; message: string};

export type ProjectDetection = {
	dependencies: Dependencies;
	framework?: Detected<Framework>;
	/** module:object for the server, like main:app; a factory is module:function(), like app:create_app(). */
	appModule?: Detected<string>;
	/** The folder the app's imports start from ('' for the project folder itself). */
	appDirectory?: Detected<string>;
	port?: Detected<number>;
	/** Every route found, sorted by path. */
	routes: Route[];
	health: HealthCheck;
	/** The health route, when there is one (kept for the wizard's question). */
	healthPath?: Detected<string>;
	pythonVersion?: Detected<string>;
	models: ModelFile[];
	/** What the app reads from the environment, for .env.example. */
	environmentVariables: EnvironmentVariable[];
	/** Files (relative to the app's working folder) the app writes next to its code. */
	writtenFiles: string[];
	own: OwnFiles;
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
};

/** The --health-path answer that means "no route: check the port". */
export const portHealthCheck = 'none';
