import {Box, Text, useInput} from 'ink';
import {useState} from 'react';

export type Choice<Value extends string> = {label: string; value: Value; description?: string};

type ChoiceListProps<Value extends string> = {
	choices: Array<Choice<Value>>;
	onChoose: (value: Value) => void;
	initialIndex?: number;
};

/** Arrow keys and Enter over a short list; each choice may carry a one-line description. */
export function ChoiceList<Value extends string>({choices, onChoose, initialIndex = 0}: ChoiceListProps<Value>) {
	const [selected, setSelected] = useState(initialIndex);
	const index = Math.min(Math.max(0, selected), choices.length - 1);
	useInput((_input, key) => {
		if (key.upArrow) {
			setSelected((index - 1 + choices.length) % choices.length);
		} else if (key.downArrow) {
			setSelected((index + 1) % choices.length);
		} else if (key.return && choices[index]) {
			onChoose(choices[index].value);
		}
	});
	return (
		<Box flexDirection="column">
			{choices.map((choice, position) => {
				const isSelected = position === index;
				return (
					<Box key={choice.value} flexDirection="row">
						<Box width={2} flexShrink={0}>
							<Text color="cyan">{isSelected ? '❯' : ' '}</Text>
						</Box>
						<Box flexDirection="column" flexShrink={1}>
							<Text color={isSelected ? 'cyan' : undefined} bold={isSelected}>
								{choice.label}
							</Text>
							{choice.description ? <Text dimColor>{choice.description}</Text> : null}
						</Box>
					</Box>
				);
			})}
		</Box>
	);
}
