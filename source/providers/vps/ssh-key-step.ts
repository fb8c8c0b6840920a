import os from 'node:os';
import {keyCommentSchema, privateKeyPathSchema} from '../../core/inputs.js';
import type {Step} from '../../core/step.js';

export function defaultKeyComment(): string {
	const host = os.hostname().replaceAll(/[^\w.-]/g, '').slice(0, 40) || 'laptop';
	return `mldw@${host}`;
}

export const sshKeyStep: Step = {
	id: 'ssh-key',
	title: 'Create an SSH key for the server',
	summary: 'A key pair that lets this laptop log in to the server without a password.',
	learn:
		'SSH is how you open a terminal on a remote machine. Instead of a password it can use a key pair: '
		+ 'the private half stays on your laptop (never share it), the public half goes on the server in ~/.ssh/authorized_keys. '
		+ 'Whoever holds the private half can log in, so it is saved readable only by you. '
		+ 'If you already log in to the server with ssh (a key in your ssh-agent, or a Host in ~/.ssh/config), the wizard tries that first and this key is only the fallback.',
	inputs: [
		{
			name: 'identityFile',
			label: 'Where to keep the key',
			help: 'An existing key there is used as it is, never overwritten. Example: ~/.ssh/id_mldw',
			schema: privateKeyPathSchema,
			defaultValue: () => '~/.ssh/id_mldw',
		},
		{
			name: 'keyComment',
			label: 'Key comment',
			help: 'A label stored in the public key, to recognise it later. Example: me@laptop',
			schema: keyCommentSchema,
			defaultValue: () => defaultKeyComment(),
		},
	],
	available: true,
	plan: ({answers}) => [
		{
			kind: 'generate-key',
			label: 'Create (or reuse) the server key',
			path: String(answers.identityFile),
			comment: String(answers.keyComment),
			purpose: 'server',
			factName: 'key',
		},
	],
};
