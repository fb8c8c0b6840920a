// Actions are plain data: a step plans them, an executor carries them out, and a dry run
// only lists them. Keeping them serialisable is what makes preview, dry-run, resume and
// argv-level tests possible without a terminal or a server.

/**
 * Waiting that knows a backend is eventually consistent (IAM: a new account, a new grant):
 * while a command fails with output matching one of `when`, it runs again after a growing
 * pause (5 s, doubling up to 60 s), for at most `seconds` in all, saying why it waits.
 */
export type RetryPolicy = {
	/** Regular expression sources matched against the failed command's output. */
	when: string[];
	/** The longest wait in all, in seconds, before the failure is reported. */
	seconds: number;
	/** Why waiting helps, shown before each pause: "IAM changes take a minute or two to apply". */
	reason: string;
};

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
	/** Run again while it fails the way an eventually consistent backend does. */
	retry?: RetryPolicy;
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
	/** For create/update/remove (never the quiet check): run again while the backend catches up. */
	retry?: RetryPolicy;
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
	/** Run again while it fails the way an eventually consistent backend does. */
	retry?: RetryPolicy;
};

/**
 * Which server a remote action runs on. Carried by every remote action (rather than kept
 * in a hidden "current server") so a resumed run can reconnect without replaying the
 * step that connected. No secret here: the identity file is a path, never the key.
 */
export type RemoteHost = {
	host: string;
	port: number;
	user: string;
	/** Private key used to log in; `~` is expanded on this machine. */
	identityFile: string;
};

export type RunRemoteAction = ActionBase & {
	kind: 'run-remote';
	argv: string[];
	sudo?: boolean;
	input?: string;
	server?: RemoteHost;
};

export type UploadAction = ActionBase & {
	kind: 'upload';
	/** Local file to send; relative paths are resolved against the project directory. */
	from: string;
	/** Relative paths are relative to the login user's home directory. */
	to: string;
	mode: number;
	server?: RemoteHost;
};

/** Writes content to a file on the server over SFTP (atomically, created with its mode). */
export type WriteRemoteFileAction = ActionBase & {
	kind: 'write-remote-file';
	server: RemoteHost;
	path: string;
	content: string;
	mode: number;
};

/** Creates an ed25519 key pair on this machine, or reuses the one already at `path`. */
export type GenerateKeyAction = ActionBase & {
	kind: 'generate-key';
	path: string;
	comment: string;
	/** Where the public half goes, shown next to it. */
	purpose: 'server' | 'deploy';
};

/** Reads the server's host key and compares it with the wizard's known_hosts file. */
export type ScanHostKeyAction = ActionBase & {
	kind: 'scan-host-key';
	host: string;
	port: number;
};

/** Records the host key in the wizard's known_hosts file, if it is the approved one. */
export type TrustHostAction = ActionBase & {
	kind: 'trust-host';
	host: string;
	port: number;
	/** The fingerprint the person (or the config's server.hostKey) approved; absent means not approved. */
	approvedFingerprint?: string;
};

/** Logs in with exactly the given key, and explains precisely why when that fails. */
export type CheckLoginAction = ActionBase & {
	kind: 'check-login';
	server: RemoteHost;
};

export type ServerCheckName = 'reachable' | 'os' | 'privileges' | 'git' | 'docker' | 'caddy' | 'cron' | 'disk';

/** One stage of the server check; reports what it found instead of failing on a missing tool. */
export type ProbeServerAction = ActionBase & {
	kind: 'probe-server';
	server: RemoteHost;
	check: ServerCheckName;
};

/** The deployment lock on the server: an atomic mkdir with who/when inside. */
export type ServerLockAction = ActionBase & {
	kind: 'server-lock';
	server: RemoteHost;
	/** inspect only reports whose lock it is (as a fact), so a later input can ask about a stale one. */
	operation: 'inspect' | 'acquire' | 'release';
	/** Consent to remove a lock left by a run that is no longer going. */
	releaseStale?: boolean;
};

/** Asks the app on the server (from the server itself) whether it answers on its port. */
export type CheckAppAction = ActionBase & {
	kind: 'check-app';
	server: RemoteHost;
	port: number;
	/** Without a route (the app has none) any HTTP answer on the port passes. */
	path?: string;
};

/**
 * Opens TCP connections from this machine to the server's ports (an IP address or a name).
 * A refused connection proves the packets reached the server, so the firewall lets the port
 * through; only silence (a timeout) points at a firewall.
 */
export type CheckPortsAction = ActionBase & {
	kind: 'check-ports';
	address: string;
	ports: number[];
	/** When false, blocked ports are reported with the fix but do not stop the run. */
	required: boolean;
	/**
	 * Before Caddy listens on a port (443 before the switch to HTTPS), "refused" passes: the
	 * question is only whether the firewall lets the port through.
	 */
	refusedCountsAsReachable?: boolean;
};

/** Replaces (or adds, or removes with lines: []) a block between marker comments in a local file. */
export type EditMarkedBlockAction = ActionBase & {
	kind: 'edit-marked-block';
	path: string;
	marker: string;
	lines: string[];
	mode: number;
};

/** The same for the login user's crontab on the server. */
export type CrontabBlockAction = ActionBase & {
	kind: 'crontab-block';
	server: RemoteHost;
	marker: string;
	lines: string[];
	/** Each schedule in words ("At 15 minutes past the hour: GET /update-forecast"). */
	summary?: string[];
};

/** The run cannot go on without the person: says why and what to do. Always fails. */
export type StopAction = ActionBase & {
	kind: 'stop';
	message: string;
	hint?: string;
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

/** Something the person must do by hand (paste a key, create a record), or only needs to know; shown, never run. */
export type InstructAction = ActionBase & {
	kind: 'instruct';
	text: string;
	/** Only tells (no deploy key needed, no domain): nothing to do by hand, so the wizard does not wait for Enter after it. */
	informational?: true;
};

/**
 * The server builds what the git host holds, not what is on this computer: checks that the
 * branch there has the files the server's build needs and the local commit. When it does
 * not, fails with the exact git commands, or runs them when the person agreed (`mayPublish`).
 * Its outcome's data names the commit the server will build.
 */
export type PublishCodeAction = ActionBase & {
	kind: 'publish-code';
	/** What the server clones. */
	repoUrl: string;
	branch: string;
	/** Files the server's build needs, relative to the project directory (those that exist). */
	files: string[];
	mayPublish: boolean;
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
	| PublishCodeAction
	| ReplaceFileAction
	| CheckPortsAction
	| CheckCertificateAction
	| VerifyEndpointAction
	| WriteRemoteFileAction
	| GenerateKeyAction
	| ScanHostKeyAction
	| TrustHostAction
	| CheckLoginAction
	| ProbeServerAction
	| ServerLockAction
	| CheckAppAction
	| EditMarkedBlockAction
	| CrontabBlockAction
	| StopAction;

export type ActionKind = Action['kind'];

export type ActionOutcome =
	| {ok: true; output?: string; data?: unknown}
	| {ok: false; message: string; hint?: string; exitCode?: number; output?: string; data?: unknown};

/** Kinds that only look and explain: a step made of these runs without asking first. */
const readOnlyKinds: ReadonlySet<ActionKind> = new Set<ActionKind>([
	'detect-project',
	'check-dns',
	'check-http',
	'check-ports',
	'check-certificate',
	'verify-endpoint',
	'check-local',
	'check-login',
	'check-app',
	'probe-server',
	'scan-host-key',
	'instruct',
]);

export function isReadOnly(action: Action): boolean {
	return readOnlyKinds.has(action.kind);
}
