import {Box, Text} from 'ink';
import {useState} from 'react';
import type {Question, QuestionAnswer} from '../state/wizard-state.js';
import {TextField} from './text-field.js';
import {useEnterEscape} from './use-enter-escape.js';

type SecretQuestionProps = {
	question: Question;
	secret: {label: string};
	onAnswer: (answer: QuestionAnswer) => void;
};

/**
 * A hidden text answer asked mid-step (a key's passphrase). What is typed lives in this
 * component only, shown as *, and goes straight to whoever asked: never into the wizard's
 * state, so it cannot be saved with the progress. Esc declines.
 */
export function SecretQuestion({question, secret, onAnswer}: SecretQuestionProps) {
	const [value, setValue] = useState('');
	useEnterEscape({
		onEscape() {
			onAnswer(undefined);
		},
	});
	return (
		<Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1}>
			<Text bold>{question.title}</Text>
			{question.detail ? question.detail.split('\n').map((line, index) => <Text key={index}>{line}</Text>) : null}
			<Text dimColor>{secret.label}</Text>
			<Box>
				<Text color="cyan">{'› '}</Text>
				<TextField
					value={value}
					mask="*"
					onChange={setValue}
					onSubmit={() => {
						onAnswer(value);
					}}
				/>
			</Box>
		</Box>
	);
}
