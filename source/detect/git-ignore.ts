// A small reader for .gitignore, enough to answer "is .env ignored?" and "is the model
// ignored?". It handles the common forms (names, globs, directories, !negation, a leading
// /); what it cannot read it treats as not ignored, which at worst shows one warning too many.

type Rule = {pattern: RegExp; negate: boolean; directoryOnly: boolean};

function globToRegExp(glob: string): string {
	let out = '';
	for (let index = 0; index < glob.length; index++) {
		const char = glob[index]!;
		if (char === '*' && glob[index + 1] === '*') {
			out += '.*';
			index++;
			if (glob[index + 1] === '/') {
				index++;
				out += '(?:/)?';
			}
		} else if (char === '*') {
			out += '[^/]*';
		} else if (char === '?') {
			out += '[^/]';
		} else {
			out += char.replace(/[\\^$.|+(){}[\]]/g, String.raw`\$&`);
		}
	}

	return out;
}

export function parseGitIgnore(text: string): Rule[] {
	const rules: Rule[] = [];
	for (const raw of text.split('\n')) {
		let line = raw.trim();
		if (line === '' || line.startsWith('#')) {
			continue;
		}

		const negate = line.startsWith('!');
		line = negate ? line.slice(1) : line;
		const directoryOnly = line.endsWith('/');
		line = line.replace(/\/+$/, '');
		const anchored = line.includes('/');
		line = line.replace(/^\//, '');
		const body = globToRegExp(line);
		rules.push({pattern: new RegExp(anchored ? `^${body}$` : `(?:^|/)${body}$`), negate, directoryOnly});
	}

	return rules;
}

/** True when the file at this relative path (or one of its folders) is ignored. */
export function isGitIgnored(rules: Rule[], relativePath: string): boolean {
	const parts = relativePath.split('/');
	let ignored = false;
	for (let depth = 1; depth <= parts.length; depth++) {
		const candidate = parts.slice(0, depth).join('/');
		const isDirectory = depth < parts.length;
		for (const rule of rules) {
			if ((!rule.directoryOnly || isDirectory) && rule.pattern.test(candidate)) {
				ignored = !rule.negate;
			}
		}

		// git never looks inside an ignored folder, so nothing below it can be un-ignored.
		if (ignored && isDirectory) {
			return true;
		}
	}

	return ignored;
}
