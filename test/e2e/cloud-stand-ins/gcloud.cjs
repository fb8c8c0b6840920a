// STAND-IN for gcloud (no Google backend can run here). It answers like a fresh account
// would and refuses what the real CLI refuses where it matters: an API used before it is
// enabled (gcloud would ask "enable and retry? (y/N)", which no script can answer), billing
// missing, a key under an organisation policy that forbids keys (gcloud's own error text), a
// grant or an impersonated call before IAM has caught up (see iam.cjs), a deploy whose
// runtime account may not read its secrets, a job whose identity the deployer may not use.
'use strict';
const fs = require('node:fs');
const {parse, ok, begin, readStdin} = require('./common.cjs');
const {touchAccounts, grant, allowed, impersonate} = require('./iam.cjs');

const argv = process.argv.slice(2);
const {world, done, stop} = begin('gcloud', argv);
const gcloud = world.gcloud;
const {flags, positionals} = parse(argv);
const words = positionals.join(' ');
// The command's name in gcloud's error lines: "(gcloud.run.deploy)".
const verbs = new Set(['run', 'deploy', 'services', 'describe', 'list', 'delete', 'add-iam-policy-binding', 'logs', 'read', 'scheduler', 'jobs', 'create', 'update', 'http', 'iam', 'service-accounts', 'keys', 'secrets', 'versions', 'add', 'artifacts', 'repositories', 'docker', 'images', 'projects', 'billing', 'config', 'configurations', 'get-value', 'set', 'auth', 'configure-docker', 'activate-service-account', 'enable']);
const command = ['gcloud', ...positionals.slice(0, positionals.findIndex(word => !verbs.has(word)) === -1 ? undefined : positionals.findIndex(word => !verbs.has(word)))].join('.');

const refuse = text => stop(text.startsWith('ERROR') ? text : `ERROR: (${command}) ${text}`);

const apis = {run: 'run.googleapis.com', artifacts: 'artifactregistry.googleapis.com', scheduler: 'cloudscheduler.googleapis.com', secrets: 'secretmanager.googleapis.com', iam: 'iam.googleapis.com'};

function project(id = flags.project) {
	const found = gcloud.projects[id];
	if (!found) {
		refuse(`NOT_FOUND: Project [${id}] not found or you do not have permission to access it.`);
	}

	const api = apis[positionals[0]];
	if (api && !found.services.includes(api)) {
		refuse(`API [${api}] not enabled on project [${found.number}]. Would you like to enable and retry (this will take a few minutes)? (y/N)?  \nERROR: (${command}) API [${api}] is not enabled on project [${found.number}]; gcloud cannot ask without a terminal.`);
	}

	return found;
}

/** Who runs this command: the deployer through impersonation or a key's configuration, else the person. */
function caller() {
	if (!gcloud.account) {
		refuse('You do not currently have an active account selected. Please run: gcloud auth login');
	}

	if (typeof flags['impersonate-service-account'] === 'string') {
		const problem = impersonate(gcloud, flags['impersonate-service-account'], command);
		if (problem) {
			refuse(problem);
		}

		return flags['impersonate-service-account'];
	}

	if (typeof flags.configuration === 'string') {
		const configuration = gcloud.configurations[flags.configuration];
		if (!configuration?.account) {
			refuse(`ERROR: (gcloud) The configuration [${flags.configuration}] has no active account.`);
		}

		return configuration.account;
	}

	return gcloud.account;
}

function needs(id, who, resource, role, permission) {
	const answer = allowed(gcloud, id, who, resource, role);
	if (answer !== true) {
		refuse(`PERMISSION_DENIED: Permission '${permission}' denied on resource '${resource}' (or it may not exist).`);
	}
}

function actAs(id, who, account) {
	const known = touchAccounts(gcloud, [account]);
	if (known?.missing) {
		refuse(`INVALID_ARGUMENT: Service account ${account} does not exist.`);
	}

	const answer = known ? false : allowed(gcloud, id, who, `account:${account}`, 'roles/iam.serviceAccountUser');
	if (answer !== true) {
		refuse(`PERMISSION_DENIED: Permission 'iam.serviceaccounts.actAs' denied on service account ${account} (or it may not exist).`);
	}
}

/** A binding naming `memberFlag`: the account must exist and be known; then it is recorded. */
function bind(id, resource) {
	const who = flags.member;
	const account = who.startsWith('serviceAccount:') ? who.slice('serviceAccount:'.length) : undefined;
	const known = account ? touchAccounts(gcloud, [account]) : undefined;
	if (known) {
		refuse(`INVALID_ARGUMENT: Service account ${account} does not exist.`);
	}

	grant(gcloud, id, resource, who, flags.role);
	done('');
}

