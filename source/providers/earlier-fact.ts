import type {PlanContext} from '../core/step.js';

/**
 * A fact an earlier step of this run left behind (a service URL, say). A dry run has none
 * yet, so it shows `placeholder` where the value will go; a real run without it cannot plan.
 */
export function earlierFact(context: PlanContext, stepId: string, factName: string, placeholder: string, stepTitle: string): string {
	const value = context.facts[stepId]?.[factName];
	if (typeof value === 'string') {
		return value;
	}

	if (context.dryRun) {
		return placeholder;
	}

	throw new Error(`this needs the result of "${stepTitle}": finish that step first.`);
}
