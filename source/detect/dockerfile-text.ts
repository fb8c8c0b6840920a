import path from 'node:path';
import type {OwnDockerfile} from './project-detection.js';
import {parseServerCommand} from './server-command.js';

// The project's own Dockerfile, read for what the rest of the deployment must agree with:
// the base image, the port, the command, whether it has a HEALTHCHECK, its user and folder.
// Lines continued with "\" are joined; only the final stage counts, as in the built image.

export type Instruction = {keyword: string; arguments_: string};

/** The instructions of a Dockerfile in order, continued lines joined, comments left out. */
export function dockerfileInstructions(text: string): Instruction[] {
	const result: Instruction[] = [];
	let current = '';
	for (const line of text.replaceAll('\r\n', '\n').split('\n')) {
		if (/^\s*#/.test(line) || (current === '' && line.trim() === '')) {
			continue;
		}

		if (/\\\s*$/.test(line)) {
			current += `${line.replace(/\\\s*$/, '')} `;
			continue;
		}

		const match = /^\s*(\w+)\s*([\s\S]*)$/.exec(current + line);
		if (match) {
			result.push({keyword: match[1]!.toUpperCase(), arguments_: match[2]!.trim()});
		}

		current = '';
	}

	return result;
}

/** An exec-form JSON array as one command line; shell form as it is. */
function commandText(arguments_: string): string {
	if (arguments_.startsWith('[')) {
		try {
			const parsed = JSON.parse(arguments_) as unknown;
			if (Array.isArray(parsed)) {
				return parsed.map(word => (/[\s'"$]/.test(String(word)) ? `'${String(word)}'` : String(word))).join(' ');
			}
		} catch {}
	}

	return arguments_;
}

export function readDockerfile(filePath: string, text: string): OwnDockerfile {
	const stages: Instruction[][] = [];
	for (const instruction of dockerfileInstructions(text)) {
		if (instruction.keyword === 'FROM') {
			stages.push([]);
		}

		stages.at(-1)?.push(instruction);
	}

	const from = dockerfileInstructions(text).filter(instruction => instruction.keyword === 'FROM').at(-1);
	const stage = stages.at(-1) ?? [];
	const result: OwnDockerfile = {path: filePath, fromImage: from?.arguments_.split(/\s+/).find(word => !word.startsWith('--')), healthcheck: false, workdir: '/'};
	let entrypoint = '';
	let cmd = '';
	let port: string | undefined;
	for (const {keyword, arguments_} of stage) {
		if (keyword === 'EXPOSE') {
			const exposed = Number(/^(\d{1,5})/.exec(arguments_)?.[1]);
			result.exposed ??= exposed >= 1 && exposed <= 65_535 ? exposed : undefined;
		} else if (keyword === 'WORKDIR') {
			result.workdir = path.posix.resolve(result.workdir, arguments_.replaceAll(/["']/g, ''));
		} else if (keyword === 'USER') {
			result.user = arguments_.split(/[\s:]/)[0];
		} else if (keyword === 'HEALTHCHECK') {
			result.healthcheck = !/^NONE\b/i.test(arguments_);
		} else if (keyword === 'ENTRYPOINT') {
			entrypoint = commandText(arguments_);
			cmd = '';
		} else if (keyword === 'CMD') {
			cmd = commandText(arguments_);
		} else if (keyword === 'ENV') {
			port = /(?:^|\s)PORT[=\s]+["']?(\d{1,5})/.exec(arguments_)?.[1] ?? port;
		}
	}

	const line = [entrypoint, cmd].filter(Boolean).join(' ');
	if (line !== '') {
		result.command = parseServerCommand(line);
		// ENV PORT=5000 is the value $PORT has unless the platform sets another.
		if (result.command.portVariable && port !== undefined) {
			result.command.port = Number(port);
		}
	}

	if (result.user === 'root' || result.user === '0') {
		result.user = undefined;
	}

	return result;
}
