// The root component: picks the screen from the wizard state and wires keys to events.
import {Box, useInput} from 'ink';
import {activeInputs, fieldHelp, type Step} from './core/step.js';
import {useWizard, type WizardServices} from './hooks/use-wizard.js';
import type {Progress} from './state/progress-schema.js';
import {firstUnfinishedIndex} from './state/progress-updates.js';
import {activeSteps, deploymentLinks, type InitialOptions, planContext, type WizardState} from './state/wizard-state.js';
import {ConfirmScreen} from './ui/confirm-screen.js';
import {ProviderScreen} from './ui/provider-screen.js';
import {ResumeScreen} from './ui/resume-screen.js';
import {ReviewScreen} from './ui/review-screen.js';
import type {ChecklistItem} from './ui/step-checklist.js';
import {StepChecklist} from './ui/step-checklist.js';
import {StepScreen} from './ui/step-screen.js';
import {SummaryScreen} from './ui/summary-screen.js';
import {WelcomeScreen} from './ui/welcome-screen.js';

export type AppProps = {
	initial: InitialOptions;
	/** What removes the saved deployment, when the wizard can do that itself. */
	teardownFor?: (progress: Progress) => {name: string; steps: Step[]} | undefined;
	services: WizardServices;
	/** 0 finished, 130 interrupted (Ctrl-C or "save and quit"). */
	onExit: (code: number) => void;
};

export function App({initial, services, onExit, teardownFor}: AppProps) {
	const {state, dispatch, answer, abort} = useWizard(initial, services);
	const quit = () => {
		abort();
		onExit(130);
	};

	useInput((input, key) => {
		if (key.ctrl && input === 'c') {
			quit();
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
			return <ReviewScreen providerName={provider?.name} answers={progress.answers} steps={checklist(state)} onBack={back} />;
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
			const field =
				screen.phase.name === 'input' ? activeInputs(step, planContext(state))[screen.phase.inputIndex] : undefined;
			return (
				<Box flexDirection="row" gap={2}>
					<Box width={34} flexShrink={0}>
						<StepChecklist items={checklist(state)} />
					</Box>
					<Box flexGrow={1}>
						<StepScreen
							step={step}
							stepNumber={screen.stepIndex + 1}
							stepCount={steps.length}
							phase={screen.phase}
							field={field}
							help={field ? fieldHelp(field, planContext(state)) : undefined}
							notes={screen.phase.name === 'input' ? (step.notes?.(planContext(state)) ?? []) : []}
							learn={progress.learn}
							dryRun={state.dryRun}
							onDraftChange={draft => {
								dispatch({type: 'edit-draft', draft});
							}}
							onSubmitInput={() => {
								dispatch({type: 'submit-input'});
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
							onSkip={() => {
								dispatch({type: 'skip'});
							}}
							onBack={back}
							onQuit={quit}
							onAnswer={answer}
						/>
					</Box>
				</Box>
			);
		}

		case 'summary': {
			return (
				<SummaryScreen
					mode={progress.mode}
					dryRun={state.dryRun}
					steps={checklist(state)}
					{...deploymentLinks(state)}
					onExit={() => {
						onExit(0);
					}}
				/>
			);
		}
	}
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
