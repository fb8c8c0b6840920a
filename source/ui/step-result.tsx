import {Box, Text} from 'ink';
import type {Action, ActionOutcome} from '../core/action.js';
import type {ActionLogEntry} from '../state/wizard-state.js';
import {ChoiceList} from './choice-list.js';
import {PublicKeyBlock, publicKeyLine} from './public-key-block.js';
import {ActionLog} from './running-view.js';
import {type FrameParts, ScreenFrame} from './screen-frame.js';
import {useEnterEscape} from './use-enter-escape.js';

type StepResultProps = {
	frame: FrameParts;
	actions: Action[];
	log: ActionLogEntry[];
	failure?: Extract<ActionOutcome, {ok: false}>;
	/** How many times this step ran in this session: a second failure says so. */
	attempt: number;
	/** "Change the server address, port or user": where a wrong answer can be fixed, when there is one. */
	changeLabel?: string;
	/** Nothing ran: the log says what would have. */
	dryRun: boolean;
	/** The server's answers, for the ssh-copy-id line under a server key. */
	server?: {user?: string; host?: string; port?: number};
	onContinue: () => void;
	onRetry: () => void;
	onChange: () => void;
	onSkip: () => void;
	onQuit: () => void;
};

type FailureChoice = 'retry' | 'change' | 'skip' | 'quit';

export function StepResult({frame, actions, log, failure, attempt, changeLabel, dryRun, server, onContinue, onRetry, onChange, onSkip, onQuit}: StepResultProps) {
	useEnterEscape({onEnter: failure ? undefined : onContinue});
	// Instructions ("paste this key at ...") stay on screen after the step: they are the result.
	const instructions = actions.filter(action => action.kind === 'instruct');
	const keys = log.flatMap(entry => {
		const action = actions[entry.index];
		const line = entry.output?.split('\n').find(candidate => publicKeyLine.test(candidate));
		return action?.kind === 'generate-key' && entry.status === 'done' && line ? [{entry, line, path: action.path, purpose: action.purpose}] : [];
	});
	const choices: Array<{label: string; value: FailureChoice}> = [
		{label: 'Try again', value: 'retry'},
		...(changeLabel ? [{label: changeLabel, value: 'change' as const}] : []),
		{label: 'Skip this step for now', value: 'skip'},
		{label: 'Save and quit (resume later)', value: 'quit'},
	];
	return (
		<ScreenFrame
			header={frame.header}
			// A key needs the whole width to stay on one line.
			aside={keys.length > 0 ? undefined : frame.aside}
			hints={failure ? ['↑↓ choose', 'Enter select'] : ['Enter continue']}
			arrowsScroll={!failure}
			follow={Boolean(failure)}
			controls={
				failure ? (
					<Box flexDirection="column">
						<Text color="red" bold>
							✖ {attempt > 1 ? `Attempt ${attempt}: ` : ''}
							{failure.message}
						</Text>
						<ChoiceList
							choices={choices}
							onChoose={choice => {
								({retry: onRetry, change: onChange, skip: onSkip, quit: onQuit})[choice]();
							}}
						/>
					</Box>
				) : dryRun ? (
					<Text bold>Dry run: nothing ran. This is what the step would do.</Text>
				) : (
					<Text color="green" bold>
						✔ Done{attempt > 1 ? ` (attempt ${attempt})` : ''}.
					</Text>
				)
			}
		>
			<Box flexDirection="column" gap={1}>
				<ActionLog
					showOutput
					dryRun={dryRun}
					log={log.map(entry => {
						const action = actions[entry.index];
						// Instructions get their own box below; a key gets its own rows.
						if (action?.kind === 'instruct') {
							return {...entry, output: undefined};
						}

						return keys.some(key => key.entry === entry) ? {...entry, output: entry.output?.split('\n').filter(line => !publicKeyLine.test(line) && !/^Public key/.test(line)).join('\n')} : entry;
					})}
					total={actions.length}
				/>
				{keys.map(key => (
					<PublicKeyBlock key={key.path} line={key.line} path={key.path} copyTo={key.purpose === 'server' ? (server ?? {}) : undefined} />
				))}
				{instructions.map((action, index) => (
					<Box key={index} flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1}>
						<Text bold>{action.label}</Text>
						<Text>{action.text}</Text>
					</Box>
				))}
				{failure?.output ? <Text dimColor>{failure.output}</Text> : null}
				{failure?.hint ? <Text>Next: {failure.hint}</Text> : null}
			</Box>
		</ScreenFrame>
	);
}
