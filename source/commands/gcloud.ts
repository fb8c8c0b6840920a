// gcloud argv builders. Pure: each returns the exact argv the wizard runs, so tests and
// the dry run see the same commands. A scope says who runs the command: the person's own
// login (neither field), the deployer through impersonation (`impersonate`: short-lived
// tokens, no key), or the wizard's own configuration logged in with the deployer's key file
// (`configuration`, the fallback), without touching the person's default configuration.
// Service accounts and the grants between them are in gcloud-iam.ts.

export type GcloudScope = {project: string; configuration?: string; impersonate?: string};

export function scoped(argv: string[], scope: GcloudScope): string[] {
	return [
		...argv,
		`--project=${scope.project}`,
		...(scope.configuration ? [`--configuration=${scope.configuration}`] : []),
		...(scope.impersonate ? [`--impersonate-service-account=${scope.impersonate}`] : []),
	];
}

export const gcloudVersion = (): string[] => ['gcloud', '--version'];

export const gcloudActiveAccount = (): string[] => ['gcloud', 'auth', 'list', '--filter=status:ACTIVE', '--format=value(account)'];

/** The account a configuration runs as (set by activate-service-account). */
export const configuredAccount = (configuration: string): string[] => ['gcloud', 'config', 'get-value', 'account', `--configuration=${configuration}`];

export const describeProject = (project: string): string[] => ['gcloud', 'projects', 'describe', project, '--format=value(projectId)'];

export const createProject = (project: string): string[] => ['gcloud', 'projects', 'create', project];

export const deleteProject = (project: string): string[] => ['gcloud', 'projects', 'delete', project, '--quiet'];

export const billingEnabled = (project: string): string[] => ['gcloud', 'billing', 'projects', 'describe', project, '--format=value(billingEnabled)'];

export const enableServices = (project: string, services: readonly string[]): string[] => [
	'gcloud',
	'services',
	'enable',
	...services,
	`--project=${project}`,
];

export const describeConfiguration = (name: string): string[] => ['gcloud', 'config', 'configurations', 'describe', name];

/** --no-activate: the person's own active configuration stays as it was. */
export const createConfiguration = (name: string): string[] => ['gcloud', 'config', 'configurations', 'create', name, '--no-activate'];

export const deleteConfiguration = (name: string): string[] => ['gcloud', 'config', 'configurations', 'delete', name, '--quiet'];

export const setConfigValue = (property: string, value: string, configuration: string): string[] => [
	'gcloud',
	'config',
	'set',
	property,
	value,
	`--configuration=${configuration}`,
];

export const registryHost = (region: string): string => `${region}-docker.pkg.dev`;

export const imageName = (region: string, project: string, repository: string, service: string): string =>
	`${registryHost(region)}/${project}/${repository}/${service}`;

export const describeRepository = (repository: string, region: string, project: string): string[] => [
	'gcloud',
	'artifacts',
	'repositories',
	'describe',
	repository,
	`--location=${region}`,
	`--project=${project}`,
];

export const createRepository = (repository: string, region: string, project: string): string[] => [
	'gcloud',
	'artifacts',
	'repositories',
	'create',
	repository,
	'--repository-format=docker',
	`--location=${region}`,
	`--project=${project}`,
];

export const configureDocker = (region: string): string[] => ['gcloud', 'auth', 'configure-docker', registryHost(region), '--quiet'];

export const describeImage = (image: string, scope: GcloudScope): string[] =>
	scoped(['gcloud', 'artifacts', 'docker', 'images', 'describe', image], scope);

export const deleteImage = (image: string, scope: GcloudScope): string[] =>
	scoped(['gcloud', 'artifacts', 'docker', 'images', 'delete', image, '--delete-tags', '--quiet'], scope);

export type CloudRunDeployOptions = {
	service: string;
	image: string;
	region: string;
	memory: string;
	cpu: string;
	minInstances: number;
	maxInstances: number;
	port: number;
	public: boolean;
	/** The service's own runtime account; without it Cloud Run uses the Compute Engine default (often Editor). */
	serviceAccount: string;
	/** Plain settings (never secrets: they are shown in the command). */
	environment?: ReadonlyArray<readonly [string, string]>;
	/** Variable name -> Secret Manager secret id; the service reads the latest version at start-up. */
	secrets?: ReadonlyArray<readonly [string, string]>;
};

// Delimiters tried in turn for a list whose values hold commas (see `gcloud topic escaping`).
const delimiters = ['@', '|', '~', '#', '+', ';', ':'];

/**
 * `NAME=value` pairs as one gcloud dict argument. Values may hold commas (gcloud's own
 * separator), so then the list starts with ^D^ and uses a delimiter D found in no pair.
 */
export function dictArgument(pairs: ReadonlyArray<readonly [string, string]>): string {
	const items = pairs.map(([name, value]) => `${name}=${value}`);
	if (!items.some(item => item.includes(','))) {
		return items.join(',');
	}

	let delimiter = delimiters.find(candidate => !items.some(item => item.includes(candidate)));
	// Every single character is taken: a run of @ longer than any in the values is not.
	for (let length = 2; delimiter === undefined; length++) {
		const candidate = '@'.repeat(length);
		delimiter = items.some(item => item.includes(candidate)) ? undefined : candidate;
	}

	return `^${delimiter}^${items.join(delimiter)}`;
}

