import type {ZodType} from 'zod';
import type {Action} from './action.js';

/** Every provider, in the order the wizard offers them. */
export const providerIds = ['vps', 'cloud-run', 'heroku'] as const;
export type ProviderId = (typeof providerIds)[number];

export type AnswerValue = string | number | boolean;
export type Answers = Record<string, AnswerValue>;

/** Facts a finished step left behind for later steps (detected port, key paths, ...). */
export type StepFacts = Record<string, unknown>;

export type InputField = {
	/** Key in the answers; shared between steps, so a value is asked for once. */
	name: string;
	label: string;
	/** One line under the field: what to type, with an example; may depend on what is known. */
	help?: string | ((context: PlanContext) => string);
	/** Parses the typed text; its error messages are shown inline under the field. */
	schema: ZodType<AnswerValue>;
	/** A default computed from what is already known (detected values, earlier answers). */
	defaultValue?: (context: PlanContext) => string | undefined;
	/** Read without echo and never saved with the progress. */
	secret?: boolean;
	/** A fixed set of answers shown as a list instead of a text box; values go through `schema`. */
	choices?: Array<{label: string; value: string}>;
	/** Ask only when this returns true (for example, a deploy key only for private repos). */
	when?: (context: PlanContext) => boolean;
	/**
	 * A yes/no consent whose yes, given on its screen, confirms the step: the commands it
	 * agreed to (shown or named before the question) run without the plan shown again.
	 */
	confirmsPlan?: true;
};

export type PlanContext = {
	answers: Answers;
	facts: Record<string, StepFacts>;
	projectDirectory: string;
	dryRun: boolean;
};

export type Step = {
	id: string;
	title: string;
	/** One or two plain sentences shown on every step. */
	summary: string;
	/** The longer explanation for learners (--learn): what this is and why it matters. */
	learn: string;
	inputs: InputField[];
	/**
	 * Questions that depend on the project, asked after `inputs` (one hidden field per
	 * secret the app needs and nothing gives yet).
	 */
	variableInputs?: (context: PlanContext) => InputField[];
	/**
	 * Lines shown above the inputs, computed from what is known (for the app step: what was
	 * detected in the project, and the warnings), so the person confirms or corrects.
	 */
	notes?: (context: PlanContext) => string[];
	/**
	 * False for steps whose work a later release brings: they are listed with their
	 * explanation, and say plainly that they are not available yet.
	 */
	available: boolean;
	plan: (context: PlanContext) => Action[] | Promise<Action[]>;
};

export type Provider = {
	id: ProviderId;
	name: string;
	/** One line on the provider-choice screen. */
	description: string;
	steps: Step[];
};

/** Inputs that apply in this context, in order. */
export function activeInputs(step: Step, context: PlanContext): InputField[] {
	return [...step.inputs, ...(step.variableInputs?.(context) ?? [])].filter(field => field.when?.(context) ?? true);
}

/** A step's question by name, whether or not it applies yet (a form can show one a default makes relevant). */
export function findInput(step: Step, context: PlanContext, name: string): InputField | undefined {
	return [...step.inputs, ...(step.variableInputs?.(context) ?? [])].find(field => field.name === name);
}

/** A field's help text in this context. */
export function fieldHelp(field: InputField, context: PlanContext): string | undefined {
	return typeof field.help === 'function' ? field.help(context) : field.help;
}
