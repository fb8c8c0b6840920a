// Caddy on the server, as argv. The new Caddyfile is first uploaded beside the home
// directory, validated, and only then put in place, so a broken file never reaches Caddy.

export const defaultCaddyfilePath = '/etc/caddy/Caddyfile';
export const stagedCaddyfilePath = '.mldw/Caddyfile.new';

export function caddyValidateArgv(file: string): string[] {
	return ['caddy', 'validate', '--config', file, '--adapter', 'caddyfile'];
}

const installScript = [
	'set -e',
	'new=$1 target=$2',
	'if [ -e "$target" ] && cmp -s "$new" "$target"; then echo "Caddyfile unchanged"; exit 0; fi',
	// The one it replaces is kept, so going back is one cp away.
	'if [ -e "$target" ]; then cp -p "$target" "$target.mldw-backup"; echo "backup: $target.mldw-backup"; fi',
	'install -m 0644 "$new" "$target"',
	// reload applies the new file without dropping connections; restart only if Caddy was stopped.
	'systemctl reload-or-restart caddy',
	'echo "installed $target and reloaded Caddy"',
].join('\n');

/** Backs up the current Caddyfile, installs the staged one and reloads, unless nothing changed. */
export function caddyInstallArgv(staged: string, target: string): string[] {
	return ['sh', '-c', installScript, 'mldw-caddy-install', staged, target];
}
