// Caddy on the server, as argv. The wizard owns only its app's site, in a file of its own
// (sites/NAME.caddy beside the Caddyfile); the person's Caddyfile gains one marked import of
// that folder and is otherwise left as it is, its original kept once. Nothing reaches the
// running Caddy before the whole configuration validates.

export const defaultCaddyfilePath = '/etc/caddy/Caddyfile';

/** Where the new site file is uploaded first, relative to the login user's home. */
export function stagedSitePath(name: string): string {
	return `.mldw/${name}.caddy.new`;
}

export function caddyValidateArgv(file: string): string[] {
	return ['caddy', 'validate', '--config', file, '--adapter', 'caddyfile'];
}

const installScript = String.raw`set -e
site=$1 target=$2 name=$3
dir=$(dirname -- "$target")
sites="$dir/sites" installed="$dir/sites/$name.caddy" previous="$dir/sites/$name.caddy.mldw-previous"
main="$target.mldw-new" pending="$dir/.mldw-reload-pending" begin='# BEGIN ml-deploy-wizard sites'
mkdir -p -- "$sites"
import_block() {
	echo "$begin"
	echo "# Each app the wizard deploys has its own site file there; the rest of this file is yours."
	echo "import $sites/*.caddy"
	echo '# END ml-deploy-wizard sites'
}
# The packaged welcome site (":80, file_server /usr/share/caddy") is nobody's own work.
packaged_default() {
	[ "$(grep -v '^[[:space:]]*#' "$target" | grep -v '^[[:space:]]*$' | tr -d '[:space:]')" = ':80{root*/usr/share/caddyfile_server}' ]
}
if [ -e "$target" ] && grep -qxF -- "$begin" "$target"; then
	cp -p -- "$target" "$main"
else
	{ if [ -e "$target" ]; then cat -- "$target"; echo; fi; import_block; } > "$main"
fi
if cmp -s -- "$site" "$installed" && cmp -s -- "$main" "$target" && [ ! -e "$pending" ]; then
	rm -f -- "$main" "$site"
	echo "Caddy already serves this site; nothing changed"
	exit 0
fi
# Try the new site with the whole configuration; the old one comes back if Caddy refuses it.
rm -f -- "$previous"
if [ -e "$installed" ]; then cp -p -- "$installed" "$previous"; fi
install -m 0644 -- "$site" "$installed"
restore() {
	if [ -e "$previous" ]; then mv -f -- "$previous" "$installed"; else rm -f -- "$installed"; fi
	rm -f -- "$main"
}
if ! checked=$(caddy validate --config "$main" --adapter caddyfile 2>&1); then
	if printf '%s' "$checked" | grep -q 'ambiguous site definition' && [ -e "$target" ] && packaged_default; then
		# The app takes port 80 from the packaged welcome page (kept in the original copy).
		{ echo '# The packaged welcome site on :80 gave way to the apps below; it is in Caddyfile.mldw-original.'; import_block; } > "$main"
		if ! checked=$(caddy validate --config "$main" --adapter caddyfile 2>&1); then restore; printf '%s\n' "$checked" >&2; exit 1; fi
	else
		restore
		printf '%s\n' "$checked" >&2
		exit 1
	fi
fi
rm -f -- "$previous" "$site"
# The person's own Caddyfile is kept once, as it was before the wizard first touched it.
if [ -e "$target" ] && [ ! -e "$target.mldw-original" ]; then cp -p -- "$target" "$target.mldw-original"; echo "kept your Caddyfile as $target.mldw-original"; fi
if ! cmp -s -- "$main" "$target"; then install -m 0644 -- "$main" "$target"; fi
rm -f -- "$main"
# Until a reload succeeds, the next run reloads even when no file changed.
touch -- "$pending"
systemctl reload-or-restart caddy
rm -f -- "$pending"
echo "installed $installed and reloaded Caddy"
`;

/**
 * Installs the staged site as sites/NAME.caddy, imports that folder from `target` (once),
 * validates the whole configuration and reloads Caddy, unless nothing changed and no earlier
 * reload failed.
 */
export function caddyInstallSiteArgv(staged: string, target: string, name: string): string[] {
	return ['sh', '-c', installScript, 'mldw-caddy-install', staged, target, name];
}
