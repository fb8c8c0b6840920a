// Who types a key's passphrase, when the server has accepted that key and only the
// passphrase stands between it and a login. The interactive wizard registers a prompt
// (a hidden question on screen); headless runs register none, so a passphrase-protected
// key is usable there only through an agent. Light on purpose: no ssh2 here.

export type PassphraseRequest = {
	/** The key file as the person would write it (~/.ssh/id_work). */
	keyPath: string;
	/** The key's SHA256 fingerprint, as ssh-keygen -l prints it. */
	fingerprint: string;
	/** The server (or jump host) that accepted the key. */
	server: string;
	/** 1 for the first try; more after a wrong passphrase. */
	attempt: number;
};

/** Resolves with the passphrase, or undefined when the person chose not to type it. */
export type PassphrasePrompt = (request: PassphraseRequest) => Promise<string | undefined>;

let registered: PassphrasePrompt | undefined;

export function setPassphrasePrompt(prompt: PassphrasePrompt | undefined): void {
	registered = prompt;
}

export function passphrasePrompt(): PassphrasePrompt | undefined {
	return registered;
}

/** A question as the wizard's screen shows it: a title, details, and a hidden text box. */
export type SecretQuestionText = {title: string; detail: string; yesLabel: string; noLabel: string; secret: {label: string}};

/** The prompt as one hidden question on screen, through whatever asks it (the wizard's `askSecret`). */
export function passphraseQuestions(ask: (question: SecretQuestionText) => Promise<string | undefined>): PassphrasePrompt {
	return async request =>
		ask({
			title: request.attempt === 1 ? `Passphrase for ${request.keyPath}` : `Wrong passphrase for ${request.keyPath}; try again (attempt ${request.attempt} of 3)`,
			detail: [
				`${request.server} accepts this key (${request.fingerprint}).`,
				'It is used for this run only: kept in memory, never saved. To skip this question next time, add the key to your agent: ssh-add ' + request.keyPath,
			].join('\n'),
			yesLabel: 'Unlock',
			noLabel: 'Skip this key',
			secret: {label: 'Passphrase (hidden; Enter to unlock, Esc to skip the key)'},
		});
}