export const deployService = (options: CloudRunDeployOptions, scope: GcloudScope): string[] =>
	scoped(
		[
			'gcloud',
			'run',
			'deploy',
			options.service,
			`--image=${options.image}`,
			`--region=${options.region}`,
			`--memory=${options.memory}`,
			`--cpu=${options.cpu}`,
			`--min-instances=${options.minInstances}`,
			`--max-instances=${options.maxInstances}`,
			`--port=${options.port}`,
			`--service-account=${options.serviceAccount}`,
			options.public ? '--allow-unauthenticated' : '--no-allow-unauthenticated',
			// Update, never set: settings given earlier (or by hand in the console) stay.
			...(options.environment && options.environment.length > 0 ? [`--update-env-vars=${dictArgument(options.environment)}`] : []),
			...(options.secrets && options.secrets.length > 0 ? [`--update-secrets=${options.secrets.map(([name, id]) => `${name}=${id}:latest`).join(',')}`] : []),
			'--quiet',
		],
		scope,
	);

export const describeSecret = (id: string, scope: GcloudScope): string[] => scoped(['gcloud', 'secrets', 'describe', id, '--format=value(name)'], scope);

/** An empty secret (no version yet); the value is added next, on standard input. */
export const createSecret = (id: string, scope: GcloudScope): string[] =>
	scoped(['gcloud', 'secrets', 'create', id, '--replication-policy=automatic'], scope);

/** `--data-file=-`: the value is read from standard input, so it is never in any argv. */
export const addSecretVersion = (id: string, scope: GcloudScope): string[] =>
	scoped(['gcloud', 'secrets', 'versions', 'add', id, '--data-file=-'], scope);

export const deleteSecret = (id: string, scope: GcloudScope): string[] => scoped(['gcloud', 'secrets', 'delete', id, '--quiet'], scope);

/** Lets `member` read this one secret (not every secret in the project). Safe to repeat. */
export const addSecretAccessor = (id: string, member: string, scope: GcloudScope): string[] =>
	scoped(['gcloud', 'secrets', 'add-iam-policy-binding', id, `--member=${member}`, '--role=roles/secretmanager.secretAccessor', '--condition=None', '--format=none'], scope);

export const describeService = (service: string, region: string, scope: GcloudScope, format?: string): string[] =>
	scoped(['gcloud', 'run', 'services', 'describe', service, `--region=${region}`, ...(format ? [`--format=${format}`] : [])], scope);

/** The service's latest log lines, as the person would type it (their own login, no configuration). */
export const readServiceLogs = (service: string, region: string, project: string, limit = 50): string[] => [
	'gcloud',
	'run',
	'services',
	'logs',
	'read',
	service,
	`--region=${region}`,
	`--project=${project}`,
	`--limit=${limit}`,
];

export const listServices = (region: string, scope: GcloudScope): string[] => scoped(['gcloud', 'run', 'services', 'list', `--region=${region}`], scope);

export const deleteService = (service: string, region: string, scope: GcloudScope): string[] =>
	scoped(['gcloud', 'run', 'services', 'delete', service, `--region=${region}`, '--quiet'], scope);

export const addInvoker = (service: string, region: string, member: string, scope: GcloudScope): string[] =>
	scoped(
		['gcloud', 'run', 'services', 'add-iam-policy-binding', service, `--region=${region}`, `--member=${member}`, '--role=roles/run.invoker', '--format=none'],
		scope,
	);

export type SchedulerJob = {
	name: string;
	region: string;
	schedule: string;
	uri: string;
	/** GET unless the cron entry asked for POST. */
	method?: 'GET' | 'POST';
	/** Set for a private service: Cloud Scheduler signs each call with this account's identity token. */
	oidcServiceAccount?: string;
	audience?: string;
};

function jobFlags(job: SchedulerJob): string[] {
	return [
		`--location=${job.region}`,
		`--schedule=${job.schedule}`,
		'--time-zone=Etc/UTC',
		`--uri=${job.uri}`,
		`--http-method=${job.method ?? 'GET'}`,
		...(job.oidcServiceAccount ? [`--oidc-service-account-email=${job.oidcServiceAccount}`, `--oidc-token-audience=${job.audience ?? job.uri}`] : []),
	];
}

export const describeJob = (name: string, region: string, scope: GcloudScope): string[] =>
	scoped(['gcloud', 'scheduler', 'jobs', 'describe', name, `--location=${region}`], scope);

export const createJob = (job: SchedulerJob, scope: GcloudScope): string[] =>
	scoped(['gcloud', 'scheduler', 'jobs', 'create', 'http', job.name, ...jobFlags(job)], scope);

export const updateJob = (job: SchedulerJob, scope: GcloudScope): string[] =>
	scoped(['gcloud', 'scheduler', 'jobs', 'update', 'http', job.name, ...jobFlags(job)], scope);

export const deleteJob = (name: string, region: string, scope: GcloudScope): string[] =>
	scoped(['gcloud', 'scheduler', 'jobs', 'delete', name, `--location=${region}`, '--quiet'], scope);
