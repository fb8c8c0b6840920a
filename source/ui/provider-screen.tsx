import {Box, Text} from 'ink';
import type {Provider, ProviderId} from '../core/step.js';
import {ChoiceList} from './choice-list.js';
import {ScreenFrame} from './screen-frame.js';

type ProviderScreenProps = {
	providers: readonly Provider[];
	learn: boolean;
	onChoose: (provider: ProviderId) => void;
};

export function ProviderScreen({providers, learn, onChoose}: ProviderScreenProps) {
	return (
		<ScreenFrame
			header={
				<Text bold color="cyan">
					Where should your API run?
				</Text>
			}
			controls={
				<Box flexDirection="column">
					<ChoiceList
						choices={providers.map(provider => ({label: provider.name, value: provider.id, description: provider.description}))}
						onChoose={onChoose}
					/>
				</Box>
			}
			hints={['↑↓ choose', 'Enter select', 'Esc back']}
			// Nothing is saved before a provider is chosen.
			quitHint="Ctrl-C quit"
		>
			{learn ? (
				<Text>
					A VPS is a rented Linux computer you manage yourself: cheapest and most flexible, and you learn the most. Cloud Run
					and Heroku run your container for you: less to set up, more to pay as you grow.
				</Text>
			) : undefined}
		</ScreenFrame>
	);
}
