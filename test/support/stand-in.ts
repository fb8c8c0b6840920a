// Stand-ins for programs whose real backend cannot run here (the Docker engine, gcloud,
// heroku, systemctl). Each is a small executable put first on PATH that appends its argv
// to a log (one JSON array per line) and answers from a script of canned replies, so tests
// can assert on the exact commands the wizard ran.
import {chmodSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';

export type StandInReply = {
	/** The reply applies when the argv starts with these arguments. */
	whenArgsStartWith: string[];
	stdout?: string;
	stderr?: string;
	exitCode?: number;
	/** Reply only the first N times it matches (for "already exists" on a second run). */
	times?: number;
};

export type StandIn = {
	name: string;
	/** Every call so far, oldest first. */
	calls(): string[][];
	/** Replace the replies (the first matching reply wins; unmatched calls exit 0 silently). */
	setReplies(replies: StandInReply[]): void;
};

const runnerSource = String.raw`#!/usr/bin/env node
const fs = require('node:fs');
const [logPath, repliesPath] = [process.env.STAND_IN_LOG_PATH_OVERRIDE || __LOG__, __REPLIES__];
const argv = process.argv.slice(2);
fs.appendFileSync(logPath, JSON.stringify(argv) + '\n');
let replies = [];
try { replies = JSON.parse(fs.readFileSync(repliesPath, 'utf8')); } catch {}
const index = replies.findIndex(reply => reply.whenArgsStartWith.every((arg, i) => argv[i] === arg) && (reply.times === undefined || reply.times > 0));
if (index === -1) process.exit(0);
const reply = replies[index];
if (reply.times !== undefined) { reply.times -= 1; fs.writeFileSync(repliesPath, JSON.stringify(replies)); }
if (reply.stdout) process.stdout.write(reply.stdout);
if (reply.stderr) process.stderr.write(reply.stderr);
process.exit(reply.exitCode ?? 0);
`;

/**
 * Creates the stand-in `name` in `binDirectory`. The directory must come first on the PATH
 * of whatever runs the command (a local child's env, or the test user's ~/.ssh/environment).
 */
export function createStandIn(binDirectory: string, name: string, replies: StandInReply[] = []): StandIn {
	mkdirSync(binDirectory, {recursive: true});
	const logPath = path.join(binDirectory, `${name}.calls.jsonl`);
	const repliesPath = path.join(binDirectory, `${name}.replies.json`);
	writeFileSync(logPath, '');
	writeFileSync(repliesPath, JSON.stringify(replies));
	const executablePath = path.join(binDirectory, name);
	writeFileSync(
		executablePath,
		runnerSource
			.replace('__LOG__', JSON.stringify(logPath))
			.replace('__REPLIES__', JSON.stringify(repliesPath))
			// CommonJS on purpose: the script has no package.json telling node it is ESM.
			.replace('#!/usr/bin/env node', `#!${process.execPath}`),
	);
	chmodSync(executablePath, 0o755);
	// Log and replies must be writable by another user when the stand-in runs over SSH.
	chmodSync(logPath, 0o666);
	chmodSync(repliesPath, 0o666);
	return {
		name,
		calls() {
			return readFileSync(logPath, 'utf8')
				.split('\n')
				.filter(Boolean)
				.map(line => JSON.parse(line) as string[]);
		},
		setReplies(next) {
			writeFileSync(repliesPath, JSON.stringify(next));
		},
	};
}
