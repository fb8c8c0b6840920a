// A small provider for testing the wizard's flow without any real step behind it.
import {z} from 'zod';
import {portSchema, serviceNameSchema} from '../../source/core/inputs.js';
import type {Provider} from '../../source/core/step.js';

export const fakeProvider: Provider = {
	id: 'vps',
	name: 'Fake server',
	description: 'For tests.',
	steps: [
		{
			id: 'app',
			title: 'About the app',
			summary: 'Asks for a port.',
			learn: 'Ports explained at length.',
			inputs: [
				{name: 'appPort', label: 'Port', schema: portSchema, defaultValue: () => '8000'},
				{name: 'serviceName', label: 'Name', schema: serviceNameSchema, defaultValue: () => 'fake-api'},
				{name: 'token', label: 'Token', schema: z.string().min(1, {message: 'Token: type something.'}), secret: true},
			],
			available: true,
			plan: () => [],
		},
		{
			id: 'files',
			title: 'Write files',
			summary: 'Writes one file.',
			learn: '',
			inputs: [],
			available: true,
			plan: ({answers}) => [
				{kind: 'write-file', label: 'Write port.txt', path: 'port.txt', content: `${String(answers.appPort)}\n`},
				{kind: 'instruct', label: 'Paste this', text: 'Paste the key at Settings > Keys.'},
			],
		},
		{id: 'later', title: 'Later step', summary: 'Comes later.', learn: '', inputs: [], available: false, plan: () => []},
	],
};
