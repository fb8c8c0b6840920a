import {Box, Text} from 'ink';
import type {FinishedStep, WrittenFile} from '../state/wizard-state.js';
import {ChoiceList} from './choice-list.js';
import {FinishedStepNote} from './finished-step.js';
import {ScreenFrame} from './screen-frame.js';
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
	/** The files the files step wrote, replaced or kept in this run. */
	written: WrittenFile[];
	/** How to try the files here before deploying (docker compose up --build), when docker is installed. */
	tryLocally?: string;
	/** The last step, when it finished with nothing to act on (the live check's table). */
	previous?: FinishedStep;
	/** Given for "only write the files": goes on to deploy from the step after the files. */
	onDeploy?: () => void;
	onExit: () => void;
};

export function SummaryScreen(props: SummaryScreenProps) {
	const {mode, dryRun, steps, onExit, onDeploy} = props;
	const unfinished = steps.filter(step => step.status !== 'done');
	const headline = dryRun
		? 'Dry run finished: nothing was changed.'
		: unfinished.length === 0
			? mode === 'generate'
				? 'Your deployment files are ready.'
				: 'All steps are done.'
			: `Finished, with ${unfinished.length} step${unfinished.length === 1 ? '' : 's'} skipped or not done.`;
	const offerDeploy = mode === 'generate' && onDeploy !== undefined;
	return (
		<ScreenFrame
			header={
				<Text bold color={unfinished.length === 0 ? 'green' : 'yellow'}>
					{headline}
				</Text>
			}
			hints={offerDeploy ? ['↑↓ choose', 'Enter select'] : ['Enter to exit.']}
			quitHint={offerDeploy ? 'Ctrl-C quit' : false}
			arrowsScroll={!offerDeploy}
			controls={offerDeploy ? <DeployOrExit onDeploy={onDeploy} onExit={onExit} /> : <ExitOnEnter onExit={onExit} />}
		>
			{/* What the person came for first (the address, the files), in view without scrolling;
			    then the last check's table and the steps. */}
			<Box flexDirection="column" gap={1}>
				{mode === 'generate' ? <GenerateOutcome {...props} /> : <DeployOutcome {...props} unfinished={unfinished.length} verified={steps.some(step => step.id === 'verify' && step.status === 'done')} />}
				{/* After the files step, the list of files above says it better. */}
				{props.previous && mode === 'deploy' ? <FinishedStepNote step={props.previous} dryRun={dryRun} /> : null}
				<StepChecklist items={steps} />
			</Box>
		</ScreenFrame>
	);
}

function ExitOnEnter({onExit}: {onExit: () => void}) {
	useEnterEscape({onEnter: onExit, onEscape: onExit});
	return null;
}

function DeployOrExit({onDeploy, onExit}: {onDeploy: () => void; onExit: () => void}) {
	return (
		<ChoiceList
			choices={[
				{label: 'Exit', value: 'exit', description: 'Come back with npx ml-deploy-wizard: it offers to go on from here.'},
				{label: 'Deploy it now', value: 'deploy', description: 'Goes on with the next step; your answers so far are kept.'},
			]}
			onChoose={choice => {
				(choice === 'deploy' ? onDeploy : onExit)();
			}}
		/>
	);
}

function GenerateOutcome({dryRun, written, tryLocally}: SummaryScreenProps) {
	const verb = {wrote: 'written', replaced: 'replaced', kept: 'kept as you had it', 'would write': 'would be written'} as const;
	const committed = written.filter(file => file.outcome !== 'kept').map(file => file.path);
	return (
		<Box flexDirection="column" gap={1}>
			<Box flexDirection="column">
				{written.length === 0 ? <Text>{dryRun ? 'No file would change.' : 'Every file was already up to date: nothing was written.'}</Text> : null}
				{written.map(file => (
					<Text key={file.path}>
						{'  '}
						{file.path} <Text dimColor>({verb[file.outcome]})</Text>
					</Text>
				))}
			</Box>
			{dryRun ? null : (
				<Box flexDirection="column">
					<Text bold>Next:</Text>
					{tryLocally ? (
						<>
							<Text>  Try it on this computer (settings come from .env: copy .env.example to .env and fill it in if you have none):</Text>
							<Text>{'      '}{tryLocally}</Text>
						</>
					) : null}
					<Text>  Commit the files, so your repository holds them:</Text>
					<Text>
						{'      '}git add {committed.join(' ') || '.'} && git commit -m "Add the deployment files"
					</Text>
					<Text>  Deploy: choose "Deploy it now" below, or run npx ml-deploy-wizard again later.</Text>
				</Box>
			)}
		</Box>
	);
}

function DeployOutcome({dryRun, url, commit, logsCommand, unfinished, verified}: SummaryScreenProps & {unfinished: number; verified: boolean}) {
	return (
		<Box flexDirection="column" gap={1}>
			{url && !dryRun ? (
				<Box flexDirection="column">
					{/* Only the live check makes it "your API"; before that it is where it will answer. */}
					<Text>
						{verified ? 'Your API: ' : 'Your API will answer at '}
						<Text color="cyan">{url}</Text>
						{verified ? '' : ' once the remaining steps are done (not checked yet).'}
					</Text>
					{commit ? <Text>Running: {commit}</Text> : null}
					{logsCommand ? <Text>Its logs: {logsCommand}</Text> : null}
					<Text dimColor>Check it {verified ? 'again ' : ''}at any time: npx ml-deploy-wizard verify</Text>
				</Box>
			) : null}
			{unfinished > 0 && !dryRun ? <Text>Run the wizard again at any time: it offers to resume, review or start over.</Text> : null}
		</Box>
	);
}