function serviceAccountCommand() {
	const email = positionals[3];
	const found = project();
	if (words.startsWith('iam service-accounts describe')) {
		return found.accounts[email] ? done(`email: ${email}`) : refuse(`NOT_FOUND: Unknown service account`);
	}

	if (words.startsWith('iam service-accounts create')) {
		const created = `${positionals[3]}@${flags.project}.iam.gserviceaccount.com`;
		if (found.accounts[created]) {
			refuse(`ALREADY_EXISTS: Service account ${created} already exists within project projects/${flags.project}.`);
		}

		found.accounts[created] = {unseen: gcloud.settle, displayName: flags['display-name']};
		return done(`Created service account [${positionals[3]}].`);
	}

	if (words.startsWith('iam service-accounts delete')) {
		delete found.accounts[email];
		found.bindings = found.bindings.filter(binding => binding.resource !== `account:${email}`);
		return done(`deleted service account [${email}]`);
	}

	if (words.startsWith('iam service-accounts add-iam-policy-binding')) {
		const target = positionals[3];
		const known = touchAccounts(gcloud, [target]);
		if (known) {
			refuse('PERMISSION_DENIED: Permission \'iam.serviceAccounts.getIamPolicy\' denied on resource (or it may not exist).');
		}

		return bind(flags.project, `account:${target}`);
	}

	if (words.startsWith('iam service-accounts keys create')) {
		const keyPath = positionals[4];
		const account = flags['iam-account'];
		// Like the real CLI, the file is opened before the key is asked for: a refusal leaves it empty.
		fs.writeFileSync(keyPath, '');
		if (gcloud.orgPolicyBlocksKeys) {
			refuse([
				`ERROR: (gcloud.iam.service-accounts.keys.create) FAILED_PRECONDITION: Key creation is not allowed on this service account.`,
				'- \'@type\': type.googleapis.com/google.rpc.PreconditionFailure',
				'  violations:',
				'  - description: Key creation is not allowed on this service account.',
				`    subject: projects/${flags.project}/serviceAccounts/${account}?configvalue=${account}`,
				'    type: constraints/iam.disableServiceAccountKeyCreation',
			].join('\n'));
		}

		fs.writeFileSync(keyPath, JSON.stringify({type: 'service_account', client_email: account, private_key: 'STAND-IN-KEY-MATERIAL'}));
		return done(`created key [0123abcd] of type [json] as [${keyPath}] for [${account}]`);
	}

	refuse(`stand-in gcloud does not know: ${words}`);
}

function secretsCommand() {
	const found = project();
	const id = positionals[1] === 'versions' ? positionals[3] : positionals[2];
	const secret = found.secrets[id];
	if (words.startsWith('secrets create')) {
		if (secret) {
			refuse(`ALREADY_EXISTS: Secret [projects/${found.number}/secrets/${id}] already exists.`);
		}

		found.secrets[id] = {versions: []};
		return done(`Created secret [${id}].`);
	}

	if (!secret) {
		refuse(`NOT_FOUND: Secret [projects/${found.number}/secrets/${id}] not found or has no versions.`);
	}

	if (words.startsWith('secrets versions add')) {
		secret.versions.push(readStdin());
		return done(`Created version [${secret.versions.length}] of the secret [${id}].`);
	}

	if (words.startsWith('secrets describe')) {
		return done(`projects/${found.number}/secrets/${id}`);
	}

	if (words.startsWith('secrets delete')) {
		delete found.secrets[id];
		found.bindings = found.bindings.filter(binding => binding.resource !== `secret:${id}`);
		return done(`Deleted secret [${id}].`);
	}

	if (words.startsWith('secrets add-iam-policy-binding')) {
		return bind(flags.project, `secret:${id}`);
	}

	refuse(`stand-in gcloud does not know: ${words}`);
}

function deploy(found, who) {
	const name = positionals[2];
	needs(flags.project, who, `namespaces/${flags.project}/services/${name}`, 'roles/run.admin', 'run.services.get');
	const runtime = flags['service-account'] ?? `${found.number}-compute@developer.gserviceaccount.com`;
	if (flags['service-account']) {
		actAs(flags.project, who, runtime);
	}

	if (!found.images.includes(flags.image)) {
		refuse(`Image '${flags.image}' not found.`);
	}

	for (const reference of typeof flags['update-secrets'] === 'string' ? flags['update-secrets'].split(',') : []) {
		const id = reference.split('=')[1].split(':')[0];
		const readable = found.secrets[id] && found.secrets[id].versions.length > 0 && allowed({...gcloud, account: undefined}, flags.project, runtime, `secret:${id}`, 'roles/secretmanager.secretAccessor') === true;
		if (!readable) {
			refuse(`spec.template.spec.containers[0].env.value_from.secret_key_ref.name: Permission denied on secret: projects/${found.number}/secrets/${id}/versions/latest for Revision service account ${runtime}. The service account used must be granted the 'Secret Manager Secret Accessor' role (roles/secretmanager.secretAccessor) at the secret, project or higher level.`);
		}
	}

	const url = gcloud.serviceUrl ?? `https://${name}-abcdefghij-ew.a.run.app`;
	found.runServices[name] = {region: flags.region, url, runtime, public: flags['allow-unauthenticated'] === true, image: flags.image};
	done(`Service [${name}] revision [${name}-00001-abc] has been deployed and is serving 100 percent of traffic.\nService URL: ${url}`);
}

