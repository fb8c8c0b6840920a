import {Box, Text} from 'ink';
import {ChoiceList} from './choice-list.js';
import {useEnterEscape} from './use-enter-escape.js';

export type FormRow = {name: string; label: string; value: string};

// A value no field can have: the list's first row, going on with the answers as shown.
const continueValue = '\u0000continue';

type AnswersFormProps = {
	rows: FormRow[];
	onEdit: (name: string) => void;
	onConfirm: () => void;
	onBack: () => void;
};

/**
 * A step's answers on one screen, filled in from the project and earlier answers: Enter
 * goes on with them, or ↑↓ and Enter open one to change it.
 */
export function AnswersForm({rows, onEdit, onConfirm, onBack}: AnswersFormProps) {
	useEnterEscape({onEscape: onBack});
	return (
		<Box flexDirection="column">
			<Text bold>Go on with these, or choose one to change it:</Text>
			<ChoiceList
				choices={[
					{label: 'Continue with these', value: continueValue},
					...rows.map(row => ({label: `${row.label}: ${row.value}`, value: row.name})),
				]}
				onChoose={value => {
					if (value === continueValue) {
						onConfirm();
					} else {
						onEdit(value);
					}
				}}
			/>
		</Box>
	);
}
