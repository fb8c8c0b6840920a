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

export type Action =
	| WriteFileAction
	| RunLocalAction
	| RunRemoteAction
	| UploadAction
	| CheckDnsAction
	| CheckHttpAction
	| CheckPortsAction
	| CheckCertificateAction
	| VerifyEndpointAction
	| InstructAction;

export type ActionKind = Action['kind'];

export type ActionOutcome =
	| {ok: true; output?: string; data?: unknown}
	| {ok: false; message: string; hint?: string; exitCode?: number; output?: string; data?: unknown};
