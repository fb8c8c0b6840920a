import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {ActionLogEntry, Question, QuestionAnswer} from '../state/wizard-state.js';
import {ChoiceList} from './choice-list.js';
import {type FrameParts, ScreenFrame} from './screen-frame.js';
import {SecretQuestion} from './secret-question.js';

type RunningViewProps = {
	frame: FrameParts;
	total: number;
	log: ActionLogEntry[];
	outputTail: string[];
	question?: Question;
	onAnswer: (answer: QuestionAnswer) => void;
};

/** What is running now, what already finished, the latest output, and any question it asks. */
export function RunningView({frame, total, log, outputTail, question, onAnswer}: RunningViewProps) {
	if (question?.secret) {
		return (
			<ScreenFrame key="secret" {...frame} hints={['Enter confirm', 'Esc skip']} follow controls={
				// Keyed by the question: a second try starts from an empty box, not the wrong passphrase.
				<SecretQuestion key={question.title} question={question} secret={question.secret} onAnswer={onAnswer} />
			}>
				<ActionLog log={log} total={total} />
			</ScreenFrame>
		);
	}

	if (question) {
		// The question's detail (a diff) is what to read: it gets the scrolling part, from its top.
		return (
			<ScreenFrame key={question.title} {...frame} hints={['↑↓ choose', 'Enter select']} controls={<QuestionControls question={question} onAnswer={onAnswer} />}>
				{question.detail ? <QuestionDetail detail={question.detail} /> : <ActionLog log={log} total={total} />}
			</ScreenFrame>
		);
	}

	return (
		<ScreenFrame key="log" {...frame} hints={[]} follow>
			<Box flexDirection="column" gap={1}>
				<ActionLog log={log} total={total} />
				{outputTail.length > 0 ? (
					<Box flexDirection="column" borderStyle="single" borderDimColor paddingX={1}>
						{outputTail.map((line, index) => (
							<Text key={index} dimColor wrap="truncate-end">
								{line}
							</Text>
						))}
					</Box>
				) : null}
			</Box>
		</ScreenFrame>
	);
}

/** The actions so far; with `showOutput`, what each check reported (a DNS answer, a table). */
export function ActionLog({log, total, showOutput = false, dryRun = false}: {log: ActionLogEntry[]; total: number; showOutput?: boolean; dryRun?: boolean}) {
	return (
		<Box flexDirection="column">
			{log.map(entry => (
				<Box key={entry.index} flexDirection="column">
					<Text>
						{/* In a dry run nothing was done: no tick, what it would do. */}
						{dryRun && entry.status === 'done' ? '·' : <StatusMark status={entry.status} />} [{entry.index + 1}/{total}] {entryLabel(entry)}
					</Text>
					{showOutput && entry.status === 'done' && entry.output && !fileOutcome.test(entry.output) ? (
						<Box marginLeft={2} flexDirection="column">
							{entry.output
								.trimEnd()
								.split('\n')
								.map((line, index) => (
									<Text key={index} dimColor>
										{line}
									</Text>
								))}
						</Box>
					) : null}
				</Box>
			))}
		</Box>
	);
}

const fileOutcome = /^(wrote|replaced|kept) /;

/**
 * A file question's label asks ("Replace .env.example?"); once answered, the log says what
 * happened instead ("Kept your .env.example"), so a tick never stands beside a question.
 */
function entryLabel(entry: ActionLogEntry): string {
	if (entry.status === 'done' && entry.output && /^(replaced|kept) /.test(entry.output)) {
		const line = entry.output.split('\n')[0]!;
		return line.charAt(0).toUpperCase() + line.slice(1);
	}

	return entry.label;
}

function StatusMark({status}: {status: ActionLogEntry['status']}) {
	if (status === 'running') {
		return (
			<Text color="yellow">
				<Spinner type="dots" />
			</Text>
		);
	}

	return status === 'done' ? <Text color="green">✔</Text> : <Text color="red">✖</Text>;
}

function QuestionDetail({detail}: {detail: string}) {
	return (
		<Box flexDirection="column">
			{detail.split('\n').map((line, index) => (
				<Text key={index} color={line.startsWith('+') ? 'green' : line.startsWith('-') ? 'red' : undefined}>
					{line || ' '}
				</Text>
			))}
		</Box>
	);
}

function QuestionControls({question, onAnswer}: {question: Question; onAnswer: (yes: boolean) => void}) {
	return (
		<Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1}>
			<Text bold>{question.title}</Text>
			<ChoiceList
				choices={[
					{label: question.noLabel, value: 'no'},
					{label: question.yesLabel, value: 'yes'},
				]}
				onChoose={value => {
					onAnswer(value === 'yes');
				}}
			/>
		</Box>
	);
}
