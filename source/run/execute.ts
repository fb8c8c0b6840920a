import type {Action, ActionKind, ActionOutcome} from '../core/action.js';

export type RunContext = {
	projectDirectory: string;
	/** Streams a command's output as it arrives, for the live view. */
	onOutput: (chunk: string) => void;
	signal?: AbortSignal;
};

export type ActionHandler<Kind extends ActionKind = ActionKind> = (
	action: Extract<Action, {kind: Kind}>,
	context: RunContext,
) => Promise<ActionOutcome>;

export type ActionHandlers = {[Kind in ActionKind]?: ActionHandler<Kind>};

export type ExecutorEvent =
	| {type: 'action-start'; index: number; action: Action}
	| {type: 'output'; index: number; chunk: string}
	| {type: 'action-end'; index: number; action: Action; outcome: ActionOutcome};

export type RunResult =
	| {ok: true; outcomes: ActionOutcome[]}
	| {ok: false; outcomes: ActionOutcome[]; failedIndex: number};

export type RunOptions = {
	projectDirectory: string;
	handlers: ActionHandlers;
	onEvent?: (event: ExecutorEvent) => void;
	signal?: AbortSignal;
};

/**
 * Runs actions in order and stops at the first failure. Errors come back as values, so the
 * caller decides what the person sees; a handler that throws is turned into a failure too.
 */
export async function runActions(actions: readonly Action[], options: RunOptions): Promise<RunResult> {
	const outcomes: ActionOutcome[] = [];
	for (let index = 0; index < actions.length; index++) {
		const action = actions[index]!;
		options.onEvent?.({type: 'action-start', index, action});
		const outcome = await runOne(action, index, options);
		outcomes.push(outcome);
		options.onEvent?.({type: 'action-end', index, action, outcome});
		if (!outcome.ok) {
			return {ok: false, outcomes, failedIndex: index};
		}
	}

	return {ok: true, outcomes};
}

async function runOne(action: Action, index: number, options: RunOptions): Promise<ActionOutcome> {
	if (options.signal?.aborted) {
		return {ok: false, message: 'Stopped before this action started.'};
	}

	const handler = options.handlers[action.kind] as ActionHandler | undefined;
	if (!handler) {
		return {ok: false, message: `This wizard cannot run "${action.kind}" actions in this mode.`};
	}

	try {
		return await handler(action, {
			projectDirectory: options.projectDirectory,
			onOutput(chunk) {
				options.onEvent?.({type: 'output', index, chunk});
			},
			signal: options.signal,
		});
	} catch (error) {
		return {ok: false, message: error instanceof Error ? error.message : String(error)};
	}
}
