import {Box, Text} from 'ink';
import {ChoiceList} from './choice-list.js';
import {KeyHints} from './key-hints.js';

type ResumeScreenProps = {
	providerName?: string;
	nextStepTitle?: string;
	savedAt: string;
	notice?: string;
	onChoose: (choice: 'resume' | 'review' | 'start-over') => void;
};

export function ResumeScreen({providerName, nextStepTitle, savedAt, notice, onChoose}: ResumeScreenProps) {
	const where = nextStepTitle ? `at "${nextStepTitle}"` : 'at the summary (every step is finished)';
	return (
		<Box flexDirection="column" gap={1}>
			<Text bold color="cyan">
				Welcome back
			</Text>
			{notice ? <Text color="yellow">{notice}</Text> : null}
			<Text>
				You have a setup in progress{providerName ? ` for ${providerName}` : ''}, saved {savedAt}.
			</Text>
			<ChoiceList
				choices={[
					{label: `Resume ${where}`, value: 'resume'},
					{label: 'Review answers and steps', value: 'review'},
					{label: 'Start over', value: 'start-over', description: 'Forgets the saved answers (asks first). Files already written stay.'},
				]}
				onChoose={onChoose}
			/>
			<KeyHints hints={['↑↓ choose', 'Enter select']} />
		</Box>
	);
}
