import process from 'node:process';
import {createInterface} from 'node:readline/promises';

/** A plain y/N question on the terminal, for the moments before the wizard itself starts. */
export async function confirmInTerminal(question: string): Promise<boolean> {
	const readline = createInterface({input: process.stdin, output: process.stdout});
	try {
		const answer = await readline.question(`${question} [y/N] `);
		return /^y(es)?$/i.test(answer.trim());
	} finally {
		readline.close();
	}
}