function runCommand() {
	const found = project();
	const who = caller();
	if (words.startsWith('run deploy')) {
		return deploy(found, who);
	}

	if (words.startsWith('run services list')) {
		needs(flags.project, who, `namespaces/${flags.project}`, 'roles/run.admin', 'run.services.list');
		return done(Object.keys(found.runServices).join('\n'));
	}

	if (words.startsWith('run services logs read')) {
		return done('');
	}

	const name = positionals[3];
	const service = found.runServices[name];
	needs(flags.project, who, `namespaces/${flags.project}/services/${name}`, 'roles/run.admin', 'run.services.get');
	if (!service) {
		refuse(`Cannot find service [${name}]`);
	}

	if (words.startsWith('run services describe')) {
		return done(flags.format === 'value(status.url)' ? service.url : `✔ Service ${name} in region ${service.region}\n\nURL:     ${service.url}`);
	}

	if (words.startsWith('run services add-iam-policy-binding')) {
		return bind(flags.project, `service:${name}`);
	}

	if (words.startsWith('run services delete')) {
		delete found.runServices[name];
		return done(`Deleted service [${name}].`);
	}

	refuse(`stand-in gcloud does not know: ${words}`);
}

function schedulerCommand() {
	const found = project();
	const who = caller();
	const name = positionals[2] === 'describe' || positionals[2] === 'delete' ? positionals[3] : positionals[4];
	const permission = `cloudscheduler.jobs.${positionals[2]}`;
	if (allowed(gcloud, flags.project, who, 'project', 'roles/cloudscheduler.admin') !== true) {
		refuse(`PERMISSION_DENIED: The principal (user or service account) lacks IAM permission "${permission}" for the resource "projects/${flags.project}/locations/${flags.location}" (or the resource may not exist).`);
	}

	const job = found.jobs[name];
	if (positionals[2] === 'describe' || positionals[2] === 'delete' || positionals[2] === 'update') {
		if (!job) {
			refuse(`NOT_FOUND: Job not found.`);
		}

		if (positionals[2] === 'describe') {
			return done(`name: projects/${flags.project}/locations/${flags.location}/jobs/${name}`);
		}

		if (positionals[2] === 'delete') {
			delete found.jobs[name];
			return done('');
		}
	} else if (job) {
		refuse(`ALREADY_EXISTS: Job projects/${flags.project}/locations/${flags.location}/jobs/${name} already exists.`);
	}

	const identity = flags['oidc-service-account-email'];
	if (typeof identity === 'string') {
		const known = touchAccounts(gcloud, [identity]);
		const answer = known ? false : allowed(gcloud, flags.project, who, `account:${identity}`, 'roles/iam.serviceAccountUser');
		if (answer !== true) {
			refuse(`PERMISSION_DENIED: The principal (user or service account) lacks IAM permission "iam.serviceAccounts.actAs" for the resource "${identity}" (or the resource may not exist).`);
		}
	}

	found.jobs[name] = {schedule: flags.schedule, uri: flags.uri, method: flags['http-method'], identity};
	done(`name: projects/${flags.project}/locations/${flags.location}/jobs/${name}\nschedule: ${flags.schedule}`);
}

function artifactsCommand() {
	const found = project();
	if (words.startsWith('artifacts repositories')) {
		const key = `${positionals[3]}@${flags.location}`;
		if (words.startsWith('artifacts repositories describe')) {
			return found.repositories[key] ? done(`name: ${positionals[3]}`) : refuse(`NOT_FOUND: Requested entity was not found.`);
		}

		if (words.startsWith('artifacts repositories create')) {
			found.repositories[key] = {format: flags['repository-format']};
			return done(`Created repository [${positionals[3]}].`);
		}

		if (words.startsWith('artifacts repositories add-iam-policy-binding')) {
			if (!found.repositories[key]) {
				refuse('NOT_FOUND: Requested entity was not found.');
			}

			return bind(flags.project, `repository:${key}`);
		}
	}

	const image = positionals[4];
	if (!found.images.includes(image)) {
		refuse(`NOT_FOUND: Requested entity was not found.`);
	}

	if (words.startsWith('artifacts docker images delete')) {
		found.images = found.images.filter(candidate => candidate !== image);
	}

	done(image);
}

