// The root component: picks the screen from the wizard state and wires keys to events.
import {useInput} from 'ink';
import {fieldHelp, findInput, type InputField, type Step} from './core/step.js';
import {useWizard, type WizardServices} from './hooks/use-wizard.js';
import type {Progress} from './state/progress-schema.js';
import {firstUnfinishedIndex} from './state/progress-updates.js';
import {reviewSections} from './state/review-answers.js';
import {formFields} from './state/step-questions.js';
import {answersToChange} from './state/wizard-reducer.js';
import {activeSteps, deploymentLinks, type InitialOptions, initialDraft, planContext, type WizardState} from './state/wizard-state.js';
import {ConfirmScreen} from './ui/confirm-screen.js';
import {PlainStyle} from './ui/plain-style.js';
import {ProviderScreen} from './ui/provider-screen.js';
import {ResumeScreen} from './ui/resume-screen.js';
import {ReviewScreen} from './ui/review-screen.js';
import type {ChecklistItem} from './ui/step-checklist.js';
import {FittedChecklist} from './ui/step-checklist.js';
import {StepScreen} from './ui/step-screen.js';
import {SummaryScreen} from './ui/summary-screen.js';
import {WelcomeScreen} from './ui/welcome-screen.js';

/** finished: the summary was left; quit: "Save and quit" was chosen; interrupted: Ctrl-C. */
export type ExitReason = 'finished' | 'quit' | 'interrupted';

export type AppProps = {
	initial: InitialOptions;
	/** Colour and styles are off (NO_COLOR, TERM=dumb): what they would mark is drawn with characters. */
	plain?: boolean;
	/** What removes the saved deployment, when the wizard can do that itself. */
	teardownFor?: (progress: Progress) => {name: string; steps: Step[]} | undefined;
	services: WizardServices;
	onExit: (reason: ExitReason) => void;
};

export function App({plain = false, ...props}: AppProps) {
	return (
		<PlainStyle.Provider value={plain}>
			<Wizard {...props} />
		</PlainStyle.Provider>
	);
}

