import {Box, Text} from 'ink';
import type {StepStatus} from '../state/progress-schema.js';

export type ChecklistItem = {id: string; title: string; status: StepStatus; current: boolean};

const marks: Record<StepStatus, {mark: string; color?: string; word: string}> = {
	done: {mark: '✔', color: 'green', word: 'done'},
	running: {mark: '…', color: 'yellow', word: 'interrupted'},
	failed: {mark: '✖', color: 'red', word: 'failed'},
	skipped: {mark: '↷', color: 'yellow', word: 'skipped'},
	pending: {mark: '·', word: 'pending'},
};

/** The list of steps with where you are; status words are spelled out for colourless terminals. */
export function StepChecklist({items}: {items: ChecklistItem[]}) {
	return (
		<Box flexDirection="column">
			{items.map((item, index) => {
				const {mark, color, word} = marks[item.status];
				return (
					<Text key={item.id} wrap="truncate-end" bold={item.current} color={item.current ? 'cyan' : undefined} dimColor={!item.current && item.status === 'pending'}>
						{item.current ? '▶' : <Text color={color}>{mark}</Text>} {index + 1}. {item.title}
						{item.current || item.status === 'pending' ? '' : ` (${word})`}
					</Text>
				);
			})}
		</Box>
	);
}
