import {Box, Text} from 'ink';
import type {ReviewSection} from '../state/review-answers.js';
import {ScreenFrame} from './screen-frame.js';
import {type ChecklistItem, StepChecklist} from './step-checklist.js';
import {useEnterEscape} from './use-enter-escape.js';

type ReviewScreenProps = {
	providerName?: string;
	sections: ReviewSection[];
	steps: ChecklistItem[];
	onBack: () => void;
};

export function ReviewScreen({providerName, sections, steps, onBack}: ReviewScreenProps) {
	useEnterEscape({onEnter: onBack, onEscape: onBack});
	return (
		<ScreenFrame header={<Text bold>Saved setup{providerName ? `: ${providerName}` : ''}</Text>} hints={['Enter or Esc back']} arrowsScroll>
			<Box flexDirection="column" gap={1}>
				<Box flexDirection="column">
					<Text underline>Answers</Text>
					{sections.length === 0 ? <Text dimColor>None yet.</Text> : null}
					{sections.map(section => (
						<Box key={section.title} flexDirection="column">
							<Text bold>{section.title}</Text>
							{section.answers.map(answer => (
								<Text key={answer.label}>
									{'  '}
									{answer.label}: <Text color="cyan">{answer.value}</Text>
								</Text>
							))}
						</Box>
					))}
				</Box>
				<Box flexDirection="column">
					<Text underline>Steps</Text>
					<StepChecklist items={steps} />
				</Box>
			</Box>
		</ScreenFrame>
	);
}
