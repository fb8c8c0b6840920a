// Actions are plain data: a step plans them, an executor carries them out, and a dry run
// only lists them. Keeping them serialisable is what makes preview, dry-run, resume and
// argv-level tests possible without a terminal or a server.

type ActionBase = {
	/** What the person sees in the preview and progress list: "Start the containers". */
	label: string;
	/** When set, the outcome's data is kept in the step's facts under this name. */
	factName?: string;
};

export type WriteFileAction = ActionBase & {
	kind: 'write-file';
	/** Relative paths are resolved against the project directory. */
	path: string;
	content: string;
	/** File mode, e.g. 0o600 for private keys. */
	mode?: number;
};

export type RunLocalAction = ActionBase & {
	kind: 'run-local';
	argv: string[];
	cwd?: string;
	env?: Record<string, string>;
	/** Written to the command's standard input; never shown in previews. */
	input?: string;
	/** Values inside argv that must never be shown: masked as *** in previews and output. */
	secretValues?: string[];
};

/**
 * Makes something exist (or not) exactly once: `check` exits 0 when it is there. Present:
 * `update` runs if given, `remove` runs if given, otherwise it is reused. Missing: `create`
 * runs if given, otherwise there is nothing to do. Re-running the wizard creates nothing twice.
 */
export type EnsureAction = ActionBase & {
	kind: 'ensure';
	/** What is ensured, for messages: "service account deploy@p.iam.gserviceaccount.com". */
	what: string;
	check: string[];
	create?: string[];
	update?: string[];
	remove?: string[];
	env?: Record<string, string>;
	/** What to do when create/update/remove fails (a name taken by someone else, ...). */
	hint?: string;
};

/**
 * Runs a read-only command and passes when it exits 0 and its output matches `expect`
 * (a regular expression source, multi-line). The first group, or the whole trimmed
 * output, becomes the outcome's data, so a step can keep it as a fact (a URL, an account).
 */
export type CheckLocalAction = ActionBase & {
	kind: 'check-local';
	argv: string[];
	expect?: string;
	/** What a failed check means, in the person's words: "gcloud is not logged in." */
	failure: string;
	/** The command or link that fixes it. */
	hint: string;
};

export type RunRemoteAction = ActionBase & {
	kind: 'run-remote';
	argv: string[];
	sudo?: boolean;
	input?: string;
};

export type UploadAction = ActionBase & {
	kind: 'upload';
	/** Local file to send; relative paths are resolved against the project directory. */
	from: string;
	to: string;
	mode: number;
};

export type CheckDnsAction = ActionBase & {
	kind: 'check-dns';
	name: string;
	/** The server's IPv4 address. */
	expectedAddress: string;
	/** The server's IPv6 address, when an AAAA record should point at it. */
	expectedIpv6?: string;
	/** Keep checking (backoff, countdown) until DNS matches; Ctrl-C stops and keeps progress. */
	wait?: boolean;
};

export type CheckHttpAction = ActionBase & {
	kind: 'check-http';
	url: string;
	/** Without it any 2xx passes. */
	expectStatus?: number;
	/** Keep checking with backoff until it answers as expected. */
	wait?: boolean;
};

/** TCP connect to each port: "do 80 and 443 answer" before asking for a certificate. */
export type CheckPortsAction = ActionBase & {
	kind: 'check-ports';
	host: string;
	ports: number[];
};

/** A valid, trusted certificate for `name` is served (waits while it is being issued). */
export type CheckCertificateAction = ActionBase & {
	kind: 'check-certificate';
	name: string;
	/** 443 unless testing. */
	port?: number;
	wait?: boolean;
};

/** The full layer-by-layer check of the live endpoint; with factName, its report lands in the facts. */
export type VerifyEndpointAction = ActionBase & {
	kind: 'verify-endpoint';
	url: string;
	healthPath?: string;
	expectedAddress?: string;
	/** Route for the sample prediction, and the JSON file (relative to the project) to POST. */
	predictPath?: string;
	payloadFile?: string;
	/** Check that plain HTTP redirects to HTTPS (true unless said otherwise; a VPS with Caddy does). */
	checkRedirect?: boolean;
	/** Plain HTTP port for the redirect check; 80 unless testing. */
	httpPort?: number;
	/** Shell line that shows the app's last log lines, given as the next step on failure. */
	logsCommand?: string;
};

/** Something the person must do by hand (paste a key, create a record); shown, never run. */
export type InstructAction = ActionBase & {
	kind: 'instruct';
	text: string;
};

/** Reads the project (dependencies, framework, app object, models...); its outcome's data is the detection. */
export type DetectProjectAction = ActionBase & {
	kind: 'detect-project';
};

/**
 * Replaces a file the person wrote or edited by hand. Planned only for such files, so the
 * handler must show `diff` and get a yes first; without one the file is left alone.
 */
export type ReplaceFileAction = ActionBase & {
	kind: 'replace-file';
	path: string;
	content: string;
	mode?: number;
	/** edited: generated by the wizard, then changed by hand; not-generated: the person's own file. */
	reason: 'edited' | 'not-generated';
	/** Unified diff from the file on disk to the new content. */
	diff: string;
	/** sha256 of the file when planned: if it changed since, nothing is written. */
	expectedSha256: string;
};

export type Action =
	| WriteFileAction
	| RunLocalAction
	| EnsureAction
	| CheckLocalAction
	| RunRemoteAction
	| UploadAction
	| CheckDnsAction
	| CheckHttpAction
	| InstructAction
	| DetectProjectAction
	| ReplaceFileAction
	| CheckPortsAction
	| CheckCertificateAction
	| VerifyEndpointAction;

export type ActionKind = Action['kind'];

export type ActionOutcome =
	| {ok: true; output?: string; data?: unknown}
	| {ok: false; message: string; hint?: string; exitCode?: number; output?: string; data?: unknown};
