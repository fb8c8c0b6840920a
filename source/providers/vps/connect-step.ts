import {hostSchema, portSchema, unixUserSchema} from '../../core/inputs.js';
import type {Step} from '../../core/step.js';

export const connectStep: Step = {
	id: 'connect',
	title: 'Connect to the server',
	summary: 'Reads the server\'s host key and checks it against the servers you trusted before.',
	learn:
		'Every SSH server has its own host key. The first time you connect you see its fingerprint and decide to trust it; '
		+ 'after that, a different fingerprint means either the server was rebuilt or someone is in the middle, so the wizard refuses to continue until you check.',
	inputs: [
		{name: 'serverHost', label: 'Server address', help: 'The IP address from your provider\'s panel. Example: 203.0.113.7', schema: hostSchema},
		{name: 'serverPort', label: 'SSH port', help: 'Almost always 22.', schema: portSchema, defaultValue: () => '22'},
		{
			name: 'serverUser',
			label: 'User to log in as',
			help: 'The user your provider gave you (often root, ubuntu or debian), or a user such as deploy.',
			schema: unixUserSchema,
			defaultValue: () => 'root',
		},
	],
	available: true,
	plan: ({answers}) => [
		{kind: 'scan-host-key', label: 'Read the server\'s host key', host: String(answers.serverHost), port: Number(answers.serverPort), factName: 'hostKey'},
	],
};
