// The server check, one stage at a time: each stage is a fixed command (no user values)
// and a pure reading of its output, so the reading is tested without a server.
import type {ServerCheckName} from '../core/action.js';

export type ProbeResult = {
	/** False only when the run cannot go on at all (unsupported system). */
	ok: boolean;
	/** One line for the person: what was found. */
	message: string;
	/** Debian packages (or "docker") this stage found missing. */
	missing: string[];
	data?: Record<string, string | number | boolean>;
};

export const probeScripts: Record<ServerCheckName, string> = {
	reachable: 'echo connected',
	os: '. /etc/os-release; echo "id=$ID"; echo "like=$ID_LIKE"; echo "codename=$VERSION_CODENAME"; echo "name=$PRETTY_NAME"; echo "arch=$(dpkg --print-architecture 2>/dev/null || uname -m)"',
	privileges: 'echo "uid=$(id -u)"; if sudo -n true 2>/dev/null; then echo sudo=yes; else echo sudo=no; fi',
	git: 'for tool in git curl; do if command -v "$tool" >/dev/null; then echo "$tool=yes"; else echo "$tool=no"; fi; done; if git lfs version >/dev/null 2>&1; then echo lfs=yes; else echo lfs=no; fi',
	docker: 'if command -v docker >/dev/null; then echo docker=yes; if docker compose version >/dev/null 2>&1; then echo compose=yes; else echo compose=no; fi; else echo docker=no; echo compose=no; fi',
	caddy: 'if command -v caddy >/dev/null; then echo caddy=yes; echo "version=$(caddy version 2>/dev/null | cut -d" " -f1)"; else echo caddy=no; fi',
	cron: 'for tool in crontab flock; do if command -v "$tool" >/dev/null; then echo "$tool=yes"; else echo "$tool=no"; fi; done',
	disk: 'df -Pk . | tail -1 | awk \'{print "freeKb=" $4}\'',
};

export function probeArgv(check: ServerCheckName): string[] {
	return ['sh', '-c', probeScripts[check]];
}

function keyValues(output: string): Record<string, string> {
	const values: Record<string, string> = {};
	for (const line of output.split('\n')) {
		const index = line.indexOf('=');
		if (index > 0) {
			values[line.slice(0, index).trim()] = line.slice(index + 1).trim();
		}
	}

	return values;
}

const minimumFreeKb = 2 * 1024 * 1024;

export function readProbe(check: ServerCheckName, output: string, user: string): ProbeResult {
	const values = keyValues(output);
	switch (check) {
		case 'reachable': {
			return {ok: true, message: 'Reachable: logged in over SSH.', missing: []};
		}

		case 'os': {
			const family = `${values.id ?? ''} ${values.like ?? ''}`;
			const supported = /\b(debian|ubuntu)\b/.test(family);
			const data = {id: values.id ?? '', codename: values.codename ?? '', arch: values.arch ?? '', name: values.name ?? ''};
			return supported
				? {ok: true, message: `System: ${data.name || data.id} on ${data.arch}.`, missing: [], data}
				: {
						ok: false,
						message: `System: ${data.name || 'unknown'} is not Debian or Ubuntu; this wizard installs software with apt and supports only those.`,
						missing: [],
						data,
					};
		}

		case 'privileges': {
			const root = values.uid === '0';
			const sudo = values.sudo === 'yes';
			const message = root
				? 'Rights: logged in as root.'
				: sudo
					? `Rights: ${user} can use sudo without a password.`
					: `Rights: ${user} is not root and cannot use sudo without a password; installing software and Caddy's configuration need one of them.`;
			return {ok: true, message, missing: [], data: {root, sudo, admin: root || sudo}};
		}

		case 'git': {
			const missing = ['git', 'curl'].filter(tool => values[tool] !== 'yes');
			const lfs = values.lfs === 'yes';
			const message = missing.length === 0 ? 'git and curl: installed.' : `Missing: ${missing.join(', ')}.`;
			// Git LFS is needed only for a project that keeps files in it: the install step decides.
			return {ok: true, message: `${message}${lfs ? ' Git LFS: installed.' : ''}`, missing, data: {lfs}};
		}

		case 'docker': {
			if (values.docker !== 'yes') {
				return {ok: true, message: 'Docker: not installed.', missing: ['docker']};
			}

			return values.compose === 'yes'
				? {ok: true, message: 'Docker and the compose plugin: installed.', missing: []}
				: {ok: true, message: 'Docker is installed but "docker compose" is not (the compose plugin is missing).', missing: ['docker']};
		}

		case 'caddy': {
			return values.caddy === 'yes'
				? {ok: true, message: `Caddy: installed (${values.version || 'unknown version'}).`, missing: []}
				: {ok: true, message: 'Caddy: not installed.', missing: ['caddy']};
		}

		case 'cron': {
			const missing = values.crontab === 'yes' ? [] : ['cron'];
			if (values.flock !== 'yes') {
				missing.push('util-linux');
			}

			return {ok: true, message: missing.length === 0 ? 'cron and flock: installed.' : `Missing: ${missing.join(', ')}.`, missing};
		}

		case 'disk': {
			const freeKb = Number(values.freeKb ?? Number.NaN);
			const freeGb = (freeKb / 1024 / 1024).toFixed(1);
			if (!Number.isFinite(freeKb)) {
				return {ok: true, message: 'Disk: could not read the free space; carrying on.', missing: []};
			}

			return {
				ok: true,
				message: freeKb < minimumFreeKb
					? `Disk: only ${freeGb} GB free; building images needs about 2 GB or more. Free some space (docker system prune) if the build fails.`
					: `Disk: ${freeGb} GB free.`,
				missing: [],
				data: {freeKb},
			};
		}
	}
}
