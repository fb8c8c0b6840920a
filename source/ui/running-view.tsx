import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {ActionLogEntry} from '../state/wizard-state.js';

type RunningViewProps = {
	total: number;
	log: ActionLogEntry[];
	outputTail: string[];
};

/** What is running now, what already finished, and the latest lines of output. */
export function RunningView({total, log, outputTail}: RunningViewProps) {
	return (
		<Box flexDirection="column" gap={1}>
			<ActionLog log={log} total={total} />
			{outputTail.length > 0 ? (
				<Box flexDirection="column" borderStyle="single" borderDimColor paddingX={1}>
					{outputTail.map((line, index) => (
						<Text key={index} dimColor wrap="truncate-end">
							{line}
						</Text>
					))}
				</Box>
			) : null}
		</Box>
	);
}

export function ActionLog({log, total}: {log: ActionLogEntry[]; total: number}) {
	return (
		<Box flexDirection="column">
			{log.map(entry => (
				<Text key={entry.index}>
					{entry.status === 'running' ? (
						<Text color="yellow">
							<Spinner type="dots" />
						</Text>
					) : entry.status === 'done' ? (
						<Text color="green">✔</Text>
					) : (
						<Text color="red">✖</Text>
					)}{' '}
					[{entry.index + 1}/{total}] {entry.label}
				</Text>
			))}
		</Box>
	);
}
