import {Box, Text} from 'ink';
import type {InputField} from '../core/step.js';
import {ChoiceList} from './choice-list.js';
import {TextField} from './text-field.js';
import {useEnterEscape} from './use-enter-escape.js';

type FieldInputProps = {
	field: InputField;
	help?: string;
	draft: string;
	error?: string;
	onChange: (draft: string) => void;
	onSubmit: () => void;
	onChoose: (value: string) => void;
	onBack: () => void;
};

/** One question: label, help, a text box (masked when secret) or a list, and the inline error. */
export function FieldInput({field, help, draft, error, onChange, onSubmit, onChoose, onBack}: FieldInputProps) {
	useEnterEscape({onEscape: onBack});
	const initialIndex = field.choices ? Math.max(0, field.choices.findIndex(choice => choice.value === draft)) : 0;
	return (
		<Box flexDirection="column">
			<Text bold>{field.label}</Text>
			{help ? <Text dimColor>{help}</Text> : null}
			{field.choices ? (
				<ChoiceList key={field.name} choices={field.choices} initialIndex={initialIndex} onChoose={onChoose} />
			) : (
				<Box>
					<Text color="cyan">{'› '}</Text>
					{/* Keyed by field: a fresh text box per question, so the cursor starts at the end of
					    the pre-filled answer instead of where it was in the previous question. */}
					<TextField key={field.name} value={draft} mask={field.secret ? '*' : undefined} onChange={onChange} onSubmit={onSubmit} />
				</Box>
			)}
			{error ? <Text color="red">✖ {error}</Text> : null}
		</Box>
	);
}
