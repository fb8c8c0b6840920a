// Which of a step's questions the person sees, and how: the fewest that cannot be found
// out. A question without a usable answer (no default, or a secret) is asked on its own;
// the rest (detected values, defaults, answers given in an earlier step) are shown together
// on one screen to confirm or correct, instead of one screen each.
import {activeInputs, type InputField, type PlanContext, type Step} from '../core/step.js';
import {recordAnswer} from './progress-updates.js';
import {activeSteps, initialDraft, planContext, type StepPhase, type WizardState} from './wizard-state.js';

/**
 * forward: entering a step on the way ahead; what is already answered is not asked again.
 * review: coming back to a step (Esc, "Change the answers"): every answer is shown to change.
 */
export type QuestionMode = 'forward' | 'review';

function isAnswered(field: InputField, state: WizardState): boolean {
	return state.progress.answers[field.name] !== undefined || state.secretAnswers[field.name] !== undefined;
}

/** A field the person must be asked on its own: a secret, or one whose draft is not a valid answer. */
function asksAlone(field: InputField, state: WizardState): boolean {
	return field.secret === true || !field.schema.safeParse(initialDraft(field, state)).success;
}

/**
 * The answers as "Continue with these" would leave them: the given ones plus every shown
 * default that passes. A question that only a default makes relevant (the deploy key's
 * path, once "private" defaults to yes) is then shown on the same screen, not skipped.
 */
function contextWithDefaults(step: Step, state: WizardState): PlanContext {
	const context = planContext(state);
	// Each round can only add answers, so it ends; the bound is a guard against a cycle of `when`s.
	for (let round = 0; round <= step.inputs.length; round++) {
		let added = false;
		for (const field of activeInputs(step, context)) {
			const parsed = field.secret || context.answers[field.name] !== undefined ? undefined : field.schema.safeParse(initialDraft(field, state));
			if (parsed?.success) {
				context.answers[field.name] = parsed.data;
				added = true;
			}
		}

		if (!added) {
			break;
		}
	}

	return context;
}

/** The questions shown together: every one active with the shown answers but the secrets, in the step's order. */
export function formFields(step: Step, state: WizardState): InputField[] {
	return activeInputs(step, contextWithDefaults(step, state)).filter(field => !field.secret);
}

/** The phase a step shows next: a question on its own, the form, or (nothing to ask) its planning. */
export function questionPhase(state: WizardState, stepIndex: number, mode: QuestionMode, preferForm = false): StepPhase {
	const step = activeSteps(state)[stepIndex]!;
	const fields = activeInputs(step, planContext(state));
	const ask = (field: InputField, back?: 'form'): StepPhase => ({name: 'input', field: field.name, draft: initialDraft(field, state), ...(back ? {back} : {})});
	const alone = fields.find(field => !isAnswered(field, state) && asksAlone(field, state));
	if (alone) {
		return ask(alone);
	}

	const together = formFields(step, state);
	const fresh = together.filter(field => !isAnswered(field, state));
	if (together.length === 0 || (mode === 'forward' && fresh.length === 0)) {
		// Coming back to a step of secrets only: they are asked again, the first one first.
		const secret = mode === 'review' ? fields.find(field => field.secret) : undefined;
		return secret ? ask(secret) : {name: 'planning'};
	}

	// One question is as quick to answer as a screen confirming it.
	return together.length === 1 && !preferForm ? ask(together[0]!) : {name: 'form'};
}

/**
 * "Continue with these": every shown answer not given yet is recorded as shown. A draft
 * that does not pass (a default that became wrong) opens its question, with the message.
 */
export function confirmForm(state: WizardState, stepIndex: number): WizardState {
	const step = activeSteps(state)[stepIndex]!;
	let {progress} = state;
	for (const field of formFields(step, state)) {
		if (isAnswered(field, state)) {
			continue;
		}

		const draft = initialDraft(field, state);
		const parsed = field.schema.safeParse(draft);
		if (!parsed.success) {
			const error = parsed.error.issues[0]?.message ?? 'This value is not valid.';
			return {...state, progress, screen: {name: 'step', stepIndex, phase: {name: 'input', field: field.name, draft, error, back: 'form'}}};
		}

		progress = recordAnswer(progress, field.name, parsed.data);
	}

	// Planning only once every active question has its answer (a secret may still be asked).
	const confirmed = {...state, progress};
	return {...confirmed, screen: {name: 'step', stepIndex, phase: questionPhase(confirmed, stepIndex, 'forward')}};
}
