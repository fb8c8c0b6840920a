import {Box, Text} from 'ink';
import type {Provider, ProviderId} from '../core/step.js';
import {ChoiceList} from './choice-list.js';
import {KeyHints} from './key-hints.js';

type ProviderScreenProps = {
	providers: readonly Provider[];
	learn: boolean;
	onChoose: (provider: ProviderId) => void;
};

export function ProviderScreen({providers, learn, onChoose}: ProviderScreenProps) {
	return (
		<Box flexDirection="column" gap={1}>
			<Text bold>Where should your API run?</Text>
			{learn ? (
				<Text>
					A VPS is a rented Linux computer you manage yourself: cheapest and most flexible, and you learn the most. Cloud Run
					and Heroku run your container for you: less to set up, more to pay as you grow.
				</Text>
			) : null}
			<ChoiceList
				choices={providers.map(provider => ({label: provider.name, value: provider.id, description: provider.description}))}
				onChoose={onChoose}
			/>
			<KeyHints hints={['↑↓ choose', 'Enter select', 'Esc back']} />
		</Box>
	);
}
