import {Box, Text} from 'ink';
import type {StepStatus} from '../state/progress-schema.js';
import {useTerminalSize} from './use-terminal-size.js';

export type ChecklistItem = {id: string; title: string; status: StepStatus; current: boolean};

const marks: Record<StepStatus, {mark: string; color?: string; word: string}> = {
	done: {mark: '✔', color: 'green', word: 'done'},
	running: {mark: '…', color: 'yellow', word: 'interrupted'},
	failed: {mark: '✖', color: 'red', word: 'failed'},
	skipped: {mark: '↷', color: 'yellow', word: 'skipped'},
	pending: {mark: '·', word: 'pending'},
};

/**
 * The list of steps with where you are; status words are spelled out for colourless
 * terminals. Given `maxRows`, a longer list shows the rows around the current step and
 * says how many more there are.
 */
export function StepChecklist({items, maxRows}: {items: ChecklistItem[]; maxRows?: number}) {
	let first = 0;
	let last = items.length;
	if (maxRows !== undefined && items.length > maxRows) {
		// Two rows say what is left out above and below.
		const room = Math.max(1, maxRows - 2);
		const current = Math.max(0, items.findIndex(item => item.current));
		first = Math.max(0, Math.min(current - Math.floor(room / 2), items.length - room));
		last = first + room;
	}

	return (
		<Box flexDirection="column">
			{first > 0 ? <Text dimColor>  ↑ {first} more</Text> : null}
			{items.slice(first, last).map((item, offset) => {
				const index = first + offset;
				const {mark, color, word} = marks[item.status];
				return (
					<Text key={item.id} wrap="truncate-end" bold={item.current} color={item.current ? 'cyan' : undefined} dimColor={!item.current && item.status === 'pending'}>
						{item.current ? '▶' : <Text color={color}>{mark}</Text>} {index + 1}. {item.title}
						{item.current || item.status === 'pending' ? '' : ` (${word})`}
					</Text>
				);
			})}
			{last < items.length ? <Text dimColor>  ↓ {items.length - last} more</Text> : null}
		</Box>
	);
}

/** The step list beside a step: as many rows as the frame has. */
export function FittedChecklist({items}: {items: ChecklistItem[]}) {
	const {rows} = useTerminalSize();
	return <StepChecklist items={items} maxRows={rows - 1} />;
}
