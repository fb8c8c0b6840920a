// The whole interactive flow as a pure function: (state, event) -> state. The hook feeds it
// keypresses and executor events; tests feed it events directly.
import {type Action, type ActionOutcome, isReadOnly} from '../core/action.js';
import {firstIssueMessage, yesNoSchema} from '../core/inputs.js';
import {activeInputs, findInput, type ProviderId, type Step, type StepFacts} from '../core/step.js';
import {newProgress} from './progress-schema.js';
import {
	chooseProvider,
	firstUnfinishedIndex,
	markActionsCompleted,
	markStepFinished,
	markStepStarted,
	recordAnswer,
} from './progress-updates.js';
import {confirmForm, formFields, type QuestionMode, questionPhase} from './step-questions.js';
import {activeSteps, initialDraft, planContext, type Question, type StepPhase, type WizardState, type WrittenFile} from './wizard-state.js';

export type WizardEvent =
	| {type: 'choose-mode'; mode: 'deploy' | 'generate' | 'learn'}
	| {type: 'resume'}
	| {type: 'review'}
	| {type: 'start-teardown'; steps: readonly Step[]}
	| {type: 'ask-start-over'}
	| {type: 'start-over'}
	| {type: 'choose-provider'; provider: ProviderId}
	| {type: 'edit-draft'; draft: string}
	| {type: 'submit-input'}
	| {type: 'edit-field'; name: string}
	| {type: 'confirm-form'}
	| {type: 'planned'; actions: Action[]}
	| {type: 'plan-failed'; message: string}
	| {type: 'run'}
	| {type: 'action-start'; index: number; action: Action}
	| {type: 'output'; chunk: string}
	| {type: 'ask'; question: Question}
	| {type: 'answered'}
	| {type: 'action-end'; index: number; action: Action; outcome: ActionOutcome}
	| {type: 'step-finished'; ok: boolean; facts: StepFacts; failure?: Extract<ActionOutcome, {ok: false}>}
	| {type: 'continue'}
	| {type: 'retry'}
	| {type: 'change-answers'}
	| {type: 'skip'}
	| {type: 'deploy-now'}
	| {type: 'back'};

const outputTailLength = 8;

// What the person does to move on: the finished step shown above the screen goes then.
const movesOn = new Set<WizardEvent['type']>(['submit-input', 'edit-field', 'confirm-form', 'run', 'continue', 'retry', 'change-answers', 'skip', 'back', 'deploy-now', 'answered']);

export function wizardReducer(current: WizardState, event: WizardEvent): WizardState {
	const state = movesOn.has(event.type) && current.previous ? {...current, previous: undefined} : current;
	const {screen} = state;
	switch (event.type) {
		case 'choose-mode': {
			const progress = {
				...state.progress,
				mode: event.mode === 'generate' ? ('generate' as const) : ('deploy' as const),
				learn: state.progress.learn || event.mode === 'learn',
			};
			return afterProviderKnown({...state, progress, notice: undefined});
		}

		case 'resume': {
			// Back at what was open when the wizard stopped: what is answered is not asked again.
			return enterStep(state, firstUnfinishedIndex(state.progress, activeSteps(state).map(step => step.id)));
		}

		case 'review': {
			return {...state, screen: {name: 'review'}};
		}

		case 'start-teardown': {
			return enterStep({...state, teardownSteps: event.steps}, 0);
		}

		case 'ask-start-over': {
			return {...state, screen: {name: 'confirm-start-over'}};
		}

		case 'start-over': {
			const fresh = newProgress(state.projectDirectory);
			return {...state, progress: {...fresh, learn: state.progress.learn}, secretAnswers: {}, attempts: {}, written: [], screen: {name: 'welcome'}};
		}

		case 'choose-provider': {
			return enterStep({...state, progress: chooseProvider(state.progress, event.provider)}, 0);
		}

		case 'back': {
			// Going back withdraws a yes just given: the step shows its plan when entered again.
			return goBack(state.consentedStep ? {...state, consentedStep: undefined} : state);
		}

		case 'deploy-now': {
			// "Only write the files" went well: go on from the step after the files, answers kept.
			if (screen.name !== 'summary' || state.progress.mode !== 'generate') {
				return state;
			}

			const afterFiles = activeSteps(state).length;
			return enterStep({...state, progress: {...state.progress, mode: 'deploy'}}, afterFiles);
		}

		default: {
			return screen.name === 'step' ? stepReducer(state, screen.stepIndex, screen.phase, event) : state;
		}
	}
}

