// The detection corpus, scored (numbers, never pass/fail): how many projects the wizard reads
// fully right (detection and every provider's files against the truth file), and how many of
// the generated container commands serve their health check, out of those Debian's python
// packages can run here. The same checks as test/detect/corpus.test.ts.
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import {type FixtureResult, scoreFixture} from '../detect/corpus/score.js';
import {loadTruths} from '../detect/corpus/truth.js';

export async function benchmarkCorpus(): Promise<void> {
	const truths = loadTruths();
	// Starting a command needs a private network namespace, which needs root.
	const canRun = process.getuid?.() === 0;
	const started = performance.now();
	const results: FixtureResult[] = [];
	for (const {name, truth} of truths) {
		results.push(await scoreFixture(name, truth, {run: canRun}));
	}

	const right = results.filter(result => result.problems.length === 0);
	const runnable = truths.filter(({truth}) => truth.runnable === true);
	const served = results.filter(result => result.run?.served);
	console.log(`Detection corpus (test/fixtures/truth, ${truths.length} projects, ${((performance.now() - started) / 1000).toFixed(1)} s):`);
	console.log(`  fully right: ${right.length} of ${truths.length}`);
	console.log(canRun
		? `  generated command serves its health check: ${served.length} of ${runnable.length} runnable here`
		: '  generated commands not started: that needs root (a private network namespace)');
	for (const result of results) {
		const truth = truths.find(candidate => candidate.name === result.name)!.truth;
		const run = truth.runnable === true ? (result.run ? (result.run.served ? 'serves' : 'does not serve') : 'not started') : 'not runnable here';
		console.log(`  ${result.name.padEnd(22)}${result.problems.length === 0 ? 'right' : `${result.problems.length} wrong`}, ${run}`);
		for (const problem of result.problems) {
			console.log(`      ${problem}`);
		}

		if (result.run && !result.run.served) {
			console.log(`      ${result.run.detail.split('\n').slice(-3).join('\n      ')}`);
		}
	}
}
