import {Box, Text} from 'ink';
import {ChoiceList} from './choice-list.js';
import {KeyHints} from './key-hints.js';

type ConfirmScreenProps = {
	question: string;
	detail?: string;
	yesLabel: string;
	onAnswer: (confirmed: boolean) => void;
};

/** Yes/no with "no" selected first: a destructive choice always takes a deliberate move. */
export function ConfirmScreen({question, detail, yesLabel, onAnswer}: ConfirmScreenProps) {
	return (
		<Box flexDirection="column" gap={1}>
			<Text bold>{question}</Text>
			{detail ? <Text>{detail}</Text> : null}
			<ChoiceList
				choices={[
					{label: 'No, keep it', value: 'no'},
					{label: yesLabel, value: 'yes'},
				]}
				onChoose={value => {
					onAnswer(value === 'yes');
				}}
			/>
			<KeyHints hints={['↑↓ choose', 'Enter select', 'Esc back']} />
		</Box>
	);
}
