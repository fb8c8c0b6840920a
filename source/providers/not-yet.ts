import type {Step} from '../core/step.js';

type StepText = Pick<Step, 'id' | 'title' | 'summary' | 'learn'>;

/**
 * A step whose explanation is written but whose work a later release brings. It is listed
 * and explained like any other, and says plainly that it is not available yet.
 */
export function notAvailableYet(text: StepText): Step {
	return {...text, inputs: [], available: false, plan: () => []};
}
