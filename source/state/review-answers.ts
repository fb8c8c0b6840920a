import {activeInputs, type AnswerValue, type Step} from '../core/step.js';
import {planContext, type WizardState, activeSteps} from './wizard-state.js';

export type ReviewSection = {title: string; answers: Array<{label: string; value: string}>};

/** An answer the way a person reads it: yes/no for booleans, "none" for an empty optional answer. */
export function readableAnswer(value: AnswerValue): string {
	if (typeof value === 'boolean') {
		return value ? 'yes' : 'no';
	}

	return String(value) === '' ? 'none' : String(value);
}

/**
 * The saved answers under the question that asked each, step by step; answers no step of
 * this provider asks (an earlier version's, another provider's) come last under their names.
 */
export function reviewSections(state: WizardState): ReviewSection[] {
	const {answers} = state.progress;
	const context = planContext(state);
	const placed = new Set<string>();
	const sections: ReviewSection[] = [];
	for (const step of activeSteps(state)) {
		const fields = [...step.inputs, ...activeInputs(step, context)];
		const rows: ReviewSection['answers'] = [];
		for (const field of fields) {
			const value = answers[field.name];
			if (value === undefined || placed.has(field.name) || field.secret) {
				continue;
			}

			placed.add(field.name);
			rows.push({label: field.label, value: readableAnswer(value)});
		}

		if (rows.length > 0) {
			sections.push({title: step.title, answers: rows});
		}
	}

	const others = Object.entries(answers).filter(([name]) => !placed.has(name));
	if (others.length > 0) {
		sections.push({title: 'Other saved answers', answers: others.map(([name, value]) => ({label: name, value: readableAnswer(value)}))});
	}

	return sections;
}

/** Labels of the questions a step asks now, for "Change ..." offers. */
export function stepQuestionLabels(step: Step, state: WizardState): string[] {
	return activeInputs(step, planContext(state)).map(field => field.label);
}
