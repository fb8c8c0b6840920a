// Benchmark, not a test: what the VPS journey costs a person. The terminal walk (questions,
// keypresses, screens that only needed Enter, wall time) and the headless deploy's wall
// time, from a fresh project to a passing live check, on the parts described in
// test/support/journey-world.ts. It runs itself inside private network and mount namespaces.
import path from 'node:path';
import {runDeployCli} from '../support/deploy-cli.js';
import {createJourneyWorld, modelToken} from '../support/journey-world.js';
import {assertInsideNamespace, insideNamespace, runInNamespace} from '../support/network-namespace.js';
import {laptopPublicKey, walkVpsJourney} from '../support/terminal-journey.js';

async function measure(): Promise<void> {
	assertInsideNamespace();
	const terminalWorld = await createJourneyWorld();
	try {
		const walk = await walkVpsJourney(terminalWorld, {beforeLogin: () => terminalWorld.server.authorize(laptopPublicKey(terminalWorld))});
		console.log(`  terminal UI: ${walk.questions} questions answered, ${walk.keypresses} keypresses (${walk.typed} of them typed characters), ${walk.confirmations} Enter-only screens, ${walk.seconds.toFixed(1)} s from the welcome screen to the summary`);
		if (walk.beforeServer) {
			console.log(`    before the first server question: ${walk.beforeServer.questions} questions, ${walk.beforeServer.keypresses - walk.beforeServer.typed} keys + ${walk.beforeServer.typed} typed characters`);
		}
	} finally {
		await terminalWorld.stop();
	}

	const world = await createJourneyWorld();
	try {
		world.server.authorize(await keyAfterFirstRun(world));
		const started = performance.now();
		const run = await runDeployCli({config: journeyConfig(world), work: world.work, home: world.laptop, project: world.project, flags: ['--yes'], env: {...world.environment, MODEL_TOKEN: modelToken}});
		if (run.code !== 0) {
			throw new Error(`the headless deploy failed:\n${run.stderr}`);
		}

		console.log(`  headless deploy --config --yes with repo.push: ${((performance.now() - started) / 1000).toFixed(1)} s to a passing live check`);
	} finally {
		await world.stop();
	}
}

function journeyConfig(world: Awaited<ReturnType<typeof createJourneyWorld>>) {
	return {
		provider: 'vps',
		domain: 'api.example.test',
		acme: {ca: world.pebble.directoryUrl},
		app: {port: 8000, healthPath: '/health'},
		server: {host: '127.0.0.1', port: world.server.port, user: world.server.user, hostKey: world.server.fingerprint()},
		repo: {url: world.gitHost, branch: 'main', push: true},
		env: {secrets: ['MODEL_TOKEN']},
		cron: [{schedule: '15 * * * *', path: '/update-forecast'}],
	};
}

/** The wizard's key made beforehand (the wizard keeps a key it finds): this run measures the deploy, not the key paste. */
async function keyAfterFirstRun(world: Awaited<ReturnType<typeof createJourneyWorld>>): Promise<string> {
	const {ensureKeyPair} = await import('../../source/ssh/keys.js');
	return (await ensureKeyPair(path.join(world.laptop, '.ssh', 'id_mldw'), 'bench@laptop')).publicKey;
}

if (insideNamespace()) {
	await measure();
} else {
	console.log('The VPS journey (fresh project to a passing live check, pebble certificate):');
	const {code, why} = await runInNamespace(import.meta.filename, [], {timeoutMs: 400_000});
	if (code !== 0) {
		console.log(`  the journey benchmark ${why}`);
	}
}