function Wizard({initial, services, onExit, teardownFor}: Omit<AppProps, 'plain'>) {
	const {state, dispatch, answer, abort} = useWizard(initial, services);
	const leave = (reason: ExitReason) => {
		abort();
		onExit(reason);
	};

	useInput((input, key) => {
		if (key.ctrl && input === 'c') {
			leave('interrupted');
		}
	});

	const {screen, progress} = state;
	const provider = state.providers.find(candidate => candidate.id === progress.provider);
	const back = () => {
		dispatch({type: 'back'});
	};

	switch (screen.name) {
		case 'welcome': {
			return (
				<WelcomeScreen
					projectDirectory={state.projectDirectory}
					dryRun={state.dryRun}
					notice={state.notice}
					onChoose={mode => {
						dispatch({type: 'choose-mode', mode});
					}}
				/>
			);
		}

		case 'resume': {
			const steps = activeSteps(state);
			const next = steps[firstUnfinishedIndex(progress, steps.map(step => step.id))];
			const teardown = teardownFor?.(progress);
			return (
				<ResumeScreen
					providerName={provider?.name}
					nextStepTitle={next?.title}
					savedAt={new Date(progress.updatedAt).toLocaleString()}
					notice={state.notice}
					teardownName={teardown?.name}
					onChoose={choice => {
						if (choice === 'teardown') {
							dispatch({type: 'start-teardown', steps: teardown?.steps ?? []});
						} else {
							dispatch({type: choice === 'start-over' ? 'ask-start-over' : choice});
						}
					}}
				/>
			);
		}

		case 'review': {
			return <ReviewScreen providerName={provider?.name} sections={reviewSections(state)} steps={checklist(state)} onBack={back} />;
		}

		case 'confirm-start-over': {
			return (
				<ConfirmScreen
					question="Start over and forget the saved answers?"
					detail="Files already written into your project and anything already set up on a server stay as they are."
					yesLabel="Yes, start over"
					onAnswer={confirmed => {
						dispatch(confirmed ? {type: 'start-over'} : {type: 'back'});
					}}
				/>
			);
		}

		case 'provider': {
			return (
				<ProviderScreen
					providers={state.providers}
					learn={progress.learn}
					onChoose={id => {
						dispatch({type: 'choose-provider', provider: id});
					}}
				/>
			);
		}

		case 'step': {
			const steps = activeSteps(state);
			const step = steps[screen.stepIndex]!;
			const {phase} = screen;
			const context = planContext(state);
			const field = phase.name === 'input' ? findInput(step, context, phase.field) : undefined;
			const formRows = phase.name === 'form' ? formFields(step, state).map(row => ({name: row.name, label: row.label, value: shownAnswer(row, initialDraft(row, state))})) : [];
			const change = phase.name === 'result' && phase.failure ? answersToChange(state, screen.stepIndex, phase) : undefined;
			const {answers} = progress;
			return (
				<StepScreen
					step={step}
					stepNumber={screen.stepIndex + 1}
					stepCount={steps.length}
					phase={phase}
					checklist={<FittedChecklist items={checklist(state)} />}
					field={field}
					help={field ? fieldHelp(field, context) : undefined}
					notes={phase.name === 'input' || phase.name === 'form' ? (step.notes?.(context) ?? []) : []}
					formRows={formRows}
					previous={state.previous}
					learn={progress.learn}
					dryRun={state.dryRun}
					attempt={state.attempts[step.id] ?? 1}
					changeLabel={change ? (change.server ? 'Change the server address, port or user' : `Change the answers (${change.labels.join(', ')})`) : undefined}
					server={{
						host: typeof answers.serverHost === 'string' ? answers.serverHost : undefined,
						port: typeof answers.serverPort === 'number' ? answers.serverPort : undefined,
						user: typeof answers.serverUser === 'string' ? answers.serverUser : undefined,
					}}
					onDraftChange={draft => {
						dispatch({type: 'edit-draft', draft});
					}}
					onSubmitInput={() => {
						dispatch({type: 'submit-input'});
					}}
					onEditField={name => {
						dispatch({type: 'edit-field', name});
					}}
					onConfirmForm={() => {
						dispatch({type: 'confirm-form'});
					}}
					onChoose={value => {
						dispatch({type: 'edit-draft', draft: value});
						dispatch({type: 'submit-input'});
					}}
					onRun={() => {
						dispatch({type: 'run'});
					}}
					onContinue={() => {
						dispatch({type: 'continue'});
					}}
					onRetry={() => {
						dispatch({type: 'retry'});
					}}
					onChangeAnswers={() => {
						dispatch({type: 'change-answers'});
					}}
					onSkip={() => {
						dispatch({type: 'skip'});
					}}
					onBack={back}
					onQuit={() => {
						leave('quit');
					}}
					onAnswer={answer}
				/>
			);
		}

		case 'summary': {
			return (
				<SummaryScreen
					mode={progress.mode}
					dryRun={state.dryRun}
					steps={checklist(state)}
					{...deploymentLinks(state)}
					written={state.written}
					previous={state.previous}
					tryLocally={state.dockerAvailable ? tryLocallyCommand(state) : undefined}
					onDeploy={
						progress.mode === 'generate' && !state.dryRun && !state.teardownSteps
							? () => {
									dispatch({type: 'deploy-now'});
								}
							: undefined
					}
					onExit={() => {
						leave('finished');
					}}
				/>
			);
		}
	}
}

/** An answer as the form shows it: a list's label for its value, "none" for nothing. */
function shownAnswer(field: InputField, draft: string): string {
	return field.choices?.find(choice => choice.value === draft)?.label ?? (draft.trim() === '' ? 'none' : draft);
}

/** How to run the written files on this computer before deploying them. */
function tryLocallyCommand(state: WizardState): string {
	if (state.progress.provider === 'vps') {
		return 'docker compose up --build';
	}

	const name = String(state.progress.answers.serviceName ?? 'my-api');
	const port = String(state.progress.answers.appPort ?? 8000);
	return `docker build -t ${name} . && docker run --rm --env-file .env -p ${port}:${port} ${name}`;
}

function checklist(state: WizardState): ChecklistItem[] {
	const currentIndex = state.screen.name === 'step' ? state.screen.stepIndex : -1;
	return activeSteps(state).map((step, index) => ({
		id: step.id,
		title: step.title,
		status: state.progress.steps[step.id]?.status ?? 'pending',
		current: index === currentIndex,
	}));
}
