import {Box, Text, useInput} from 'ink';
import type {Action} from '../core/action.js';
import {describeAction} from '../run/describe-action.js';
import {KeyHints} from './key-hints.js';

const contentPreviewLines = 12;

type ActionPreviewProps = {
	actions: Action[];
	dryRun: boolean;
	onRun: () => void;
	onBack: () => void;
};

/** Everything the step will write and run, before anything happens. */
export function ActionPreview({actions, dryRun, onRun, onBack}: ActionPreviewProps) {
	useInput((_input, key) => {
		if (key.return) {
			onRun();
		} else if (key.escape) {
			onBack();
		}
	});
	return (
		<Box flexDirection="column" gap={1}>
			<Text bold>{dryRun ? 'This step would:' : 'This step will:'}</Text>
			<Box flexDirection="column">
				{actions.map((action, index) => (
					<Box key={index} flexDirection="column">
						<Text>
							{index + 1}. {action.label}
						</Text>
						{describeAction(action).map(line => (
							<Text key={line} dimColor>
								{'   '}
								{line}
							</Text>
						))}
						{action.kind === 'write-file' ? <ContentPreview content={action.content} /> : null}
					</Box>
				))}
			</Box>
			<KeyHints hints={[dryRun ? 'Enter continue (dry run: nothing changes)' : 'Enter run', 'Esc back']} />
		</Box>
	);
}

function ContentPreview({content}: {content: string}) {
	const lines = content.split('\n');
	const shown = lines.slice(0, contentPreviewLines);
	return (
		<Box flexDirection="column" marginLeft={5} borderStyle="single" borderDimColor paddingX={1}>
			{shown.map((line, index) => (
				<Text key={index}>{line || ' '}</Text>
			))}
			{lines.length > shown.length ? <Text dimColor>… {lines.length - shown.length} more lines</Text> : null}
		</Box>
	);
}
