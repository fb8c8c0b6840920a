// Actions are plain data: a step plans them, an executor carries them out, and a dry run
// only lists them. Keeping them serialisable is what makes preview, dry-run, resume and
// argv-level tests possible without a terminal or a server.

export type WriteFileAction = {
	kind: 'write-file';
	label: string;
	/** Relative paths are resolved against the project directory. */
	path: string;
	content: string;
	/** File mode, e.g. 0o600 for private keys. */
	mode?: number;
};

export type RunLocalAction = {
	kind: 'run-local';
	label: string;
	argv: string[];
	cwd?: string;
	env?: Record<string, string>;
	/** Written to the command's standard input; never shown in previews. */
	input?: string;
};

export type RunRemoteAction = {
	kind: 'run-remote';
	label: string;
	argv: string[];
	sudo?: boolean;
	input?: string;
};

export type UploadAction = {
	kind: 'upload';
	label: string;
	/** Local file to send; relative paths are resolved against the project directory. */
	from: string;
	to: string;
	mode: number;
};

export type CheckDnsAction = {
	kind: 'check-dns';
	label: string;
	name: string;
	expectedAddress: string;
};

export type CheckHttpAction = {
	kind: 'check-http';
	label: string;
	url: string;
	expectStatus?: number;
};

/** Something the person must do by hand (paste a key, create a record); shown, never run. */
export type InstructAction = {
	kind: 'instruct';
	label: string;
	text: string;
};

export type Action =
	| WriteFileAction
	| RunLocalAction
	| RunRemoteAction
	| UploadAction
	| CheckDnsAction
	| CheckHttpAction
	| InstructAction;

export type ActionKind = Action['kind'];

export type ActionOutcome =
	| {ok: true; output?: string; data?: unknown}
	| {ok: false; message: string; hint?: string; exitCode?: number; output?: string};
