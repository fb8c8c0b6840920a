import {Box, Text} from 'ink';
import SelectInput from 'ink-select-input';

export type Choice<Value extends string> = {label: string; value: Value; description?: string};

type ChoiceListProps<Value extends string> = {
	choices: Array<Choice<Value>>;
	onChoose: (value: Value) => void;
	initialIndex?: number;
};

/** Arrow keys and Enter over a short list; each choice may carry a one-line description. */
export function ChoiceList<Value extends string>({choices, onChoose, initialIndex}: ChoiceListProps<Value>) {
	const descriptions = new Map(choices.map(choice => [choice.value, choice.description]));
	return (
		<SelectInput
			items={choices.map(choice => ({key: choice.value, label: choice.label, value: choice.value}))}
			initialIndex={initialIndex}
			itemComponent={({isSelected, label}) => {
				const choice = choices.find(candidate => candidate.label === label);
				const description = choice ? descriptions.get(choice.value) : undefined;
				return (
					<Box flexDirection="column">
						<Text color={isSelected ? 'cyan' : undefined} bold={isSelected}>
							{label}
						</Text>
						{description ? <Text dimColor>{description}</Text> : null}
					</Box>
				);
			}}
			onSelect={item => {
				onChoose(item.value);
			}}
		/>
	);
}
