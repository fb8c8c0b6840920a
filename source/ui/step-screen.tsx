import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {ReactNode} from 'react';
import type {InputField, Step} from '../core/step.js';
import type {FinishedStep, QuestionAnswer, StepPhase} from '../state/wizard-state.js';
import {ActionPreview} from './action-preview.js';
import {AnswersForm, type FormRow} from './answers-form.js';
import {FieldInput} from './field-input.js';
import {FinishedStepNote} from './finished-step.js';
import {RunningView} from './running-view.js';
import {type FrameParts, ScreenFrame} from './screen-frame.js';
import {StepResult} from './step-result.js';
import {useEnterEscape} from './use-enter-escape.js';

export type StepScreenCallbacks = {
	onDraftChange: (draft: string) => void;
	onSubmitInput: () => void;
	onEditField: (name: string) => void;
	onConfirmForm: () => void;
	onChoose: (value: string) => void;
	onRun: () => void;
	onContinue: () => void;
	onRetry: () => void;
	onChangeAnswers: () => void;
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
	/** The step list, shown beside the step when the terminal is wide enough. */
	checklist: ReactNode;
	/** The question being asked, when the phase is an input, and its help in this context. */
	field?: InputField;
	help?: string;
	/** What the step found out before asking (detected values, warnings). */
	notes: string[];
	/** The answers shown together, when the phase is the form. */
	formRows: FormRow[];
	/** The step that just finished with nothing to act on. */
	previous?: FinishedStep;
	learn: boolean;
	dryRun: boolean;
	attempt: number;
	changeLabel?: string;
	server?: {user?: string; host?: string; port?: number};
};

export function StepScreen(props: StepScreenProps) {
	const {step, stepNumber, stepCount} = props;
	const frame: FrameParts = {
		header: (
			<>
				<Text bold color="cyan">
					Step {stepNumber} of {stepCount}: {step.title}
				</Text>
				<Text>{step.summary}</Text>
			</>
		),
		aside: props.checklist,
		lead:
			props.learn || props.previous ? (
				<>
					{props.previous ? (
						<Box marginBottom={1}>
							<FinishedStepNote step={props.previous} dryRun={props.dryRun} />
						</Box>
					) : null}
					{props.learn ? <Learn step={step} /> : null}
				</>
			) : undefined,
	};
	// A fresh frame (scrolled to its top) for each step and phase.
	return <PhaseScreen key={`${step.id}:${props.phase.name}`} {...props} frame={frame} />;
}

/** The long explanation for learners, at the top of whatever the step shows. */
function Learn({step}: {step: Step}) {
	return (
		<Box borderStyle="round" borderDimColor paddingX={1} flexDirection="column" marginBottom={1}>
			<Text bold>What is going on here?</Text>
			<Text>{step.learn}</Text>
		</Box>
	);
}

function PhaseScreen(props: StepScreenProps & {frame: FrameParts}) {
	const {phase, frame} = props;
	switch (phase.name) {
		case 'unavailable': {
			return <Unavailable frame={frame} onContinue={props.onContinue} onBack={props.onBack} />;
		}

		case 'input': {
			const {field} = props;
			return field ? (
				<ScreenFrame
					{...frame}
					hints={field.choices ? ['↑↓ choose', 'Enter select', phase.back ? 'Esc back to the list' : 'Esc back'] : ['Enter confirm', phase.back ? 'Esc back to the list' : 'Esc back']}
					controls={
						<FieldInput
							field={field}
							help={props.help}
							draft={phase.draft}
							error={phase.error}
							onChange={props.onDraftChange}
							onSubmit={props.onSubmitInput}
							onChoose={props.onChoose}
							onBack={props.onBack}
						/>
					}
				>
					{props.notes.length > 0 ? <Notes notes={props.notes} /> : null}
				</ScreenFrame>
			) : null;
		}

		case 'form': {
			return (
				<ScreenFrame
					{...frame}
					hints={['↑↓ choose', 'Enter select', 'Esc back']}
					controls={<AnswersForm rows={props.formRows} onEdit={props.onEditField} onConfirm={props.onConfirmForm} onBack={props.onBack} />}
				>
					{props.notes.length > 0 ? <Notes notes={props.notes} /> : null}
				</ScreenFrame>
			);
		}

		case 'planning': {
			return (
				<ScreenFrame {...frame} hints={[]}>
					<Text>
						<Text color="yellow">
							<Spinner type="dots" />
						</Text>{' '}
						Preparing what this step will do…
					</Text>
				</ScreenFrame>
			);
		}

		case 'preview': {
			return <ActionPreview frame={frame} actions={phase.actions} dryRun={props.dryRun} onRun={props.onRun} onBack={props.onBack} />;
		}

		case 'running': {
			return (
				<RunningView
					frame={frame}
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
					frame={frame}
					actions={phase.actions}
					log={phase.log}
					failure={phase.failure}
					attempt={props.attempt}
					changeLabel={props.changeLabel}
					dryRun={props.dryRun}
					server={props.server}
					onContinue={props.onContinue}
					onRetry={props.onRetry}
					onChange={props.onChangeAnswers}
					onSkip={props.onSkip}
					onQuit={props.onQuit}
				/>
			);
		}
	}
}

function Notes({notes}: {notes: string[]}) {
	return (
		<Box flexDirection="column">
			{notes.map((note, index) => (
				<Text key={index} color={/^(warning|⚠)/i.test(note.trim()) ? 'yellow' : undefined}>
					{note}
				</Text>
			))}
		</Box>
	);
}

function Unavailable({frame, onContinue, onBack}: {frame: FrameParts; onContinue: () => void; onBack: () => void}) {
	useEnterEscape({onEnter: onContinue, onEscape: onBack});
	return (
		<ScreenFrame {...frame} hints={['Enter skip it for now', 'Esc back']}>
			<Text color="yellow">Not available yet: this version of the wizard cannot do this step for you.</Text>
		</ScreenFrame>
	);
}
