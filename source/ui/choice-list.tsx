import {Box, Text, useInput} from 'ink';
import {useRef, useState} from 'react';

export type Choice<Value extends string> = {label: string; value: Value; description?: string};

type ChoiceListProps<Value extends string> = {
	choices: Array<Choice<Value>>;
	onChoose: (value: Value) => void;
	initialIndex?: number;
};

/** Arrow keys and Enter over a short list; each choice may carry a one-line description. */
export function ChoiceList<Value extends string>({choices, onChoose, initialIndex = 0}: ChoiceListProps<Value>) {
	const [selected, setSelected] = useState(initialIndex);
	// Keys pressed faster than the list redraws each move from where the one before left it.
	const latest = useRef(selected);
	const index = Math.min(Math.max(0, selected), choices.length - 1);
	useInput((_input, key) => {
		const current = Math.min(Math.max(0, latest.current), choices.length - 1);
		const move = (next: number) => {
			latest.current = next;
			setSelected(next);
		};

		if (key.upArrow) {
			move((current - 1 + choices.length) % choices.length);
		} else if (key.downArrow) {
			move((current + 1) % choices.length);
		} else if (key.return && choices[current]) {
			onChoose(choices[current].value);
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