function stepReducer(state: WizardState, stepIndex: number, phase: StepPhase, event: WizardEvent): WizardState {
	const step = activeSteps(state)[stepIndex]!;
	const setPhase = (next: StepPhase, base = state): WizardState => ({...base, screen: {name: 'step', stepIndex, phase: next}});

	switch (event.type) {
		case 'edit-draft': {
			return phase.name === 'input' ? setPhase({...phase, draft: event.draft, error: undefined}) : state;
		}

		case 'submit-input': {
			if (phase.name !== 'input') {
				return state;
			}

			const field = findInput(step, planContext(state), phase.field)!;
			const parsed = field.schema.safeParse(phase.draft);
			if (!parsed.success) {
				return setPhase({...phase, error: firstIssueMessage(parsed.error)});
			}

			const recorded = field.secret
				? {...state, secretAnswers: {...state.secretAnswers, [field.name]: parsed.data}}
				: {...state, progress: recordAnswer(state.progress, field.name, parsed.data)};
			// Only a yes typed now confirms: one saved from an earlier run still shows the plan.
			const answered = field.confirmsPlan && parsed.data === true ? {...recorded, consentedStep: step.id} : recorded;
			// A question chosen on the form goes back to it; the form shows what the answer changed.
			return phase.back === 'form'
				? setPhase(questionPhase(answered, stepIndex, 'review', true), answered)
				: setPhase(questionPhase(answered, stepIndex, 'forward'), answered);
		}

		case 'edit-field': {
			const field = formFields(step, state).find(shown => shown.name === event.name);
			return phase.name === 'form' && field ? setPhase({name: 'input', field: field.name, draft: initialDraft(field, state), back: 'form'}) : state;
		}

		case 'confirm-form': {
			return phase.name === 'form' ? confirmForm(state, stepIndex) : state;
		}

		case 'planned': {
			if (phase.name !== 'planning') {
				return state;
			}

			// A step with nothing to run (it only collects answers) is done at once; one that
			// changes nothing anyone else sees (it looks, or writes files and keys here) runs
			// without a confirmation: its questions were that. A dry run always shows its plan.
			if (event.actions.length === 0) {
				return finishStep(state, stepIndex, {status: 'done'});
			}

			const previewed = setPhase({name: 'preview', actions: event.actions});
			const confirmed = state.consentedStep === step.id || event.actions.every(action => isQuiet(action));
			return !state.dryRun && confirmed ? stepReducer(previewed, stepIndex, {name: 'preview', actions: event.actions}, {type: 'run'}) : previewed;
		}

		case 'plan-failed': {
			return phase.name === 'planning'
				? setPhase({name: 'result', actions: [], log: [], failure: {ok: false, message: event.message}})
				: state;
		}

		case 'run': {
			if (phase.name !== 'preview') {
				return state;
			}

			const counted = {...state, consentedStep: undefined, attempts: {...state.attempts, [step.id]: (state.attempts[step.id] ?? 0) + 1}};
			const started = state.dryRun ? counted : {...counted, progress: markStepStarted(state.progress, step.id)};
			return setPhase({name: 'running', actions: phase.actions, log: [], outputTail: []}, started);
		}

		case 'action-start': {
			return phase.name === 'running'
				? setPhase({...phase, log: [...phase.log, {index: event.index, label: event.action.label, status: 'running'}]})
				: state;
		}

		case 'output': {
			if (phase.name !== 'running') {
				return state;
			}

			const lines = event.chunk.split('\n').filter(line => line.trim() !== '');
			return setPhase({...phase, outputTail: [...phase.outputTail, ...lines].slice(-outputTailLength)});
		}

		case 'ask': {
			return phase.name === 'running' ? setPhase({...phase, question: event.question}) : state;
		}

		case 'answered': {
			return phase.name === 'running' ? setPhase({...phase, question: undefined}) : state;
		}

		case 'action-end': {
			if (phase.name !== 'running') {
				return state;
			}

			const log = phase.log.map(entry =>
				entry.index === event.index
					? {...entry, status: event.outcome.ok ? ('done' as const) : ('failed' as const), output: event.outcome.output}
					: entry,
			);
			const progress =
				event.outcome.ok && !state.dryRun
					? markActionsCompleted(state.progress, step.id, event.index + 1)
					: state.progress;
			return setPhase({...phase, log}, {...state, progress, written: recordWritten(state, event.action, event.outcome)});
		}

		case 'step-finished': {
			if (phase.name !== 'running') {
				return state;
			}

			const status = event.ok ? ('done' as const) : ('failed' as const);
			const progress = state.dryRun
				? state.progress
				: markStepFinished(state.progress, step.id, {status, facts: event.facts, message: event.failure?.message});
			// Looking at the project has nothing to report that the next screen does not show.
			if (event.ok && phase.actions.every(action => action.kind === 'detect-project')) {
				return enterStep({...state, progress}, stepIndex + 1);
			}

			// Nothing to act on (no instruction, no key to copy): the next screen shows this
			// step's log above its own, instead of a screen that only waits for Enter.
			if (event.ok && !phase.actions.some(action => asksSomethingByHand(action))) {
				return enterStep({...state, progress, previous: {title: step.title, actions: phase.actions, log: phase.log}}, stepIndex + 1);
			}

			return setPhase({name: 'result', actions: phase.actions, log: phase.log, failure: event.failure}, {...state, progress});
		}

		case 'continue': {
			if (phase.name === 'unavailable') {
				return finishStep(state, stepIndex, {status: 'skipped', message: 'Not available yet in this version.'});
			}

			return phase.name === 'result' && !phase.failure ? enterStep(state, stepIndex + 1) : state;
		}

		case 'retry': {
			// The step is planned afresh; a question the failure made relevant (consent to push,
			// to release a stale lock) is asked first.
			return phase.name === 'result' && phase.failure ? setPhase(questionPhase(state, stepIndex, 'forward')) : state;
		}

		case 'change-answers': {
			const target = phase.name === 'result' && phase.failure ? answersToChange(state, stepIndex, phase) : undefined;
			return target === undefined ? state : {...state, screen: {name: 'step', stepIndex: target.stepIndex, phase: questionPhase(state, target.stepIndex, 'review', true)}};
		}

		case 'skip': {
			return phase.name === 'result' && phase.failure
				? finishStep(state, stepIndex, {status: 'skipped', message: phase.failure.message})
				: state;
		}

		default: {
			return state;
		}
	}
}

