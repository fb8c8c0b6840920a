import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {ActionLogEntry, Question, QuestionAnswer} from '../state/wizard-state.js';
import {ChoiceList} from './choice-list.js';
import {SecretQuestion} from './secret-question.js';

const questionDetailLines = 30;

type RunningViewProps = {
	total: number;
	log: ActionLogEntry[];
	outputTail: string[];
	question?: Question;
	onAnswer: (answer: QuestionAnswer) => void;
};

/** What is running now, what already finished, the latest output, and any question it asks. */
export function RunningView({total, log, outputTail, question, onAnswer}: RunningViewProps) {
	return (
		<Box flexDirection="column" gap={1}>
			<ActionLog log={log} total={total} />
			{/* Keyed by the question: a second try starts from an empty box, not the wrong passphrase. */}
			{question?.secret ? <SecretQuestion key={question.title} question={question} secret={question.secret} onAnswer={onAnswer} /> : question ? <QuestionBox question={question} onAnswer={onAnswer} /> : null}
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
	);
}

const outputLines = 12;

/** The actions so far; with `showOutput`, what each check reported (a DNS answer, a table). */
export function ActionLog({log, total, showOutput = false}: {log: ActionLogEntry[]; total: number; showOutput?: boolean}) {
	return (
		<Box flexDirection="column">
			{log.map(entry => (
				<Box key={entry.index} flexDirection="column">
					<Text>
						<StatusMark status={entry.status} /> [{entry.index + 1}/{total}] {entry.label}
					</Text>
					{showOutput && entry.status === 'done' && entry.output && !/^(wrote|replaced|kept) /.test(entry.output) ? (
						<Box marginLeft={2} flexDirection="column">
							{entry.output
								.trimEnd()
								.split('\n')
								.slice(0, outputLines)
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

function QuestionBox({question, onAnswer}: {question: Question; onAnswer: (yes: boolean) => void}) {
	const lines = (question.detail ?? '').split('\n');
	const shown = lines.slice(0, questionDetailLines);
	return (
		<Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1}>
			<Text bold>{question.title}</Text>
			{question.detail
				? shown.map((line, index) => (
						<Text key={index} color={line.startsWith('+') ? 'green' : line.startsWith('-') ? 'red' : undefined}>
							{line || ' '}
						</Text>
					))
				: null}
			{lines.length > shown.length ? <Text dimColor>… {lines.length - shown.length} more lines</Text> : null}
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
