import {Box, Text} from 'ink';
import type {Action} from '../core/action.js';
import {describeAction} from '../run/describe-action.js';
import {type FrameParts, ScreenFrame} from './screen-frame.js';
import {useEnterEscape} from './use-enter-escape.js';

type ActionPreviewProps = {
	frame: FrameParts;
	actions: Action[];
	dryRun: boolean;
	onRun: () => void;
	onBack: () => void;
};

/** Everything the step will write and run, before anything happens. */
export function ActionPreview({frame, actions, dryRun, onRun, onBack}: ActionPreviewProps) {
	// A dry run promises every file: each is shown in full. Otherwise one file is shown, and
	// several are named (each explains itself in comments once written). What goes on the
	// server (a Caddy site, an apt source) is short and is always shown.
	const writes = actions.filter(action => action.kind === 'write-file').length;
	const showContent = dryRun || writes === 1;
	useEnterEscape({onEnter: onRun, onEscape: onBack});
	return (
		<ScreenFrame {...frame} hints={[dryRun ? 'Enter continue (dry run: nothing changes)' : 'Enter run', 'Esc back']} arrowsScroll>
			<Box flexDirection="column" gap={1}>
				<Text bold>{dryRun ? 'This step would:' : 'This step will:'}</Text>
				<Box flexDirection="column">
					{actions.map((action, index) => (
						<Box key={index} flexDirection="column">
							<Text>
								{index + 1}. {action.label}
							</Text>
							{describeAction(action).map((line, lineIndex) => (
								<Text key={lineIndex} dimColor>
									{'   '}
									{line}
								</Text>
							))}
							{(action.kind === 'write-file' && showContent) || action.kind === 'write-remote-file' ? <FileContent content={action.content} /> : null}
						</Box>
					))}
				</Box>
				{writes > 1 && !showContent ? <Text dimColor>Each file explains itself in comments; a file you edit later is never replaced without asking.</Text> : null}
			</Box>
		</ScreenFrame>
	);
}

function FileContent({content}: {content: string}) {
	// Tabs would break the frame around the text.
	const lines = content.replaceAll('\t', '  ').replace(/\n$/, '').split('\n');
	return (
		<Box flexDirection="column" marginLeft={3} borderStyle="single" borderDimColor paddingX={1}>
			{lines.map((line, index) => (
				<Text key={index}>{line || ' '}</Text>
			))}
		</Box>
	);
}
