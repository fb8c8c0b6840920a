import {Box, Text} from 'ink';
import type {AnswerValue} from '../core/step.js';
import {KeyHints} from './key-hints.js';
import {type ChecklistItem, StepChecklist} from './step-checklist.js';
import {useEnterEscape} from './use-enter-escape.js';

type ReviewScreenProps = {
	providerName?: string;
	answers: Record<string, AnswerValue>;
	steps: ChecklistItem[];
	onBack: () => void;
};

export function ReviewScreen({providerName, answers, steps, onBack}: ReviewScreenProps) {
	useEnterEscape({onEnter: onBack, onEscape: onBack});
	const entries = Object.entries(answers);
	return (
		<Box flexDirection="column" gap={1}>
			<Text bold>Saved setup{providerName ? `: ${providerName}` : ''}</Text>
			<Box flexDirection="column">
				<Text underline>Answers</Text>
				{entries.length === 0 ? <Text dimColor>None yet.</Text> : null}
				{entries.map(([name, value]) => (
					<Text key={name}>
						{name}: <Text color="cyan">{String(value)}</Text>
					</Text>
				))}
			</Box>
			<Box flexDirection="column">
				<Text underline>Steps</Text>
				<StepChecklist items={steps} />
			</Box>
			<KeyHints hints={['Enter or Esc back']} />
		</Box>
	);
}
