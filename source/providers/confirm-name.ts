import {z} from 'zod';
import type {InputField} from '../core/step.js';

/** "Type the name to confirm": the answer must equal the name, or nothing is removed. */
export function confirmNameField(answerName: string, what: string, expected: string): InputField {
	return {
		name: answerName,
		label: `Type the ${what} name to confirm`,
		help: `This removes ${expected} for good. Type ${expected} to go ahead.`,
		schema: z
			.string()
			.trim()
			.refine(value => value === expected, {message: `Confirm: type ${expected} exactly to remove it, or stop here to keep it.`}),
	};
}
