import {Box, Text} from 'ink';
import type {Action, ActionOutcome} from '../core/action.js';
import type {ActionLogEntry} from '../state/wizard-state.js';
import {ChoiceList} from './choice-list.js';
import {KeyHints} from './key-hints.js';
import {ActionLog} from './running-view.js';
import {useEnterEscape} from './use-enter-escape.js';

type StepResultProps = {
	actions: Action[];
	log: ActionLogEntry[];
	failure?: Extract<ActionOutcome, {ok: false}>;
	onContinue: () => void;
	onRetry: () => void;
	onSkip: () => void;
	onQuit: () => void;
};

export function StepResult({actions, log, failure, onContinue, onRetry, onSkip, onQuit}: StepResultProps) {
	useEnterEscape({onEnter: failure ? undefined : onContinue});
	// Instructions ("paste this key at ...") stay on screen after the step: they are the result.
	const instructions = actions.filter(action => action.kind === 'instruct');
	return (
		<Box flexDirection="column" gap={1}>
			<ActionLog
				showOutput
				// Instructions get their own box below; their text is not repeated in the log.
				log={log.map(entry => (actions[entry.index]?.kind === 'instruct' ? {...entry, output: undefined} : entry))}
				total={actions.length}
			/>
			{instructions.map((action, index) => (
				<Box key={index} flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1}>
					<Text bold>{action.label}</Text>
					<Text>{action.text}</Text>
				</Box>
			))}
			{failure ? (
				<Box flexDirection="column">
					<Text color="red" bold>
						✖ {failure.message}
					</Text>
					{failure.output ? <Text dimColor>{failure.output}</Text> : null}
					{failure.hint ? <Text>Next: {failure.hint}</Text> : null}
					<ChoiceList
						choices={[
							{label: 'Try again', value: 'retry'},
							{label: 'Skip this step for now', value: 'skip'},
							{label: 'Save and quit (resume later)', value: 'quit'},
						]}
						onChoose={choice => {
							({retry: onRetry, skip: onSkip, quit: onQuit})[choice]();
						}}
					/>
				</Box>
			) : (
				<Text color="green" bold>
					✔ Done.
				</Text>
			)}
			<KeyHints hints={failure ? ['↑↓ choose', 'Enter select'] : ['Enter continue']} />
		</Box>
	);
}