function recordWritten(state: WizardState, action: Action, outcome: ActionOutcome): WrittenFile[] {
	if (!outcome.ok || (action.kind !== 'write-file' && action.kind !== 'replace-file')) {
		return state.written;
	}

	const kept = action.kind === 'replace-file' && /^kept /.test(outcome.output ?? '');
	const file: WrittenFile = {
		path: action.path,
		outcome: state.dryRun ? 'would write' : kept ? 'kept' : action.kind === 'replace-file' ? 'replaced' : 'wrote',
	};
	return [...state.written.filter(entry => entry.path !== file.path), file];
}

// What talks to the server: its failure is most often a wrong address, port or user.
const serverKinds = new Set<Action['kind']>(['scan-host-key', 'trust-host', 'check-login']);

/**
 * Where a failed step's likely wrong answer is asked: the server's address, port and user
 * when the failed action talks to the server; else the step's own questions (not a yes/no
 * consent, which Try again asks anyway). Undefined when no answer could be the cause.
 */
export function answersToChange(state: WizardState, stepIndex: number, phase: Extract<StepPhase, {name: 'result'}>): {stepIndex: number; server: boolean; labels: string[]} | undefined {
	const steps = activeSteps(state);
	const context = planContext(state);
	const failed = phase.log.find(entry => entry.status === 'failed');
	const action = failed ? phase.actions[failed.index] : undefined;
	if (action && (serverKinds.has(action.kind) || 'server' in action)) {
		const serverStep = steps.slice(0, stepIndex + 1).map(step => step.inputs.some(field => field.name === 'serverHost')).lastIndexOf(true);
		if (serverStep !== -1) {
			return {stepIndex: serverStep, server: true, labels: activeInputs(steps[serverStep]!, context).map(field => field.label)};
		}
	}

	const own = activeInputs(steps[stepIndex]!, context).filter(field => field.schema !== yesNoSchema && !field.secret);
	return own.length > 0 ? {stepIndex, server: false, labels: own.map(field => field.label)} : undefined;
}

