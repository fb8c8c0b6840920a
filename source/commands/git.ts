// git on the server, as argv. Values (URL, branch, folder) are passed as positional
// parameters to a fixed script, so quotes, spaces, ";" or "$(...)" in them stay data.

/** Where the server keeps GitHub's published host keys, relative to the login user's home. */
export const githubKnownHostsPath = '.mldw/github_known_hosts';

/** Where the deploy key's private half goes on the server, relative to home. */
export const serverDeployKeyPath = '.ssh/mldw_deploy_key';

/**
 * GitHub's published SSH host keys (docs.github.com, "GitHub's SSH key fingerprints").
 * Pinned so the first clone cannot be intercepted; update here if GitHub rotates them.
 */
export const githubHostKeys = [
	'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
	'github.com ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=',
	'github.com ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQCj7ndNxQowgcQnjshcLrqPEiiphnt+VTTvDP6mHBL9j1aNUkY4Ue1gvwnGLVlOhGeYrnZaMgRK6+PKCUXaDbC7qtbW8gIkhL7aGCsOr/C56SJMy/BCZfxd1nWzAOxSDPgVsmerOBYfNqltV9/hWCqBywINIR+5dIg6JTJ72pcEpEjcYgXkE2YEFXV1JHnsKgbLWNlhScqb2UmyRkQyytRLtL+38TGxkxCflmO+5Z8CSSNY7GidjMIZ7Q4zMjA2n1nGrlTDkzwDCsw+wqFPGQA179cnfGWOWRVruj16z6XyvxvjJwbz0wQZ75XK5tKSb7FNyeIEs4TT4jk+S4dhPeAUC5y+bDYirYgM4GC7uEnztnZyaVWQ7B381AK4Qdrwt51ZqExKbQpTUNn+EjqoTwvqNj4kqx5QUCI0ThS/YkOxJCXmPUWZbhjpCg56i+2aB6CmK2JGhn57K5mj0MNdBXA4/WnwH6XoPWJzK5Nyu2zB3nAZp+S5hpQs+p1vN1/wsjk=',
];

/** True for URLs git reaches over SSH (scp-like user@host:path or ssh://). */
export function isSshRepoUrl(url: string): boolean {
	return /^ssh:\/\//i.test(url) || /^[\w.-]+@[\w.-]+:/.test(url);
}

/** A public GitHub repository needs no key: clone it over HTTPS instead of SSH. */
export function publicCloneUrl(url: string): string {
	const match = /^(?:ssh:\/\/)?git@github\.com[:/](.+?)(?:\.git)?$/i.exec(url);
	return match ? `https://github.com/${match[1]}.git` : url;
}

/**
 * The ssh command git uses on the server: only the deploy key, only GitHub's pinned keys,
 * strict checking. git runs it through sh, so $HOME expands there.
 */
export function deployKeySshCommand(): string {
	return `ssh -i "$HOME/${serverDeployKeyPath}" -o IdentitiesOnly=yes -o UserKnownHostsFile="$HOME/${githubKnownHostsPath}" -o StrictHostKeyChecking=yes`;
}

const syncScript = [
	'set -e',
	'directory=$1 url=$2 branch=$3 expected=$4 lfs=$5',
	'if [ -d "$directory/.git" ]; then',
	'  git -C "$directory" remote set-url origin -- "$url"',
	'  git -C "$directory" fetch --quiet origin -- "$branch"',
	'  before=$(git -C "$directory" rev-parse HEAD)',
	'  git -C "$directory" checkout --quiet -B "$branch" FETCH_HEAD',
	'  git -C "$directory" reset --quiet --hard FETCH_HEAD',
	'  after=$(git -C "$directory" rev-parse HEAD)',
	'  if [ "$before" = "$after" ]; then echo "already up to date at $after"; else echo "updated $before -> $after"; fi',
	'else',
	'  mkdir -p -- "$(dirname -- "$directory")"',
	'  git clone --quiet --branch "$branch" --single-branch -- "$url" "$directory"',
	'  echo "cloned at $(git -C "$directory" rev-parse HEAD)"',
	'fi',
	// The server builds only the commit the person's computer checked, never one pushed since.
	'actual=$(git -C "$directory" rev-parse HEAD)',
	'if [ -n "$expected" ] && [ "$actual" != "$expected" ]; then',
	'  echo "branch $branch on the git host is at $actual, not at $expected, the commit checked on your computer: it changed since" >&2',
	'  exit 3',
	'fi',
	// A clone holds only pointers for files kept in Git LFS (models, often): fetch the real ones,
	// every time (a reset to a new commit brings pointers back where the filter is not installed).
	'if [ -n "$lfs" ]; then',
	'  if ! git lfs version >/dev/null 2>&1; then echo "this project keeps files in Git LFS, and git-lfs is not installed on the server" >&2; exit 4; fi',
	// Its filters for this clone (a server where git-lfs came without them checks nothing out).
	'  git -C "$directory" lfs install --local >/dev/null',
	'  git -C "$directory" lfs pull',
	'  echo "fetched the files kept in Git LFS"',
	'fi',
].join('\n');

/**
 * Clones the repository, or brings an existing clone to the branch's latest commit, and
 * fails when that is not `commit` (the one checked on the person's computer), if given.
 * `lfs`: then fetches the files kept in Git LFS (git-lfs uses the same deploy key).
 */
export function gitSyncArgv(options: {directory: string; url: string; branch: string; useDeployKey: boolean; commit?: string; lfs?: boolean}): string[] {
	const environment = options.useDeployKey ? ['env', `GIT_SSH_COMMAND=${deployKeySshCommand()}`] : [];
	return [...environment, 'sh', '-c', syncScript, 'mldw-git-sync', options.directory, options.url, options.branch, options.commit ?? '', options.lfs ? 'yes' : ''];
}
