// The one place where the reducer meets the outside world: it plans and runs steps with
// the executor, and saves progress whenever it changes. Components only get state and
// callbacks from here.
import {useCallback, useEffect, useReducer, useRef} from 'react';
import type {ActionHandlers} from '../run/execute.js';
import {runStep} from '../run/run-step.js';
import type {Progress} from '../state/progress-schema.js';
import {type WizardEvent, wizardReducer} from '../state/wizard-reducer.js';
import {activeSteps, type InitialOptions, initialWizardState, planContext, type WizardState} from '../state/wizard-state.js';

export type WizardServices = {
	/** Persists progress; called after every answer, action and step (not in a dry run). */
	save: (progress: Progress) => void;
	handlers: ActionHandlers;
};

export type Wizard = {
	state: WizardState;
	dispatch: (event: WizardEvent) => void;
	/** Stops whatever runs; progress is already on disk. */
	abort: () => void;
};

export function useWizard(initial: InitialOptions, services: WizardServices): Wizard {
	const [state, dispatch] = useReducer(wizardReducer, initial, initialWizardState);
	const runningController = useRef<AbortController | undefined>(undefined);
	const savedProgress = useRef<Progress>(state.progress);

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
			handlers: services.handlers,
			actions: screen.phase.actions,
			startIndex: screen.phase.startIndex,
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

	return {state, dispatch, abort};
}
