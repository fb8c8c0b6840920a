import {Box, Text} from 'ink';
import {ChoiceList} from './choice-list.js';
import {KeyHints} from './key-hints.js';

export type WelcomeChoice = 'deploy' | 'generate' | 'learn';

type WelcomeScreenProps = {
	projectDirectory: string;
	dryRun: boolean;
	notice?: string;
	onChoose: (choice: WelcomeChoice) => void;
};

export function WelcomeScreen({projectDirectory, dryRun, notice, onChoose}: WelcomeScreenProps) {
	return (
		<Box flexDirection="column" gap={1}>
			<Box flexDirection="column">
				<Text bold color="cyan">
					ml-deploy-wizard
				</Text>
				<Text>Takes your ML API from this laptop to the internet, one explained step at a time.</Text>
				<Text dimColor>Project: {projectDirectory}</Text>
				{dryRun ? <Text color="yellow">Dry run: every file and command is shown, nothing is changed.</Text> : null}
			</Box>
			{notice ? <Text color="yellow">{notice}</Text> : null}
			<Text>What would you like to do?</Text>
			<ChoiceList
				choices={[
					{label: 'Deploy my ML API', value: 'deploy', description: 'Files, server or cloud setup, HTTPS, the scheduled job and a live check.'},
					{label: 'Only write the files', value: 'generate', description: 'Dockerfile, compose file, Caddyfile and friends; nothing is deployed.'},
					{label: "I'm new to this: explain every step", value: 'learn', description: 'The same deployment, with what each part is and why it is needed.'},
				]}
				onChoose={onChoose}
			/>
			<KeyHints hints={['↑↓ choose', 'Enter select']} />
		</Box>
	);
}
