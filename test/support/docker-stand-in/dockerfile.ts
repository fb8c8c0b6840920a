// What the docker stand-in needs from a Dockerfile to "run the container": the final stage's
// WORKDIR, ENV and command (ENTRYPOINT and CMD, exec or shell form, combined as Docker does).
// Lines continued with "\", comment lines inside them, `ENV A=1 B="two words"` and the old
// `ENV A one value` are read the way BuildKit reads them; RUN, COPY and the rest are ignored.
import {interpolate} from './interpolate.js';
import {Refusal} from './refusal.js';

export type ImageConfig = {workdir: string; environment: Record<string, string>; command: string[]};

type Stage = {name?: string; workdir: string; environment: Record<string, string>; cmd?: string[]; entrypoint?: string[]; entrypointIsShell?: boolean; cmdSet: boolean};

type Instruction = {keyword: string; arguments_: string};

function instructions(text: string): Instruction[] {
	const result: Instruction[] = [];
	let current = '';
	for (const line of text.split('\n').map(raw => raw.replace(/\r$/, ''))) {
		if (/^\s*#/.test(line) || (current === '' && line.trim() === '')) {
			continue;
		}

		if (/\\\s*$/.test(line)) {
			current += `${line.replace(/\\\s*$/, '')} `;
			continue;
		}

		current += line;
		const match = /^\s*(\w+)\s*([\s\S]*)$/.exec(current);
		if (match) {
			result.push({keyword: match[1]!.toUpperCase(), arguments_: match[2]!.trim()});
		}

		current = '';
	}

	return result;
}

/** Splits shell-like words: quotes group, backslash escapes, $VARS from `environment` expand (not in '...'). */
function words(text: string, environment: Record<string, string>): string[] {
	const result: string[] = [];
	const expand = (part: string) => interpolate(part, name => environment[name], {escapeDollars: false});
	let word: string | undefined;
	for (let index = 0; index < text.length; index++) {
		const character = text[index]!;
		if (/\s/.test(character)) {
			if (word !== undefined) {
				result.push(word);
				word = undefined;
			}
		} else if (character === '\'' || character === '"') {
			const end = text.indexOf(character, index + 1);
			if (end === -1) {
				throw new Refusal(`unterminated quote in Dockerfile: ${text}`);
			}

			const inside = text.slice(index + 1, end);
			word = (word ?? '') + (character === '"' ? expand(inside.replaceAll(/\\(["\\])/g, '$1')) : inside);
			index = end;
		} else if (character === '\\' && index + 1 < text.length) {
			word = (word ?? '') + text[++index]!;
		} else {
			const plain = /^[^\s'"\\]+/.exec(text.slice(index))![0];
			word = (word ?? '') + expand(plain);
			index += plain.length - 1;
		}
	}

	return word === undefined ? result : [...result, word];
}

/** Exec form (a JSON array of strings) as is; anything else is shell form, run by /bin/sh -c. */
function commandForm(arguments_: string): {argv: string[]; shell: boolean} {
	if (arguments_.startsWith('[')) {
		try {
			const parsed: unknown = JSON.parse(arguments_);
			if (Array.isArray(parsed) && parsed.every(item => typeof item === 'string')) {
				return {argv: parsed as string[], shell: false};
			}
		} catch {}
	}

	return {argv: ['/bin/sh', '-c', arguments_], shell: true};
}

export function parseDockerfile(text: string): ImageConfig {
	const stages: Stage[] = [];
	let stage: Stage | undefined;
	for (const {keyword, arguments_} of instructions(text)) {
		if (keyword === 'FROM') {
			const [image = '', as, name] = arguments_.split(/\s+/).filter(word => !word.startsWith('--platform'));
			const parent = stages.find(earlier => earlier.name !== undefined && earlier.name === image.toLowerCase());
			stage = parent
				? {...parent, environment: {...parent.environment}, name: undefined, cmdSet: false}
				: {workdir: '/', environment: {}, cmdSet: false};
			stage.name = as?.toUpperCase() === 'AS' ? name?.toLowerCase() : undefined;
			stages.push(stage);
		} else if (!stage) {
			if (keyword !== 'ARG') {
				throw new Refusal(`Dockerfile parse error: ${keyword} before the first FROM`);
			}
		} else if (keyword === 'ENV') {
			const parts = words(arguments_, stage.environment);
			if (parts[0]?.includes('=')) {
				for (const part of parts) {
					const equals = part.indexOf('=');
					if (equals <= 0) {
						throw new Refusal(`Dockerfile parse error: ENV names can not be blank (${arguments_})`);
					}

					stage.environment[part.slice(0, equals)] = part.slice(equals + 1);
				}
			} else {
				// The legacy form: one name, then the rest of the line is its value.
				const [name = ''] = parts;
				stage.environment[name] = interpolate(arguments_.slice(arguments_.indexOf(name) + name.length).trim(), key => stage!.environment[key], {escapeDollars: false});
			}
		} else if (keyword === 'WORKDIR') {
			const [directory = '/'] = words(arguments_, stage.environment);
			stage.workdir = directory.startsWith('/') ? directory : `${stage.workdir.replace(/\/$/, '')}/${directory}`;
		} else if (keyword === 'CMD') {
			stage.cmd = commandForm(arguments_).argv;
			stage.cmdSet = true;
		} else if (keyword === 'ENTRYPOINT') {
			const form = commandForm(arguments_);
			stage.entrypoint = form.argv;
			stage.entrypointIsShell = form.shell;
			// As BuildKit does: a new ENTRYPOINT drops a CMD inherited from an earlier stage.
			if (!stage.cmdSet) {
				stage.cmd = undefined;
			}
		}
	}

	if (!stage) {
		throw new Refusal('the Dockerfile cannot be empty');
	}

	// A shell-form ENTRYPOINT ignores CMD; an exec-form one takes CMD as its arguments.
	const {entrypoint = [], cmd = []} = stage;
	return {workdir: stage.workdir, environment: stage.environment, command: stage.entrypointIsShell ? entrypoint : [...entrypoint, ...cmd]};
}
