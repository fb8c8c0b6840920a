// Quoting happens once, at the boundary where an argv becomes a shell string (SSH sends a
// single command line). Everything before that boundary passes argv arrays around.

const safeWord = /^[\w@%+=:,./-]+$/;

/** Quotes one argument for a POSIX shell so that it arrives as literal data. */
export function quoteShellArgument(argument: string): string {
	if (argument === '') {
		return "''";
	}

	if (safeWord.test(argument)) {
		return argument;
	}

	return `'${argument.replaceAll("'", `'\\''`)}'`;
}

/** Joins an argv into one shell command line, each argument quoted. */
export function toShellCommand(argv: readonly string[]): string {
	return argv.map(argument => quoteShellArgument(argument)).join(' ');
}
