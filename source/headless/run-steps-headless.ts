import {activeInputs, type Answers, fieldHelp, type PlanContext, type Step} from '../core/step.js';
import {firstIssueMessage} from '../core/inputs.js';
import {describeAction} from '../run/describe-action.js';
import type {ActionHandlers} from '../run/execute.js';
import {runStep} from '../run/run-step.js';
import type {Progress} from '../state/progress-schema.js';
import {
	factsByStep,
	markActionsCompleted,
	markStepFinished,
	markStepStarted,
	recordAnswer,
} from '../state/progress-updates.js';

export type HeadlessRunOptions = {
	steps: readonly Step[];
	progress: Progress;
	/** Values given for this run (flags, a config file); they win over saved answers. */
	answers: Answers;
	/** Secret values given for this run (from the environment): used, never saved. */
	secretAnswers?: Answers;
	/** Called after every answer, action and step; omitted for a dry run. */
	save?: (progress: Progress) => void;
	handlers: ActionHandlers;
	projectDirectory: string;
	dryRun: boolean;
	/** How a field is called where the values came from, e.g. appPort -> "app.port". */
	fieldName?: (answerName: string) => string;
	print: (line: string) => void;
	printError: (line: string) => void;
	signal?: AbortSignal;
};

export type HeadlessRunResult = {exitCode: 0 | 1 | 2; progress: Progress};

/**
 * Validates every answer the steps need before anything runs (so bad input changes
 * nothing), then plans and runs each step in order, showing each command before it runs
 * and saving progress after every action. Exit code: 0 all done, 1 a step failed, 2 bad input.
 */
export async function runStepsHeadless(options: HeadlessRunOptions): Promise<HeadlessRunResult> {
	const fieldName = options.fieldName ?? ((name: string) => name);
	let progress = options.progress;
	const save = (next: Progress) => {
		progress = next;
		options.save?.(next);
	};

	const given = contextFor(progress, options, {...options.answers, ...options.secretAnswers});
	const validated = validateAnswers(options.steps, given);
	if (validated.errors.length > 0) {
		for (const error of validated.errors) {
			options.printError(`${fieldName(error.name)}: ${error.message}`);
		}

		options.printError('Nothing was changed. Fix the values above and run the command again.');
		return {exitCode: 2, progress};
	}

	// Secret answers live only in memory for this run: never in the progress file.
	const secretAnswers: Answers = {...options.secretAnswers};
	for (const [name, value] of Object.entries(validated.answers)) {
		if (validated.secretNames.has(name)) {
			secretAnswers[name] = value;
		} else if (progress.answers[name] !== value) {
			save(recordAnswer(progress, name, value));
		}
	}

	for (const step of options.steps) {
		if (!step.available) {
			options.print(`- ${step.title}: not available yet in this version, skipped.`);
			continue;
		}

		options.print(`> ${step.title}`);
		save(markStepStarted(progress, step.id));
		const result = await runStep(step, contextFor(progress, options, secretAnswers), {
			handlers: options.handlers,
			signal: options.signal,
			onEvent(event) {
				if (event.type === 'action-start') {
					for (const line of describeAction(event.action)) {
						options.print(`  ${line}`);
					}
				} else if (event.type === 'output' && !options.dryRun) {
					options.print(indent(event.chunk));
				} else if (event.type === 'action-end' && event.outcome.ok) {
					save(markActionsCompleted(progress, step.id, event.index + 1));
				}
			},
		});

		if (!result.ok) {
			save(markStepFinished(progress, step.id, {status: 'failed', message: result.failure.message, facts: result.facts}));
			options.printError(`x ${result.failedAction?.label ?? step.title} failed: ${result.failure.message}`);
			if (result.failure.output) {
				options.printError(indent(result.failure.output));
			}

			if (result.failure.hint) {
				options.printError(`  Next: ${result.failure.hint}`);
			}

			return {exitCode: 1, progress};
		}

		save(markStepFinished(progress, step.id, {status: 'done', facts: result.facts}));
		options.print(`  done`);
	}

	return {exitCode: 0, progress};
}

function contextFor(progress: Progress, options: HeadlessRunOptions, secretAnswers: Answers = {}): PlanContext {
	return {
		answers: {...progress.answers, ...secretAnswers},
		facts: factsByStep(progress),
		projectDirectory: options.projectDirectory,
		dryRun: options.dryRun,
	};
}

function validateAnswers(steps: readonly Step[], context: PlanContext) {
	const answers: Answers = {};
	const secretNames = new Set<string>();
	const errors: Array<{name: string; message: string}> = [];
	const seen = new Set<string>();
	for (const step of steps.filter(candidate => candidate.available)) {
		// Looked at again after each answer: a default (a private repository) can make another question apply (its key path).
		for (;;) {
			const field = activeInputs(step, {...context, answers: {...context.answers, ...answers}}).find(candidate => !seen.has(candidate.name));
			if (!field) {
				break;
			}

			seen.add(field.name);
			const raw = context.answers[field.name] ?? field.defaultValue?.(context);
			if (raw === undefined) {
				errors.push({name: field.name, message: `missing. ${fieldHelp(field, context) ?? field.label}`});
				continue;
			}

			const parsed = field.schema.safeParse(String(raw));
			if (parsed.success) {
				answers[field.name] = parsed.data;
				if (field.secret) {
					secretNames.add(field.name);
				}
			} else {
				errors.push({name: field.name, message: firstIssueMessage(parsed.error)});
			}
		}
	}

	return {answers, secretNames, errors};
}

function indent(text: string): string {
	return text
		.trimEnd()
		.split('\n')
		.map(line => `    ${line}`)
		.join('\n');
}
