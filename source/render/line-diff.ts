// A unified diff of two small text files (the files we generate are a few dozen lines), to
// show a person what regenerating would change in a file they edited.

type Edit = {kind: ' ' | '-' | '+'; line: string};

function edits(before: string[], after: string[]): Edit[] {
	// Longest common subsequence, table from the end so the walk below runs forwards.
	const rows = before.length + 1;
	const columns = after.length + 1;
	const table = new Uint32Array(rows * columns);
	for (let i = before.length - 1; i >= 0; i--) {
		for (let j = after.length - 1; j >= 0; j--) {
			table[i * columns + j] = before[i] === after[j]
				? table[(i + 1) * columns + j + 1]! + 1
				: Math.max(table[(i + 1) * columns + j]!, table[i * columns + j + 1]!);
		}
	}

	const result: Edit[] = [];
	let i = 0;
	let j = 0;
	while (i < before.length || j < after.length) {
		if (i < before.length && j < after.length && before[i] === after[j]) {
			result.push({kind: ' ', line: before[i++]!});
			j++;
		} else if (i < before.length && (j === after.length || table[(i + 1) * columns + j]! >= table[i * columns + j + 1]!)) {
			result.push({kind: '-', line: before[i++]!});
		} else {
			result.push({kind: '+', line: after[j++]!});
		}
	}

	return result;
}

/** "" when the texts are equal; otherwise hunks with `context` unchanged lines around each change. */
export function unifiedDiff(before: string, after: string, name: string, context = 3): string {
	if (before === after) {
		return '';
	}

	const all = edits(before.split('\n'), after.split('\n'));
	const changed = all.map((edit, index) => (edit.kind === ' ' ? -1 : index)).filter(index => index !== -1);
	const output = [`--- ${name} (yours)`, `+++ ${name} (generated)`];
	let index = 0;
	while (index < changed.length) {
		const start = Math.max(0, changed[index]! - context);
		let end = changed[index]! + context;
		while (index + 1 < changed.length && changed[index + 1]! - context <= end + 1) {
			index++;
			end = changed[index]! + context;
		}

		end = Math.min(all.length - 1, end);
		const slice = all.slice(start, end + 1);
		const oldStart = all.slice(0, start).filter(edit => edit.kind !== '+').length + 1;
		const newStart = all.slice(0, start).filter(edit => edit.kind !== '-').length + 1;
		output.push(
			`@@ -${oldStart},${slice.filter(edit => edit.kind !== '+').length} +${newStart},${slice.filter(edit => edit.kind !== '-').length} @@`,
			...slice.map(edit => `${edit.kind}${edit.line}`),
		);
		index++;
	}

	return output.join('\n');
}
