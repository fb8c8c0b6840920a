import type {Action, ActionOutcome} from '../core/action.js';
import type {PlanContext, Step, StepFacts} from '../core/step.js';
import {type ActionHandlers, type ExecutorEvent, runActions} from './execute.js';

export type StepRunResult =
	| {ok: true; facts: StepFacts; actions: Action[]}
	| {ok: false; facts: StepFacts; actions: Action[]; failedAction?: Action; failure: Extract<ActionOutcome, {ok: false}>};

export type StepRunOptions = {
	handlers: ActionHandlers;
	onEvent?: (event: ExecutorEvent) => void;
	signal?: AbortSignal;
	/** The plan the person already saw in the preview; planned afresh when absent. */
	actions?: Action[];
};

/** Plans a step and runs its actions; facts named by actions are collected for the progress. */
export async function runStep(step: Step, context: PlanContext, options: StepRunOptions): Promise<StepRunResult> {
	let actions: Action[];
	try {
		actions = options.actions ?? (await step.plan(context));
	} catch (error) {
		return {
			ok: false,
			facts: {},
			actions: [],
			failure: {ok: false, message: `Could not plan "${step.title}": ${error instanceof Error ? error.message : String(error)}`},
		};
	}

	const result = await runActions(actions, {
		projectDirectory: context.projectDirectory,
		handlers: options.handlers,
		onEvent: options.onEvent,
		signal: options.signal,
	});
	const facts: StepFacts = {};
	for (const [offset, outcome] of result.outcomes.entries()) {
		const action = actions[offset]!;
		// A failed check keeps its data too (which layer failed, and why): it is worth saving.
		if (action.factName && (outcome.ok || outcome.data !== undefined)) {
			facts[action.factName] = outcome.data;
		}
	}

	if (result.ok) {
		return {ok: true, facts, actions};
	}

	const failure = result.outcomes.at(-1) as Extract<ActionOutcome, {ok: false}>;
	return {ok: false, facts, actions, failedAction: actions[result.failedIndex], failure};
}
