import type {Action, ServerCheckName} from '../../core/action.js';
import {yesNoSchema} from '../../core/inputs.js';
import type {Step} from '../../core/step.js';
import {fact, serverFrom} from './remote-host.js';

const stages: Array<[ServerCheckName, string]> = [
	['reachable', 'Reachable over SSH'],
	['os', 'Operating system and architecture'],
	['privileges', 'Root or sudo'],
	['git', 'git and curl'],
	['docker', 'Docker and the compose plugin'],
	['caddy', 'Caddy'],
	['cron', 'cron and flock'],
	['disk', 'Free disk space'],
];

export const serverCheckNames = stages.map(([name]) => name);

export const serverCheckStep: Step = {
	id: 'server-check',
	title: 'Check the server',
	summary: 'Takes the deployment lock, then looks for sudo, git, Docker with Compose, Caddy, cron and free disk, one at a time.',
	learn:
		'A fresh VPS is a bare Linux system. Docker runs your container, Compose describes it in a file, Caddy is the front door that handles HTTPS, '
		+ 'and cron runs scheduled jobs. Installing them needs administrator rights (root, or sudo). '
		+ 'The deployment lock (~/.mldw/deploy.lock on the server, naming the run that holds it) stops two deployments from changing the server at once.',
	inputs: [
		{
			name: 'releaseStaleLock',
			label: 'Release the stale lock?',
			help: 'The server holds a lock from a deployment that started over 30 minutes ago (shown above). yes removes it; say yes only if no other deployment is running.',
			schema: yesNoSchema,
			// Asked only once an earlier attempt found a stale lock (the inspect fact survives the failed step).
			when: context => fact<{verdict?: string}>(context, 'server-check', 'lock')?.verdict === 'stale',
		},
	],
	available: true,
	plan({answers}) {
		const server = serverFrom(answers);
		const actions: Action[] = [
			{kind: 'server-lock', label: 'Look at the deployment lock', server, operation: 'inspect', factName: 'lock'},
			{
				kind: 'server-lock',
				label: 'Take the deployment lock',
				server,
				operation: 'acquire',
				releaseStale: answers.releaseStaleLock === true,
			},
		];
		for (const [check, label] of stages) {
			actions.push({kind: 'probe-server', label, server, check, factName: check});
		}

		return actions;
	},
};
