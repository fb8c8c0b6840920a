import {Box, Text} from 'ink';
import {useTerminalSize} from './use-terminal-size.js';

/** A public key line as ssh-keygen writes it: type, base64, optional comment. */
export const publicKeyLine = /^\s*((?:ssh-(?:ed25519|rsa|dss)|ecdsa-sha2-nistp\d+|sk-\S+@openssh\.com) [A-Za-z\d+/]+=*)(?: (.*))?$/;

type PublicKeyBlockProps = {
	line: string;
	/** The key file, for the command that prints it. */
	path: string;
	/** For a server key: where ssh-copy-id can put it (the server's answers, when known). */
	copyTo?: {user?: string; host?: string; port?: number};
};

/**
 * A public key on a row of its own, from the first column, never wrapped by the wizard:
 * a key broken over two lines or indented fails when pasted into a provider's form. When
 * it does not fit with its comment it is shown without (the comment is only a label);
 * the cat command prints it whole in any terminal.
 */
export function PublicKeyBlock({line, path, copyTo}: PublicKeyBlockProps) {
	const {columns} = useTerminalSize();
	const match = publicKeyLine.exec(line);
	const key = match?.[1] ?? line.trim();
	const full = match?.[2] ? `${key} ${match[2]}` : key;
	const shown = full.length <= columns ? full : key;
	const publicPath = `${path}.pub`;
	const port = copyTo?.port !== undefined && copyTo.port !== 22 ? ` -p ${copyTo.port}` : '';
	return (
		<Box flexDirection="column">
			<Text bold>Public key (safe to share):</Text>
			<Text>{shown}</Text>
			<Text dimColor>Copy it whole, as one line; or print it in another terminal with:</Text>
			<Text>  cat {publicPath}</Text>
			{copyTo ? (
				<>
					<Text dimColor>A server you can already log in to gets it with:</Text>
					<Text>
						{'  '}ssh-copy-id -i {publicPath}
						{port} {copyTo.user ?? 'USER'}@{copyTo.host ?? 'SERVER'}
					</Text>
				</>
			) : null}
		</Box>
	);
}
