import {Box, Text} from 'ink';
import type {FinishedStep} from '../state/wizard-state.js';
import {ActionLog} from './running-view.js';

/**
 * The step that just finished with nothing to act on, above what comes next: its checks'
 * answers stay readable without a screen that only waits for Enter.
 */
export function FinishedStepNote({step, dryRun}: {step: FinishedStep; dryRun: boolean}) {
	return (
		<Box flexDirection="column">
			<Text color="green">{dryRun ? 'Shown (dry run, nothing ran)' : '✔ Done'}: {step.title}</Text>
			<Box marginLeft={2} flexDirection="column">
				<ActionLog showOutput dryRun={dryRun} log={step.log} total={step.actions.length} />
			</Box>
		</Box>
	);
}
