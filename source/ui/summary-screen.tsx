import {Box, Text} from 'ink';
import {type ChecklistItem, StepChecklist} from './step-checklist.js';
import {useEnterEscape} from './use-enter-escape.js';

type SummaryScreenProps = {
	mode: 'deploy' | 'generate';
	dryRun: boolean;
	steps: ChecklistItem[];
	/** Where the API answers, once a deploy step said so. */
	url?: string;
	/** The commit the server runs: short hash, subject and branch. */
	commit?: string;
	logsCommand?: string;
	onExit: () => void;
};

export function SummaryScreen({mode, dryRun, steps, url, commit, logsCommand, onExit}: SummaryScreenProps) {
	useEnterEscape({onEnter: onExit, onEscape: onExit});
	const unfinished = steps.filter(step => step.status !== 'done');
	const headline = dryRun
		? 'Dry run finished: nothing was changed.'
		: unfinished.length === 0
			? mode === 'generate'
				? 'Your deployment files are written.'
				: 'All steps are done.'
			: `Finished, with ${unfinished.length} step${unfinished.length === 1 ? '' : 's'} skipped or not done.`;
	return (
		<Box flexDirection="column" gap={1}>
			<Text bold color={unfinished.length === 0 ? 'green' : 'yellow'}>
				{headline}
			</Text>
			<StepChecklist items={steps} />
			{url && !dryRun ? (
				<Box flexDirection="column">
					<Text>
						Your API: <Text color="cyan">{url}</Text>
					</Text>
					{commit ? <Text>Running: {commit}</Text> : null}
					{logsCommand ? <Text>Its logs: {logsCommand}</Text> : null}
					<Text dimColor>Check it again at any time: npx ml-deploy-wizard verify</Text>
				</Box>
			) : null}
			{unfinished.length > 0 && !dryRun ? (
				<Text>Run the wizard again at any time: it offers to resume, review or start over.</Text>
			) : null}
			<Text dimColor>Enter to exit.</Text>
		</Box>
	);
}
