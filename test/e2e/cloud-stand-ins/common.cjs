// Shared by the STAND-IN gcloud, heroku, docker and sleep (copied next to them into a test's
// bin folder): one "world" file holds what the backends would hold (projects, accounts,
// grants, apps, pushed images), so the stand-ins answer like one fresh account would, and
// each call is recorded as a JSON array (one a line) in NAME.calls.jsonl.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const here = __dirname;
const worldPath = path.join(here, 'world.json');

function load() {
	return JSON.parse(fs.readFileSync(worldPath, 'utf8'));
}

function save(world) {
	fs.writeFileSync(worldPath, JSON.stringify(world, null, '\t'));
}

function record(program, argv) {
	fs.appendFileSync(path.join(here, `${program}.calls.jsonl`), `${JSON.stringify(argv)}\n`);
}

/** `--name=value` and bare `--flag` as a map; everything else, in order, as positionals. */
function parse(argv) {
	const flags = {};
	const positionals = [];
	for (const argument of argv) {
		const match = /^--([\w-]+)(?:=(.*))?$/s.exec(argument);
		if (match) {
			flags[match[1]] = match[2] === undefined ? true : match[2];
		} else {
			positionals.push(argument);
		}
	}

	return {flags, positionals};
}

function fail(text, code = 1) {
	process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
	process.exit(code);
}

function ok(text = '') {
	if (text) {
		process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
	}

	process.exit(0);
}

/**
 * Every stand-in opens the same way: record the call (with `shown` first: the variables a
 * shell line would show), load the world, and fail at once if the test asked for that
 * failure (a broken network, a full disk; used once). Its answers save the world first.
 */
function begin(program, argv, shown = []) {
	record(program, [...shown, ...argv]);
	const world = load();
	const list = world.failOnce ?? [];
	const index = list.findIndex(item => item.program === program && item.argsStartWith.every((word, position) => argv[position] === word));
	if (index !== -1) {
		const [item] = list.splice(index, 1);
		save(world);
		fail(item.stderr, item.exitCode ?? 1);
	}

	return {
		world,
		done(text) {
			save(world);
			ok(text);
		},
		stop(text, code = 1) {
			save(world);
			fail(text, code);
		},
	};
}

function readStdin() {
	try {
		return fs.readFileSync(0, 'utf8');
	} catch {
		return '';
	}
}

module.exports = {load, record, parse, fail, ok, begin, readStdin};