function configCommand() {
	const name = positionals[3] ?? flags.configuration;
	if (words.startsWith('config configurations describe')) {
		return gcloud.configurations[name] ? done(`name: ${name}`) : refuse(`ERROR: (gcloud.config.configurations.describe) Cannot find a configuration named [${name}].`);
	}

	if (words.startsWith('config configurations create')) {
		gcloud.configurations[name] = {};
		return done(`Created [${name}].`);
	}

	if (words.startsWith('config configurations delete')) {
		delete gcloud.configurations[name];
		return done(`Deleted [${name}].`);
	}

	const configuration = gcloud.configurations[flags.configuration];
	if (!configuration) {
		refuse(`ERROR: (gcloud.config) Cannot find a configuration named [${flags.configuration}].`);
	}

	if (words.startsWith('config get-value account')) {
		return done(configuration.account ?? '');
	}

	configuration[positionals[2]] = positionals[3];
	done(`Updated property [${positionals[2]}].`);
}

function authCommand() {
	if (words.startsWith('auth list')) {
		return done(gcloud.account);
	}

	if (words.startsWith('auth configure-docker')) {
		gcloud.dockerHelpers = [...new Set([...gcloud.dockerHelpers, positionals[2]])];
		return done(`Adding credentials for: ${positionals[2]}`);
	}

	if (words.startsWith('auth activate-service-account')) {
		const key = JSON.parse(fs.readFileSync(flags['key-file'], 'utf8') || '{}');
		if (key.client_email !== positionals[2]) {
			refuse(`ERROR: (gcloud.auth.activate-service-account) The .json key file is not in a valid format.`);
		}

		gcloud.configurations[flags.configuration].account = positionals[2];
		return done(`Activated service account credentials for: [${positionals[2]}]`);
	}

	refuse(`stand-in gcloud does not know: ${words}`);
}

function projectsCommand() {
	const id = positionals[2];
	if (words.startsWith('projects describe')) {
		const found = gcloud.projects[id];
		if (!found) {
			refuse(`NOT_FOUND: Project [${id}] not found or you do not have permission to access it.`);
		}

		return done(flags.format === 'value(projectNumber)' ? found.number : id);
	}

	if (words.startsWith('projects create')) {
		gcloud.projects[id] = newProject();
		return done(`Create in progress for [https://cloudresourcemanager.googleapis.com/v1/projects/${id}].`);
	}

	if (words.startsWith('projects add-iam-policy-binding')) {
		if (!gcloud.projects[id]) {
			refuse(`NOT_FOUND: Project [${id}] not found.`);
		}

		return bind(id, 'project');
	}

	refuse(`stand-in gcloud does not know: ${words}`);
}

function newProject() {
	return {number: '123456789012', billing: gcloud.billing, services: [], accounts: {}, bindings: [], repositories: {}, secrets: {}, runServices: {}, jobs: {}, images: []};
}

function servicesEnable() {
	const found = project();
	const wanted = positionals.slice(2);
	const paid = wanted.filter(api => api !== 'iam.googleapis.com' && api !== 'iamcredentials.googleapis.com');
	if (!found.billing && paid.length > 0) {
		refuse(`FAILED_PRECONDITION: Billing account for project '${found.number}' is not found. Billing must be enabled for activation of service(s) '${paid.join(',')}' to proceed.`);
	}

	found.services = [...new Set([...found.services, ...wanted])];
	done(`Operation "operations/acf.p2-${found.number}-stand-in" finished successfully.`);
}

if (flags.version === true) {
	ok('Google Cloud SDK 502.0.0 (stand-in)\nbq 2.1.9\ncore 2024.12.06');
}

switch (positionals[0]) {
	case 'auth': {
		authCommand();
		break;
	}

	case 'config': {
		configCommand();
		break;
	}

	case 'projects': {
		projectsCommand();
		break;
	}

	case 'billing': {
		const found = gcloud.projects[positionals[3]];
		found ? done(found.billing ? 'True' : 'False') : refuse(`NOT_FOUND: Project [${positionals[3]}] not found.`);
		break;
	}

	case 'services': {
		servicesEnable();
		break;
	}

	case 'iam': {
		serviceAccountCommand();
		break;
	}

	case 'artifacts': {
		artifactsCommand();
		break;
	}

	case 'secrets': {
		secretsCommand();
		break;
	}

	case 'run': {
		runCommand();
		break;
	}

	case 'scheduler': {
		schedulerCommand();
		break;
	}

	default: {
		refuse(`stand-in gcloud does not know: ${words}`);
	}
}
