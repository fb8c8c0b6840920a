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
	| EnsureAction
	| CheckLocalAction
	| RunRemoteAction
	| UploadAction
	| CheckDnsAction
	| CheckHttpAction
	| InstructAction;

export type ActionKind = Action['kind'];

export type ActionOutcome =
	| {ok: true; output?: string; data?: unknown}
	| {ok: false; message: string; hint?: string; exitCode?: number; output?: string};
