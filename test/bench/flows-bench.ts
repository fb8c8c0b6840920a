// Benchmark, not a test: what each flow of the wizard costs a person in a real 80x24
// terminal, from the welcome screen to the summary: "Only write the files" for real, and
// the whole deployment as a dry run (typing what the wizard cannot know, accepting the rest).
import {providerOrder, startWizard, walkFlow} from '../support/terminal-flows.js';

export async function benchmarkFlows(): Promise<void> {
	console.log('Questions and keys per flow (80x24, a small FastAPI project; typed = characters of answers typed):');
	for (const [mode, name] of [[1, 'only write the files'], [0, 'deploy, dry run']] as const) {
		for (const provider of providerOrder) {
			const {terminal} = startWizard(mode === 0 ? ['--dry-run'] : [], {columns: 80, rows: 24});
			try {
				const walk = await walkFlow(terminal, provider, mode);
				console.log(`  ${`${provider}, ${name}`.padEnd(32)} ${String(walk.questions).padStart(3)} questions, ${String(walk.keypresses - walk.typed).padStart(3)} keys + ${walk.typed} typed, ${walk.screens.length} screens`);
			} finally {
				terminal.close();
			}
		}
	}

	// Issue 11's target: at most 8 answers and 12 keys before the first server question.
	const {terminal} = startWizard([], {columns: 80, rows: 24}, {inRepository: true});
	try {
		const walk = await walkFlow(terminal, 'vps', 0, {until: /Server address/, retry: true, keep: /Repository to deploy|Domain for/});
		console.log(`  ${'vps, up to the server address'.padEnd(32)} ${String(walk.questions).padStart(3)} questions, ${String(walk.keypresses - walk.typed).padStart(3)} keys + ${walk.typed} typed (a project in git with an origin, the wizard commits and pushes)`);
	} finally {
		terminal.close();
	}
}
