import type {ServerCommand} from './project-detection.js';

// A start command from the project's own Dockerfile, Procfile or heroku.yml, read for what
// the deployment needs from it: which server, which app, which host and port, which folder.

const booleanFlags = new Set(['--reload', '--preload', '--daemon', '-D', '--factory', '--proxy-headers', '--no-proxy-headers', '--use-colors', '--no-use-colors', '--no-access-log', '--no-server-header', '--no-date-header', '--debug', '--print-config', '--check-config', '--capture-output']);
const target = /^[A-Za-z_][\w.]*:[A-Za-z_]\w*(?:\(\s*\))?$/;

/** Shell-like words: quotes group, a backslash escapes. No expansion. */
export function shellWords(text: string): string[] {
	const words: string[] = [];
	let word: string | undefined;
	for (let index = 0; index < text.length; index++) {
		const char = text[index]!;
		if (/\s/.test(char)) {
			if (word !== undefined) {
				words.push(word);
			}

			word = undefined;
		} else if (char === '"' || char === '\'') {
			const end = text.indexOf(char, index + 1);
			word = (word ?? '') + text.slice(index + 1, end === -1 ? text.length : end);
			index = end === -1 ? text.length : end;
		} else if (char === '\\' && index + 1 < text.length) {
			word = (word ?? '') + text[++index]!;
		} else {
			word = (word ?? '') + char;
		}
	}

	return word === undefined ? words : [...words, word];
}

/** A port written as 8000, $PORT, ${PORT} or ${PORT:-8000}. */
function readPort(value: string | undefined): {port?: number; variable: boolean} {
	if (value === undefined) {
		return {variable: false};
	}

	const variable = /^\$\{?PORT(?::?-(\d+))?\}?$/.exec(value);
	if (variable) {
		return {port: variable[1] === undefined ? undefined : Number(variable[1]), variable: true};
	}

	return /^\d{1,5}$/.test(value) ? {port: Number(value), variable: false} : {variable: false};
}

/** Words after `sh -c`, `cd DIR &&`, `exec`, NAME=value prefixes and `python -m`, down to the server itself. */
function unwrap(words: string[]): {words: string[]; cd?: string} {
	let rest = words;
	let cd: string | undefined;
	for (;;) {
		if (/^(?:\/bin\/)?(?:ba)?sh$/.test(rest[0] ?? '') && rest[1] === '-c' && rest[2] !== undefined) {
			rest = shellWords(rest[2]);
		} else if (rest[0] === 'cd' && rest[1] !== undefined && (rest[2] === '&&' || rest[2] === ';')) {
			cd = rest[1];
			rest = rest.slice(3);
		} else if (rest[0] === 'exec' || /^[A-Za-z_]\w*=/.test(rest[0] ?? '')) {
			rest = rest.slice(1);
		} else if (/^python[\d.]*$/.test(rest[0] ?? '') && rest[1] === '-m' && rest[2] !== undefined) {
			rest = rest.slice(2);
		} else {
			const end = rest.findIndex(word => word === '&&' || word === ';' || word === '||');
			return {words: end === -1 ? rest : rest.slice(0, end), cd};
		}
	}
}

export function parseServerCommand(text: string): ServerCommand {
	const {words, cd} = unwrap(shellWords(text.trim()));
	const program = (words[0] ?? '').split('/').at(-1)!;
	const server: ServerCommand['server'] = program === 'gunicorn' || program === 'uvicorn' || program === 'flask'
		? program
		: /^python[\d.]*$/.test(program) ? 'python' : 'other';
	const command: ServerCommand = {text, server, factory: false, portVariable: false, reload: false};
	const options = new Map<string, string>();
	for (let index = 1; index < words.length; index++) {
		const word = words[index]!;
		const [flag, inline] = word.startsWith('-') ? word.split(/=(.*)/s) as [string, string | undefined] : [word, undefined];
		if (!word.startsWith('-')) {
			if (command.target === undefined && target.test(word)) {
				command.target = word.replaceAll(/\s/g, '');
			}
		} else if (booleanFlags.has(flag)) {
			options.set(flag, 'true');
		} else {
			options.set(flag, inline ?? words[++index] ?? '');
		}
	}

	command.reload = options.has('--reload');
	command.factory = options.has('--factory') || Boolean(command.target?.endsWith(')'));
	if (command.target && options.has('--factory') && !command.target.endsWith(')')) {
		command.target += '()';
	}

	const bind = options.get('--bind') ?? options.get('-b');
	const [bindHost, bindPort] = bind === undefined ? [] : [bind.slice(0, bind.lastIndexOf(':')), bind.slice(bind.lastIndexOf(':') + 1)];
	command.host = options.get('--host') ?? (bind === undefined ? undefined : bindHost || '0.0.0.0');
	// -p is the port for flask run only (gunicorn's -p is its pid file).
	const port = readPort(options.get('--port') ?? (server === 'flask' ? options.get('-p') : undefined) ?? bindPort);
	command.port = port.port;
	command.portVariable = port.variable;
	command.appDirectory = options.get('--chdir') ?? options.get('--app-dir') ?? options.get('--pythonpath') ?? cd;
	if (server === 'gunicorn' && bind === undefined && !options.has('-c') && !options.has('--config')) {
		// gunicorn's own default: 0.0.0.0:$PORT when PORT is set, else 127.0.0.1:8000.
		command.portVariable = true;
		command.port = 8000;
	}

	return command;
}
