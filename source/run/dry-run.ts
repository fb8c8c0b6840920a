import type {ActionHandlers} from './execute.js';
import {describeAction} from './describe-action.js';

/** Handlers that only say what they would do: --dry-run runs the whole plan through these. */
export function createDryRunHandlers(): ActionHandlers {
	const describe = async (action: Parameters<typeof describeAction>[0]) => ({
		ok: true as const,
		output: describeAction(action).join('\n'),
	});
	return {
		'write-file': describe,
		'run-local': describe,
		ensure: describe,
		'check-local': describe,
		'run-remote': describe,
		upload: describe,
		'check-dns': describe,
		'check-http': describe,
		'check-ports': describe,
		'check-certificate': describe,
		'verify-endpoint': describe,
		instruct: describe,
		'detect-project': describe,
		'publish-code': describe,
		'replace-file': describe,
		'write-remote-file': describe,
		'generate-key': describe,
		'scan-host-key': describe,
		'trust-host': describe,
		'check-login': describe,
		'probe-server': describe,
		'server-lock': describe,
		'check-app': describe,
		'edit-marked-block': describe,
		'crontab-block': describe,
		stop: describe,
	};
}
