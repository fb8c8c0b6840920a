import {readFile} from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import {replaceMarkedBlock} from '../commands/marked-block.js';
import {writeFileAtomic} from '../run/atomic-write.js';
import type {ActionHandlers} from '../run/execute.js';
import {expandHome} from './paths.js';

export function isPortOpen(address: string, port: number, timeoutMs = 3000): Promise<boolean> {
	return new Promise(resolve => {
		const socket = net.connect({host: address, port});
		const done = (open: boolean) => {
			socket.destroy();
			resolve(open);
		};

		socket.setTimeout(timeoutMs, () => done(false));
		socket.once('connect', () => done(true));
		socket.once('error', () => done(false));
	});
}

/** The fix for closed ports: the server's own firewall, then the provider's. */
export function firewallAdvice(ports: readonly number[]): string {
	return [
		`Open ${ports.map(port => `${port}/tcp`).join(', ')} on the server's firewall, for example with ufw:`,
		...ports.map(port => `  sudo ufw allow ${port}/tcp`),
		'and in your provider\'s firewall (often "Security groups" or "Firewall" in its panel) allow inbound TCP on the same ports.',
	].join('\n');
}

/** Handlers for this machine's side of the VPS steps. */
export function createVpsLocalHandlers(): ActionHandlers {
	return {
		'check-ports': async (action, context) => {
			const closed: number[] = [];
			for (const port of action.ports) {
				const open = await isPortOpen(action.address, port);
				context.onOutput(`port ${port}: ${open ? 'open' : 'closed or filtered'}\n`);
				if (!open) {
					closed.push(port);
				}
			}

			if (closed.length === 0) {
				return {ok: true, output: 'All ports answer.', data: {closed}};
			}

			if (!action.required) {
				context.onOutput(`${firewallAdvice(closed)}\n`);
				return {ok: true, output: `Not reachable yet: ${closed.join(', ')}.`, data: {closed}};
			}

			return {ok: false, message: `Ports ${closed.join(', ')} on ${action.address} do not accept connections from here.`, hint: firewallAdvice(closed)};
		},

		'edit-marked-block': async (action, context) => {
			const filePath = path.resolve(context.projectDirectory, expandHome(action.path));
			let current = '';
			try {
				current = await readFile(filePath, 'utf8');
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
					throw error;
				}
			}

			const next = replaceMarkedBlock(current, action.marker, action.lines);
			if (next === current) {
				return {ok: true, output: `${action.path} already has this entry.`, data: {changed: false}};
			}

			await writeFileAtomic(filePath, next, action.mode);
			return {ok: true, output: `Updated ${action.path}.`, data: {changed: true}};
		},

		stop: async action => ({ok: false, message: action.message, hint: action.hint}),
	};
}
