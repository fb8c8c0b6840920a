import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {InputField, Step} from '../core/step.js';
import type {QuestionAnswer, StepPhase} from '../state/wizard-state.js';
import {ActionPreview} from './action-preview.js';
import {FieldInput} from './field-input.js';
import {KeyHints} from './key-hints.js';
import {RunningView} from './running-view.js';
import {StepResult} from './step-result.js';
import {useEnterEscape} from './use-enter-escape.js';

export type StepScreenCallbacks = {
	onDraftChange: (draft: string) => void;
	onSubmitInput: () => void;
	onChoose: (value: string) => void;
	onRun: () => void;
	onContinue: () => void;
	onRetry: () => void;
	onSkip: () => void;
	onBack: () => void;
	onQuit: () => void;
	onAnswer: (answer: QuestionAnswer) => void;
};

type StepScreenProps = StepScreenCallbacks & {
	step: Step;
	stepNumber: number;
	stepCount: number;
	phase: StepPhase;
	/** The question being asked, when the phase is an input, and its help in this context. */
	field?: InputField;
	help?: string;
	/** What the step found out before asking (detected values, warnings). */
	notes: string[];
	learn: boolean;
	dryRun: boolean;
};

export function StepScreen(props: StepScreenProps) {
	const {step, stepNumber, stepCount, learn} = props;
	return (
		<Box flexDirection="column" gap={1}>
			<Box flexDirection="column">
				<Text bold color="cyan">
					Step {stepNumber} of {stepCount}: {step.title}
				</Text>
				<Text>{step.summary}</Text>
			</Box>
			{learn ? (
				<Box borderStyle="round" borderDimColor paddingX={1} flexDirection="column">
					<Text bold>What is going on here?</Text>
					<Text>{step.learn}</Text>
				</Box>
			) : null}
			<PhaseBody {...props} />
		</Box>
	);
}

function PhaseBody(props: StepScreenProps) {
	const {phase} = props;
	switch (phase.name) {
		case 'unavailable': {
			return <Unavailable onContinue={props.onContinue} onBack={props.onBack} />;
		}

		case 'input': {
			return props.field ? (
				<Box flexDirection="column" gap={1}>
					{props.notes.length > 0 ? (
						<Box flexDirection="column">
							{props.notes.map((note, index) => (
								<Text key={index} color={/^(warning|⚠)/i.test(note.trim()) ? 'yellow' : undefined}>
									{note}
								</Text>
							))}
						</Box>
					) : null}
					<FieldInput
						field={props.field}
						help={props.help}
						draft={phase.draft}
						error={phase.error}
						onChange={props.onDraftChange}
						onSubmit={props.onSubmitInput}
						onChoose={props.onChoose}
						onBack={props.onBack}
					/>
					<KeyHints hints={props.field.choices ? ['↑↓ choose', 'Enter select', 'Esc back'] : ['Enter confirm', 'Esc back']} />
				</Box>
			) : null;
		}

		case 'planning': {
			return (
				<Text>
					<Text color="yellow">
						<Spinner type="dots" />
					</Text>{' '}
					Preparing what this step will do…
				</Text>
			);
		}

		case 'preview': {
			return <ActionPreview actions={phase.actions} dryRun={props.dryRun} onRun={props.onRun} onBack={props.onBack} />;
		}

		case 'running': {
			return (
				<RunningView
					total={phase.actions.length}
					log={phase.log}
					outputTail={phase.outputTail}
					question={phase.question}
					onAnswer={props.onAnswer}
				/>
			);
		}

		case 'result': {
			return (
				<StepResult
					actions={phase.actions}
					log={phase.log}
					failure={phase.failure}
					onContinue={props.onContinue}
					onRetry={props.onRetry}
					onSkip={props.onSkip}
					onQuit={props.onQuit}
				/>
			);
		}
	}
}

function Unavailable({onContinue, onBack}: {onContinue: () => void; onBack: () => void}) {
	useEnterEscape({onEnter: onContinue, onEscape: onBack});
	return (
		<Box flexDirection="column" gap={1}>
			<Text color="yellow">Not available yet: this version of the wizard cannot do this step for you.</Text>
			<KeyHints hints={['Enter skip it for now', 'Esc back']} />
		</Box>
	);
}