function finishStep(
	state: WizardState,
	stepIndex: number,
	result: {status: 'done' | 'skipped'; message?: string},
): WizardState {
	const step = activeSteps(state)[stepIndex]!;
	const progress = state.dryRun ? state.progress : markStepFinished(state.progress, step.id, result);
	return enterStep({...state, progress}, stepIndex + 1);
}

function afterProviderKnown(state: WizardState): WizardState {
	return state.progress.provider ? enterStep(state, 0) : {...state, screen: {name: 'provider'}};
}

/** Opens a step at what it asks (forward: only what is not answered yet), or the summary after the last step. */
export function enterStep(state: WizardState, stepIndex: number, mode: QuestionMode = 'forward'): WizardState {
	const steps = activeSteps(state);
	if (steps.length === 0) {
		return {...state, screen: {name: 'provider'}};
	}

	if (stepIndex >= steps.length) {
		return {...state, screen: {name: 'summary'}};
	}

	if (!steps[stepIndex]!.available) {
		return {...state, screen: {name: 'step', stepIndex, phase: {name: 'unavailable'}}};
	}

	return {...state, screen: {name: 'step', stepIndex, phase: questionPhase(state, stepIndex, mode)}};
}

/** An instruction to follow or a new key to place: the person reads it before going on. */
function asksSomethingByHand(action: Action): boolean {
	return (action.kind === 'instruct' && !action.informational) || action.kind === 'generate-key';
}

/** Kinds that change nothing anyone else sees: they look, or write files and keys on this computer (never over the person's own edits: those ask). */
function isQuiet(action: Action): boolean {
	return isReadOnly(action) || action.kind === 'write-file' || action.kind === 'generate-key' || (action.kind === 'publish-code' && !action.mayPublish);
}

/** Esc: back to the form, or to the previous step with its answers to change; never while something runs. */
function goBack(state: WizardState): WizardState {
	const {screen} = state;
	switch (screen.name) {
		case 'review':
		case 'confirm-start-over': {
			return {...state, screen: {name: 'resume'}};
		}

		case 'provider': {
			return {...state, screen: {name: 'welcome'}};
		}

		case 'step': {
			const {phase, stepIndex} = screen;
			const previousStep = () => (stepIndex > 0 ? enterStep(state, stepIndex - 1, 'review') : {...state, screen: {name: 'provider' as const}});
			if (phase.name === 'input' && phase.back === 'form') {
				return {...state, screen: {name: 'step', stepIndex, phase: {name: 'form'}}};
			}

			if (phase.name === 'preview' && activeInputs(activeSteps(state)[stepIndex]!, planContext(state)).length > 0) {
				return {...state, screen: {name: 'step', stepIndex, phase: questionPhase(state, stepIndex, 'review', true)}};
			}

			// Nothing of this step has run yet, so leaving it is safe.
			return ['input', 'form', 'unavailable', 'preview'].includes(phase.name) ? previousStep() : state;
		}

		default: {
			return state;
		}
	}
}
