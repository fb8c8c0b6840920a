import {Box, Text} from 'ink';
import {ChoiceList} from './choice-list.js';
import {ScreenFrame} from './screen-frame.js';

export type WelcomeChoice = 'deploy' | 'generate' | 'learn';

type WelcomeScreenProps = {
	projectDirectory: string;
	dryRun: boolean;
	notice?: string;
	onChoose: (choice: WelcomeChoice) => void;
};

export const welcomeChoices: Array<{label: string; value: WelcomeChoice; description: string}> = [
	{label: 'Deploy my ML API', value: 'deploy', description: 'Files, server or cloud setup, HTTPS, the scheduled job and a live check.'},
	{label: 'Only write the files', value: 'generate', description: 'Dockerfile, compose file, Caddyfile and friends; nothing is deployed.'},
	{label: "I'm new to this: explain every step", value: 'learn', description: 'The same deployment, with what each part is and why it is needed.'},
];

export const welcomeTagline = 'Takes your ML API from this laptop to the internet, one explained step at a time.';
export const welcomeQuestion = 'What would you like to do?';
export const welcomeHints = ['↑↓ choose', 'Enter select'];
export const dryRunLine = 'Dry run: every file and command is shown, nothing is changed.';

export function WelcomeScreen({projectDirectory, dryRun, notice, onChoose}: WelcomeScreenProps) {
	return (
		<ScreenFrame
			header={
				<>
					<Text bold color="cyan">
						ml-deploy-wizard
					</Text>
					<Text>{welcomeTagline}</Text>
					<Text dimColor>Project: {projectDirectory}</Text>
					{dryRun ? <Text color="yellow">{dryRunLine}</Text> : null}
				</>
			}
			controls={
				<Box flexDirection="column" gap={1}>
					<Text>{welcomeQuestion}</Text>
					<ChoiceList choices={welcomeChoices} onChoose={onChoose} />
				</Box>
			}
			hints={welcomeHints}
			// Nothing is saved before a provider is chosen.
			quitHint="Ctrl-C quit"
		>
			{notice ? <Text color="yellow">{notice}</Text> : undefined}
		</ScreenFrame>
	);
}
