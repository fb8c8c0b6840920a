import {Box, Text} from 'ink';
import type {FinishedStep} from '../state/wizard-state.js';
import {ActionLog} from './running-view.js';

/**
 * The step that just finished with nothing to act on, above what comes next: its checks'
 * answers stay readable without a screen that only waits for Enter.
 */
export function FinishedStepNote({step, dryRun}: {step: FinishedStep; dryRun: boolean}) {
	// Only what has something to say (a check's answer); "wrote Dockerfile" goes without saying.
	const told = step.log.filter(entry => entry.output && !/^(wrote|replaced|kept) /.test(entry.output));
	return (
		<Box flexDirection="column">
			<Text color="green">
				{dryRun ? 'Shown (dry run, nothing ran)' : '✔ Done'}: {step.title}
				{told.length < step.log.length ? <Text dimColor> ({step.log.length} action{step.log.length === 1 ? '' : 's'})</Text> : null}
			</Text>
			{told.length > 0 ? (
				<Box marginLeft={2} flexDirection="column">
					<ActionLog showOutput dryRun={dryRun} log={told} total={step.actions.length} />
				</Box>
			) : null}
		</Box>
	);
}
