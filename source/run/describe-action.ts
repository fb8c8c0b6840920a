import type {Action, RemoteHost} from '../core/action.js';
import {toShellCommand} from '../core/shell-quote.js';
import {maskSecrets} from './run-command.js';

/**
 * One or more lines that say exactly what an action would do: the text of the preview
 * screen and of --dry-run. Standard input is never shown (it may hold secrets).
 */
export function describeAction(action: Action): string[] {
	switch (action.kind) {
		case 'write-file': {
			const mode = action.mode === undefined ? '' : ` (mode ${action.mode.toString(8)})`;
			return [`write ${action.path}${mode}`];
		}

		case 'run-local': {
			// Variables are shown the way a shell would take them, so the line can be pasted.
			const environment = Object.entries(action.env ?? {}).map(([name, value]) => `${name}=${toShellCommand([value])} `);
			return [`run: ${environment.join('')}${toShellCommand(action.argv.map(argument => maskSecrets(argument, action.secretValues)))}`];
		}

		case 'ensure': {
			const environment = Object.entries(action.env ?? {}).map(([name, value]) => `${name}=${toShellCommand([value])} `).join('');
			const lines = [`ensure ${action.what}:`, `  check: ${environment}${toShellCommand(action.check)}`];
			if (action.create) {
				lines.push(`  if missing: ${environment}${toShellCommand(action.create)}`);
			}

			if (action.update) {
				lines.push(`  if present: ${environment}${toShellCommand(action.update)}`);
			}

			if (action.remove) {
				lines.push(`  if present: ${environment}${toShellCommand(action.remove)}`);
			}

			return lines;
		}

		case 'publish-code': {
			return [
				`check that branch ${action.branch} of ${action.repoUrl} holds your latest commit and ${action.files.join(', ')}`,
				...(action.mayPublish ? ['  if not: git add and commit those files, then git push (you agreed)'] : ['  if not: stop and show the git commands to run']),
			];
		}

		case 'check-local': {
			return [`check: ${toShellCommand(action.argv)}`];
		}

		case 'run-remote': {
			return [`on ${serverName(action.server)}: ${action.sudo ? 'sudo ' : ''}${toShellCommand(action.argv)}`];
		}

		case 'upload': {
			return [`upload ${action.from} to ${serverName(action.server)}:${action.to} (mode ${action.mode.toString(8)})`];
		}

		case 'write-remote-file': {
			return [`write ${serverName(action.server)}:${action.path} (mode ${action.mode.toString(8)})`];
		}

		case 'generate-key': {
			return [`create an ed25519 key pair at ${action.path} (kept if it exists; private half mode 600)`];
		}

		case 'scan-host-key': {
			return [`read the host key of ${action.host}:${action.port} and compare it with the wizard's known_hosts`];
		}

		case 'trust-host': {
			return [`trust the host key ${action.approvedFingerprint ?? '(not approved yet)'} for ${action.host}:${action.port}`];
		}

		case 'check-login': {
			// Which key logs in is decided then: the agent's, your ssh config's, or the wizard's.
			return [`log in as ${action.server.user}@${action.server.host} the way ssh would (agent, ~/.ssh/config, then ${action.server.identityFile})`];
		}

		case 'probe-server': {
			return [`check on ${serverName(action.server)}: ${action.check}`];
		}

		case 'server-lock': {
			const verb = {inspect: 'look at', acquire: 'take', release: 'release'}[action.operation];
			return [`${verb} the deployment lock on ${serverName(action.server)}`];
		}

		case 'check-app': {
			return [`on ${serverName(action.server)}: check http://127.0.0.1:${action.port}${action.path} answers`];
		}

		case 'check-ports': {
			return [action.refusedCountsAsReachable
				? `check from here that the firewall lets ports ${action.ports.join(', ')} of ${action.address} through`
				: `check from here that ${action.address} accepts connections on ports ${action.ports.join(', ')}`];
		}

		case 'edit-marked-block': {
			return [`update the ml-deploy-wizard block "${action.marker}" in ${action.path}`, ...action.lines.map(line => `  ${line}`)];
		}

		case 'crontab-block': {
			return [
				`${action.lines.length === 0 ? 'remove' : 'set'} the ml-deploy-wizard block in the crontab of ${serverName(action.server)}`,
				...(action.summary ?? []).map(line => `  when: ${line}`),
				...action.lines.map(line => `  ${line}`),
			];
		}

		case 'stop': {
			return [`stop: ${action.message}`];
		}

		case 'check-dns': {
			const ipv6 = action.expectedIpv6 ? ` (AAAA ${action.expectedIpv6})` : '';
			return [`${action.wait ? 'wait until' : 'check that'} ${action.name} resolves to ${action.expectedAddress}${ipv6}`];
		}

		case 'check-http': {
			return [`${action.wait ? 'wait until' : 'check'} ${action.url} answers ${action.expectStatus ?? '2xx'}`];
		}

		case 'check-certificate': {
			const port = action.port && action.port !== 443 ? `:${action.port}` : '';
			return [`${action.wait ? 'wait until' : 'check that'} ${action.name}${port} serves a valid, trusted certificate`];
		}

		case 'verify-endpoint': {
			const https = action.url.startsWith('https:');
			const layers = [
				'DNS',
				'TCP',
				...(https ? ['TLS'] : []),
				...(https && action.checkRedirect !== false ? ['HTTP->HTTPS redirect'] : []),
				action.healthPath ? `GET ${action.healthPath}` : 'GET / (no health route: any answer will do)',
			];
			if (action.predictPath) {
				layers.push(`POST ${action.payloadFile ?? 'payload'} to ${action.predictPath}`);
			}

			return [`verify ${action.url}: ${layers.join(', ')}`];
		}

		case 'instruct': {
			return [`you do: ${action.text}`];
		}

		case 'detect-project': {
			return ['look at the project: dependencies, framework, app object, port, health route, models, Python version'];
		}

		case 'replace-file': {
			const why = action.reason === 'edited' ? 'you edited it since the wizard wrote it' : 'the wizard did not write it';
			return [`replace ${action.path} only if you say yes (${why}):`, ...action.diff.split('\n')];
		}
	}
}

function serverName(server: RemoteHost | undefined): string {
	return server ? `${server.user}@${server.host}` : 'server';
}
