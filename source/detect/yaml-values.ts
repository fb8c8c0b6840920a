// Just enough YAML for the small files detection reads (heroku.yml, a compose file's ports,
// a .dvc file's outs, environment.yml): block mappings and lists, one scalar a line. Each
// scalar is filed under its dotted key path (list items under their list's key). Flow
// collections, anchors and multi-line scalars are not read; a miss means one fact less.

function unquote(value: string): string {
	const trimmed = value.replace(/\s+#.*$/, '').trim();
	return /^(["']).*\1$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
}

/** Dotted key path (services.api.ports) to the scalars found there, in order. */
export function yamlValues(text: string): Map<string, string[]> {
	const values = new Map<string, string[]>();
	const stack: Array<{indent: number; key: string}> = [];
	const add = (key: string, value: string) => values.set(key, [...values.get(key) ?? [], value]);
	for (const raw of text.replaceAll('\r\n', '\n').split('\n')) {
		if (raw.trim() === '' || raw.trimStart().startsWith('#')) {
			continue;
		}

		let indent = raw.length - raw.trimStart().length;
		let line = raw.trim();
		const item = /^-\s*(.*)$/.exec(line);
		if (item) {
			// A list item belongs to the key above it; "- key: value" opens a mapping inside the item.
			indent += 2;
			line = item[1]!;
			while (stack.length > 0 && stack.at(-1)!.indent >= indent) {
				stack.pop();
			}

			if (!/^[\w.-]+\s*:(\s|$)/.test(line)) {
				add(stack.map(entry => entry.key).join('.'), unquote(line));
				continue;
			}
		}

		const pair = /^(["']?)([\w.-]+)\1\s*:(?:\s+(.*))?$/.exec(line);
		if (!pair) {
			continue;
		}

		while (stack.length > 0 && stack.at(-1)!.indent >= indent) {
			stack.pop();
		}

		const key = [...stack.map(entry => entry.key), pair[2]!].join('.');
		if (pair[3] === undefined || pair[3].trim() === '') {
			stack.push({indent, key: pair[2]!});
		} else if (!/^[|>]/.test(pair[3].trim())) {
			add(key, unquote(pair[3]));
		}
	}

	return values;
}
