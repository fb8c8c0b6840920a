import {Text} from 'ink';
import {ChoiceList} from './choice-list.js';
import {ScreenFrame} from './screen-frame.js';

type ConfirmScreenProps = {
	question: string;
	detail?: string;
	yesLabel: string;
	onAnswer: (confirmed: boolean) => void;
};

/** Yes/no with "no" selected first: a destructive choice always takes a deliberate move. */
export function ConfirmScreen({question, detail, yesLabel, onAnswer}: ConfirmScreenProps) {
	return (
		<ScreenFrame
			header={<Text bold>{question}</Text>}
			controls={
				<ChoiceList
					choices={[
						{label: 'No, keep it', value: 'no'},
						{label: yesLabel, value: 'yes'},
					]}
					onChoose={value => {
						onAnswer(value === 'yes');
					}}
				/>
			}
			hints={['↑↓ choose', 'Enter select', 'Esc back']}
		>
			{detail ? <Text>{detail}</Text> : undefined}
		</ScreenFrame>
	);
}
