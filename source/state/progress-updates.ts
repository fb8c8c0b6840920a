// Pure updates of the saved progress. The UI hook and the headless runner both go through
// these, so the file on disk means the same thing whichever way the wizard ran.
import type {AnswerValue, ProviderId, StepFacts} from '../core/step.js';
import type {Progress, StepRecord, StepStatus} from './progress-schema.js';

function touch(progress: Progress, now: Date): Progress {
	return {...progress, updatedAt: now.toISOString()};
}

function stepRecord(progress: Progress, stepId: string): StepRecord {
	return progress.steps[stepId] ?? {status: 'pending', completedActions: 0, facts: {}};
}

function withStep(progress: Progress, stepId: string, change: Partial<StepRecord>, now: Date): Progress {
	return touch(
		{...progress, steps: {...progress.steps, [stepId]: {...stepRecord(progress, stepId), ...change}}},
		now,
	);
}

export function chooseProvider(progress: Progress, provider: ProviderId, now = new Date()): Progress {
	return touch({...progress, provider}, now);
}

export function recordAnswer(progress: Progress, name: string, value: AnswerValue, now = new Date()): Progress {
	return touch({...progress, answers: {...progress.answers, [name]: value}}, now);
}

/**
 * A step always runs from its first action, planned afresh: every step is idempotent, so a
 * fix made since the last run (a push, an opened port, a new secret, a changed answer) is
 * picked up, and no action is skipped because another one took its place in a new plan.
 */
export function markStepStarted(progress: Progress, stepId: string, now = new Date()): Progress {
	return withStep(progress, stepId, {status: 'running', startedAt: now.toISOString(), completedActions: 0, message: undefined}, now);
}

export function markActionsCompleted(progress: Progress, stepId: string, completedActions: number, now = new Date()): Progress {
	return withStep(progress, stepId, {completedActions}, now);
}

export function markStepFinished(
	progress: Progress,
	stepId: string,
	result: {status: Extract<StepStatus, 'done' | 'failed' | 'skipped'>; message?: string; facts?: StepFacts},
	now = new Date(),
): Progress {
	const previous = stepRecord(progress, stepId);
	return withStep(
		progress,
		stepId,
		{
			status: result.status,
			finishedAt: now.toISOString(),
			message: result.message,
			facts: {...previous.facts, ...result.facts},
			completedActions: result.status === 'failed' ? previous.completedActions : 0,
		},
		now,
	);
}

/** Facts of every step, as plan functions receive them. */
export function factsByStep(progress: Progress): Record<string, StepFacts> {
	return Object.fromEntries(Object.entries(progress.steps).map(([id, record]) => [id, record.facts]));
}

/** Index of the first step that is not done or skipped; the list length when all are. */
export function firstUnfinishedIndex(progress: Progress, stepIds: readonly string[]): number {
	const index = stepIds.findIndex(id => {
		const status = progress.steps[id]?.status;
		return status !== 'done' && status !== 'skipped';
	});
	return index === -1 ? stepIds.length : index;
}
