// The one place where the reducer meets the outside world: it plans and runs steps with
// the executor, and saves progress whenever it changes. Components only get state and
// callbacks from here.
import {useCallback, useEffect, useMemo, useReducer, useRef} from 'react';
import type {ActionHandlers} from '../run/execute.js';
import {runStep} from '../run/run-step.js';
import type {Progress} from '../state/progress-schema.js';
import {type WizardEvent, wizardReducer} from '../state/wizard-reducer.js';
import {
	activeSteps,
	type InitialOptions,
	initialWizardState,
	planContext,
	type Question,
	type QuestionAnswer,
	type WizardState,
} from '../state/wizard-state.js';

/** Asks the person a yes/no question in the middle of a step; resolves with their answer. */
export type AskPerson = (question: Question) => Promise<boolean>;

/** Asks for a hidden typed answer (a passphrase); undefined when the person declined. Never kept in the state. */
export type AskSecret = (question: Question & {secret: {label: string}}) => Promise<string | undefined>;

export type WizardServices = {
	/** Persists progress; called after every answer, action and step (not in a dry run). */
	save: (progress: Progress) => void;
	/** Builds the action handlers; those that need a decision mid-step get `ask` (or `askSecret`). */
	createHandlers: (ask: AskPerson, askSecret: AskSecret) => ActionHandlers;
};

export type Wizard = {
	state: WizardState;
	dispatch: (event: WizardEvent) => void;
	/** Answers the open question of a running step. */
	answer: (answer: QuestionAnswer) => void;
	/** Stops whatever runs; progress is already on disk. */
	abort: () => void;
};

export function useWizard(initial: InitialOptions, services: WizardServices): Wizard {
	const [state, dispatch] = useReducer(wizardReducer, initial, initialWizardState);
	const runningController = useRef<AbortController | undefined>(undefined);
	const savedProgress = useRef<Progress>(state.progress);
	const pendingAnswer = useRef<((answer: QuestionAnswer) => void) | undefined>(undefined);
	const handlers = useMemo(
		() =>
			services.createHandlers(
				async question => {
					dispatch({type: 'ask', question});
					return new Promise<boolean>(resolve => {
						pendingAnswer.current = answer => resolve(answer === true);
					});
				},
				async question => {
					dispatch({type: 'ask', question});
					return new Promise<string | undefined>(resolve => {
						pendingAnswer.current = answer => resolve(typeof answer === 'string' ? answer : undefined);
					});
				},
			),
		[services],
	);

	useEffect(() => {
		if (!state.dryRun && state.progress !== savedProgress.current) {
			services.save(state.progress);
			savedProgress.current = state.progress;
		}
	}, [state.progress, state.dryRun, services]);

	const {screen} = state;
	const phaseName = screen.name === 'step' ? screen.phase.name : undefined;
	const stepIndex = screen.name === 'step' ? screen.stepIndex : -1;

	useEffect(() => {
		if (phaseName !== 'planning') {
			return;
		}

		let cancelled = false;
		const step = activeSteps(state)[stepIndex]!;
		// Plans may read the project directory; they run outside render, results come back as events.
		Promise.resolve()
			.then(async () => step.plan(planContext(state)))
			.then(
				actions => {
					if (!cancelled) {
						dispatch({type: 'planned', actions});
					}
				},
				(error: unknown) => {
					if (!cancelled) {
						dispatch({type: 'plan-failed', message: error instanceof Error ? error.message : String(error)});
					}
				},
			);
		return () => {
			cancelled = true;
		};
		// Planning starts once per entry into the phase, not on every progress change.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [phaseName, stepIndex]);

	useEffect(() => {
		if (phaseName !== 'running' || screen.name !== 'step' || screen.phase.name !== 'running') {
			return;
		}

		const controller = new AbortController();
		runningController.current = controller;
		const step = activeSteps(state)[stepIndex]!;
		void runStep(step, planContext(state), {
			handlers,
			actions: screen.phase.actions,
			signal: controller.signal,
			onEvent(event) {
				if (event.type === 'output') {
					dispatch({type: 'output', chunk: event.chunk});
				} else {
					dispatch(event);
				}
			},
		}).then(result => {
			dispatch({type: 'step-finished', ok: result.ok, facts: result.facts, failure: result.ok ? undefined : result.failure});
		});
		return () => {
			controller.abort();
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [phaseName, stepIndex]);

	const abort = useCallback(() => {
		runningController.current?.abort();
	}, []);

	const answer = useCallback((value: QuestionAnswer) => {
		const resolve = pendingAnswer.current;
		pendingAnswer.current = undefined;
		dispatch({type: 'answered'});
		resolve?.(value);
	}, []);

	return {state, dispatch, answer, abort};
}
