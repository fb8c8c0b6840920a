// A fresh Google Cloud and Heroku account, as STAND-IN gcloud, heroku and docker executables
// in a bin folder (test/e2e/cloud-stand-ins/*.cjs) sharing one world file: what exists, who
// may do what, which grants have not settled yet. Put `bin` first on PATH for the wizard;
// the generated scripts also get `sleepBin`, where a stand-in sleep records its waits.
import {chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {temporaryDirectory} from './cloud-run-support.js';

const sources = path.join(import.meta.dirname, 'cloud-stand-ins');

export type FailOnce = {program: 'gcloud' | 'heroku' | 'docker'; argsStartWith: string[]; stderr: string; exitCode?: number};

export type WorldOptions = {
	/** The gcloud login; '' for none. */
	account?: string;
	/** How many calls a new account or grant stays unknown or refused (IAM's eventual consistency). */
	settle?: number;
	orgPolicyBlocksKeys?: boolean;
	/** Billing for projects created from now on. */
	billing?: boolean;
	/** What Cloud Run and Heroku report as the service URL (a loopback endpoint in these tests). */
	serviceUrl?: string;
	webUrl?: string;
	herokuAccount?: string;
	herokuVerified?: boolean;
	takenAppNames?: string[];
	/** The laptop's CPU: arm64 is an Apple Silicon Mac. */
	hostArch?: 'arm64' | 'amd64';
	buildx?: boolean;
	failOnce?: FailOnce[];
};

type Binding = {resource: string; member: string; role: string; pending: number};

export type GoogleProject = {
	number: string;
	services: string[];
	accounts: Record<string, {unseen: number; displayName?: string}>;
	bindings: Binding[];
	repositories: Record<string, unknown>;
	secrets: Record<string, {versions: string[]}>;
	runServices: Record<string, {region: string; url: string; runtime: string; public: boolean; image: string}>;
	jobs: Record<string, {schedule: string; uri: string; method: string; identity?: string}>;
	images: string[];
};

export type WorldState = {
	gcloud: {account: string; settle: number; orgPolicyBlocksKeys: boolean; billing: boolean; serviceUrl?: string; projects: Record<string, GoogleProject>; configurations: Record<string, {account?: string}>; dockerHelpers: string[]};
	heroku: {account: string; verified: boolean; takenNames: string[]; webUrl?: string; registryLogin: boolean; apps: Record<string, {addons: string[]; config: Record<string, string>; releases: number}>};
	docker: {hostArch: string; buildx: boolean; engineRunning: boolean; images: Record<string, unknown>};
	registry: {heroku: Record<string, {platform: string; attestations: boolean; oci: boolean}>};
	failOnce: FailOnce[];
};

export type CloudWorld = {
	bin: string;
	/** Holds only the stand-in sleep: on PATH for the generated scripts, not for the test process. */
	sleepBin: string;
	calls(program: 'gcloud' | 'heroku' | 'docker' | 'sleep'): string[][];
	state(): WorldState;
	change(edit: (state: WorldState) => void): void;
	/** PATH for a child process: the stand-ins first. */
	path(withSleep?: boolean): string;
};

function install(bin: string, name: string, executable: boolean) {
	const target = path.join(bin, executable ? name.replace(/\.cjs$/, '') : name);
	if (executable) {
		writeFileSync(target, `#!${process.execPath}\n${readFileSync(path.join(sources, name), 'utf8')}`);
		chmodSync(target, 0o755);
	} else {
		copyFileSync(path.join(sources, name), target);
	}
}

export function createCloudWorld(options: WorldOptions = {}): CloudWorld {
	const root = temporaryDirectory('mldw-cloud-world-');
	const bin = path.join(root, 'bin');
	const sleepBin = path.join(root, 'sleep-bin');
	mkdirSync(bin);
	mkdirSync(sleepBin);
	for (const name of ['common.cjs', 'iam.cjs']) {
		install(bin, name, false);
		install(sleepBin, name, false);
	}

	for (const name of ['gcloud.cjs', 'heroku.cjs', 'docker.cjs']) {
		install(bin, name, true);
	}

	install(sleepBin, 'sleep.cjs', true);
	const state: WorldState = {
		gcloud: {
			account: options.account ?? 'me@example.com',
			settle: options.settle ?? 1,
			orgPolicyBlocksKeys: options.orgPolicyBlocksKeys ?? false,
			billing: options.billing ?? true,
			...(options.serviceUrl ? {serviceUrl: options.serviceUrl} : {}),
			projects: {},
			configurations: {},
			dockerHelpers: [],
		},
		heroku: {
			account: options.herokuAccount ?? 'me@example.com',
			verified: options.herokuVerified ?? true,
			takenNames: options.takenAppNames ?? [],
			...(options.webUrl ? {webUrl: options.webUrl} : {}),
			registryLogin: false,
			apps: {},
		},
		docker: {hostArch: options.hostArch ?? 'arm64', buildx: options.buildx ?? true, engineRunning: true, images: {}},
		registry: {heroku: {}},
		failOnce: options.failOnce ?? [],
	};
	const worldPath = path.join(bin, 'world.json');
	writeFileSync(worldPath, JSON.stringify(state, null, '\t'));
	// The sleep stand-in records next to itself; its world file only needs to exist.
	writeFileSync(path.join(sleepBin, 'world.json'), '{}');
	const read = (): WorldState => JSON.parse(readFileSync(worldPath, 'utf8')) as WorldState;
	return {
		bin,
		sleepBin,
		calls(program) {
			const log = path.join(program === 'sleep' ? sleepBin : bin, `${program}.calls.jsonl`);
			return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as string[]) : [];
		},
		state: read,
		change(edit) {
			const next = read();
			edit(next);
			writeFileSync(worldPath, JSON.stringify(next, null, '\t'));
		},
		path(withSleep = false) {
			return [bin, ...(withSleep ? [sleepBin] : []), process.env.PATH ?? ''].join(path.delimiter);
		},
	};
}
