// The app's .env on the server, as argv. The new lines arrive on standard input (they hold
// secrets: never in argv, never in a preview) and are merged into the file that is there.

const mergeScript = [
	'set -e',
	'umask 077',
	'target=$1',
	'given="$target.mldw-given" merged="$target.mldw-new"',
	'cat > "$given"',
	'[ -e "$target" ] || : > "$target"',
	// The lines given now come first and win; the server's other settings (a secret typed in an
	// earlier run, a line added by hand) stay. A line identical to a given one is not repeated.
	'awk \'function key(line) { sub(/^[ \\t]*(export[ \\t]+)?/, "", line); sub(/[ \\t]*=.*/, "", line); return line }'
		+ ' FNR == NR { given[$0] = 1; if ($0 ~ /=/) seen[key($0)] = 1; print; next }'
		+ ' !($0 in given) && !($0 ~ /=/ && key($0) in seen)\' "$given" "$target" > "$merged"',
	'rm -f "$given"',
	'chmod 600 "$merged"',
	'mv "$merged" "$target"',
	// Names only, never values: what the wizard records of what the app has.
	'sed -n \'s/^[ \\t]*\\(export[ \\t][ \\t]*\\)\\{0,1\\}\\([A-Za-z_][A-Za-z0-9_]*\\)[ \\t]*=.*/\\2/p\' "$target" | sort -u | tr \'\\n\' \' \'',
].join('\n');

/** Merges the .env lines on standard input into `file` (mode 600) and prints the names it holds. */
export function mergeDotEnvArgv(file: string): string[] {
	return ['sh', '-c', mergeScript, 'mldw-env-merge', file];
}
