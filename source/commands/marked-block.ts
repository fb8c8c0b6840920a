// The wizard owns a block between two marker comments in files the person also edits
// (~/.ssh/config, the crontab). Re-running replaces the block in place, so nothing is
// duplicated and everything outside the markers is left exactly as it was.

export function markerLines(marker: string): {begin: string; end: string} {
	return {begin: `# BEGIN ml-deploy-wizard ${marker}`, end: `# END ml-deploy-wizard ${marker}`};
}

/**
 * Returns `text` with the marked block replaced by `lines` (added at the end when absent,
 * removed when `lines` is empty). Stray duplicate blocks from older versions are removed.
 */
export function replaceMarkedBlock(text: string, marker: string, lines: readonly string[]): string {
	const {begin, end} = markerLines(marker);
	const kept: string[] = [];
	let insertAt = -1;
	let inside = false;
	const source = text === '' ? [] : text.replace(/\n$/, '').split('\n');
	for (const line of source) {
		if (!inside && line.trim() === begin) {
			inside = true;
			if (insertAt === -1) {
				insertAt = kept.length;
			}

			continue;
		}

		if (inside) {
			if (line.trim() === end) {
				inside = false;
			}

			continue;
		}

		kept.push(line);
	}

	const block = lines.length === 0 ? [] : [begin, ...lines, end];
	if (insertAt === -1) {
		if (block.length > 0 && kept.length > 0 && kept.at(-1)!.trim() !== '') {
			kept.push('');
		}

		insertAt = kept.length;
	}

	kept.splice(insertAt, 0, ...block);
	return kept.length === 0 ? '' : `${kept.join('\n')}\n`;
}
