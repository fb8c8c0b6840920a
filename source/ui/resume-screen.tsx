import {Box, Text} from 'ink';
import {ChoiceList} from './choice-list.js';
import {ScreenFrame} from './screen-frame.js';

type ResumeScreenProps = {
	providerName?: string;
	nextStepTitle?: string;
	savedAt: string;
	notice?: string;
	/** The name to confirm when the deployment can be removed by the wizard. */
	teardownName?: string;
	onChoose: (choice: 'resume' | 'review' | 'start-over' | 'teardown') => void;
};

export function ResumeScreen({providerName, nextStepTitle, savedAt, notice, teardownName, onChoose}: ResumeScreenProps) {
	const where = nextStepTitle ? `at "${nextStepTitle}"` : 'at the summary (every step is finished)';
	return (
		<ScreenFrame
			header={
				<Text bold color="cyan">
					Welcome back
				</Text>
			}
			controls={
				<ChoiceList
					choices={[
						{label: `Resume ${where}`, value: 'resume'},
						{label: 'Review answers and steps', value: 'review'},
						{label: 'Start over', value: 'start-over', description: 'Forgets the saved answers (asks first). Files already written stay.'},
						...(teardownName
							? [{label: `Remove the deployment "${teardownName}"`, value: 'teardown' as const, description: 'Deletes what the wizard created on the platform; you type the name to confirm.'}]
							: []),
					]}
					onChoose={onChoose}
				/>
			}
			hints={['↑↓ choose', 'Enter select']}
		>
			<Box flexDirection="column" gap={1}>
				{notice ? <Text color="yellow">{notice}</Text> : null}
				<Text>
					You have a setup in progress{providerName ? ` for ${providerName}` : ''}, saved {savedAt}.
				</Text>
			</Box>
		</ScreenFrame>
	);
}
