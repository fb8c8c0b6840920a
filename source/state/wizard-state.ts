import type {Action, ActionOutcome} from '../core/action.js';
import type {InputField, PlanContext, Provider, Step} from '../core/step.js';
import {type Progress, hasWorkToResume} from './progress-schema.js';
import {endpointUrl, stringFact} from '../providers/verify-step.js';
import {factsByStep} from './progress-updates.js';

export type StepPhase =
	| {name: 'unavailable'}
	/** One question; `back: 'form'` when it was chosen on the form, to which it returns. */
	| {name: 'input'; field: string; draft: string; error?: string; back?: 'form'}
	/** The step's answers together, to confirm or to choose one to change. */
	| {name: 'form'}
	| {name: 'planning'}
	| {name: 'preview'; actions: Action[]}
	| {
		name: 'running';
		actions: Action[];
		log: ActionLogEntry[];
		outputTail: string[];
		question?: Question;
	}
	| {name: 'result'; actions: Action[]; log: ActionLogEntry[]; failure?: Extract<ActionOutcome, {ok: false}>};

/** A yes/no decision the person makes while a step runs (replace a file they edited?). */
export type Question = {
	title: string;
	detail?: string;
	yesLabel: string;
	noLabel: string;
	/** Asks for a hidden typed answer (a key's passphrase) instead of yes or no; it never enters the state. */
	secret?: {label: string};
};

/** yes/no, or the typed secret (undefined when the person declined to type it). */
export type QuestionAnswer = boolean | string | undefined;

export type ActionLogEntry = {index: number; label: string; status: 'running' | 'done' | 'failed'; output?: string};

/** A step that finished with nothing to act on: its log is shown above what comes next. */
export type FinishedStep = {title: string; actions: Action[]; log: ActionLogEntry[]};

/** A file the files step handled in this run, for the finishing screen. */
export type WrittenFile = {path: string; outcome: 'wrote' | 'replaced' | 'kept' | 'would write'};

export type Screen =
	| {name: 'welcome'}
	| {name: 'resume'}
	| {name: 'review'}
	| {name: 'confirm-start-over'}
	| {name: 'provider'}
	| {name: 'step'; stepIndex: number; phase: StepPhase}
	| {name: 'summary'};

export type WizardState = {
	screen: Screen;
	progress: Progress;
	providers: readonly Provider[];
	projectDirectory: string;
	dryRun: boolean;
	/** Answers marked secret: kept for this run only, never written to the progress. */
	secretAnswers: Record<string, string | number | boolean>;
	/** A one-time message for the person (a progress file moved aside, ...). */
	notice?: string;
	/** Set while removing the deployment: these steps replace the provider's. */
	teardownSteps?: readonly Step[];
	/** How many times each step ran in this session, so a retry that fails again says so. */
	attempts: Record<string, number>;
	/** Files written, replaced or kept in this session. */
	written: WrittenFile[];
	/** Whether docker runs on this computer: then the files can be tried here first. */
	dockerAvailable: boolean;
	/** The step just finished, shown on the next screen until the person moves on. */
	previous?: FinishedStep;
	/** The step whose consent question was just answered yes: its next plan runs on that yes. */
	consentedStep?: string;
};

export type InitialOptions = {
	progress: Progress;
	providers: readonly Provider[];
	projectDirectory: string;
	dryRun: boolean;
	learn: boolean;
	notice?: string;
	dockerAvailable?: boolean;
	/** Nothing was saved before this run: the welcome screen, even when --provider names a provider. */
	fresh?: boolean;
};

export function initialWizardState(options: InitialOptions): WizardState {
	const progress = options.learn ? {...options.progress, learn: true} : options.progress;
	return {
		screen: hasWorkToResume(progress) && !options.fresh ? {name: 'resume'} : {name: 'welcome'},
		progress,
		providers: options.providers,
		projectDirectory: options.projectDirectory,
		dryRun: options.dryRun,
		secretAnswers: {},
		notice: options.notice,
		attempts: {},
		written: [],
		dockerAvailable: options.dockerAvailable ?? false,
	};
}

/** The steps of the chosen provider, cut after `files` when only the files are wanted. */
export function activeSteps(state: WizardState): readonly Step[] {
	if (state.teardownSteps) {
		return state.teardownSteps;
	}

	const provider = state.providers.find(candidate => candidate.id === state.progress.provider);
	if (!provider) {
		return [];
	}

	if (state.progress.mode === 'generate') {
		const filesIndex = provider.steps.findIndex(step => step.id === 'files');
		return provider.steps.slice(0, filesIndex + 1);
	}

	return provider.steps;
}

export function planContext(state: WizardState): PlanContext {
	return {
		answers: {...state.progress.answers, ...state.secretAnswers},
		facts: factsByStep(state.progress),
		projectDirectory: state.projectDirectory,
		dryRun: state.dryRun,
	};
}

/** The text a field starts with: what was answered before, else its computed default. */
export function initialDraft(field: InputField, state: WizardState): string {
	const answered = state.progress.answers[field.name] ?? state.secretAnswers[field.name];
	if (answered !== undefined) {
		return typeof answered === 'boolean' ? (answered ? 'yes' : 'no') : String(answered);
	}

	return field.defaultValue?.(planContext(state)) ?? '';
}

/** Where the deployed API answers, which commit runs there and how to read its logs, for the final summary. */
export function deploymentLinks(state: WizardState): {url?: string; logsCommand?: string; commit?: string} {
	if (state.teardownSteps) {
		return {};
	}

	const context = planContext(state);
	return {url: endpointUrl(context), logsCommand: stringFact(context, 'logsCommand'), commit: stringFact(context, 'deployedCommit')};
}
