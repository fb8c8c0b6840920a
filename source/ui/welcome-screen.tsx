import {Box, Text} from 'ink';
import {ChoiceList} from './choice-list.js';
import {ScreenFrame} from './screen-frame.js';
import {dryRunLine, type WelcomeChoice, welcomeChoices, welcomeHints, welcomeQuestion, welcomeQuitHint, welcomeTagline, welcomeTitle} from './welcome-text.js';

export type {WelcomeChoice} from './welcome-text.js';

type WelcomeScreenProps = {
	projectDirectory: string;
	dryRun: boolean;
	notice?: string;
	onChoose: (choice: WelcomeChoice) => void;
};

/** The first screen; ui/first-frame.ts paints the same before the interface has loaded. */
export function WelcomeScreen({projectDirectory, dryRun, notice, onChoose}: WelcomeScreenProps) {
	return (
		<ScreenFrame
			header={
				<>
					<Text bold color="cyan">
						{welcomeTitle}
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
			quitHint={welcomeQuitHint}
		>
			{notice ? <Text color="yellow">{notice}</Text> : undefined}
		</ScreenFrame>
	);
}
