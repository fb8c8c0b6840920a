import {portSchema, unixUserSchema} from '../../core/inputs.js';
import type {PlanContext, Step} from '../../core/step.js';
import {configDefaults, serverHostSchema} from '../../ssh/server-host.js';

/** The help line: where the default came from when the ssh config gave it. */
function configHelp(key: 'port' | 'user', otherwise: string) {
	return ({answers}: PlanContext) => {
		const defaults = configDefaults(answers.serverHost);
		return defaults[key] === undefined ? otherwise : `${defaults[key]}, from ${defaults.source}.`;
	};
}

export const connectStep: Step = {
	id: 'connect',
	title: 'Connect to the server',
	summary: 'Reads the server\'s host key and checks it against the servers you trusted before.',
	learn:
		'Every SSH server has its own host key. The first time you connect you see its fingerprint and decide to trust it; '
		+ 'after that, a different fingerprint means either the server was rebuilt or someone is in the middle, so the wizard refuses to continue until you check. '
		+ 'If you already reach the server with `ssh NAME`, type that NAME: the wizard reads the same ~/.ssh/config (address, user, port, keys, jump hosts) and the same ~/.ssh/known_hosts.',
	inputs: [
		{
			name: 'serverHost',
			label: 'Server address',
			help: 'The IP address from your provider\'s panel, or the name you use with `ssh NAME` (a Host in ~/.ssh/config). Example: 203.0.113.7 or myserver',
			schema: serverHostSchema,
		},
		{
			name: 'serverPort',
			label: 'SSH port',
			help: configHelp('port', 'Almost always 22.'),
			schema: portSchema,
			defaultValue: ({answers}) => String(configDefaults(answers.serverHost).port ?? 22),
		},
		{
			name: 'serverUser',
			label: 'User to log in as',
			help: configHelp('user', 'The user your provider gave you (often root, ubuntu or debian), or a user such as deploy.'),
			schema: unixUserSchema,
			defaultValue: ({answers}) => configDefaults(answers.serverHost).user ?? 'root',
		},
	],
	available: true,
	plan: ({answers}) => [
		{kind: 'scan-host-key', label: 'Read the server\'s host key', host: String(answers.serverHost), port: Number(answers.serverPort), factName: 'hostKey'},
	],
};
