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
	path: string;
};

/** Opens TCP connections from this machine to the server's ports. */
export type CheckPortsAction = ActionBase & {
	kind: 'check-ports';
	address: string;
	ports: number[];
	/** When false, closed ports are reported with the fix but do not stop the run. */
	required: boolean;
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
	expectedAddress: string;
};

export type CheckHttpAction = ActionBase & {
	kind: 'check-http';
	url: string;
	expectStatus?: number;
};

/** Something the person must do by hand (paste a key, create a record); shown, never run. */
export type InstructAction = ActionBase & {
	kind: 'instruct';
	text: string;
};

export type Action =
	| WriteFileAction
	| RunLocalAction
	| RunRemoteAction
	| UploadAction
	| CheckDnsAction
	| CheckHttpAction
	| InstructAction
	| WriteRemoteFileAction
	| GenerateKeyAction
	| ScanHostKeyAction
	| TrustHostAction
	| CheckLoginAction
	| ProbeServerAction
	| ServerLockAction
	| CheckAppAction
	| CheckPortsAction
	| EditMarkedBlockAction
	| CrontabBlockAction
	| StopAction;

export type ActionKind = Action['kind'];

export type ActionOutcome =
	| {ok: true; output?: string; data?: unknown}
	| {ok: false; message: string; hint?: string; exitCode?: number; output?: string};
