// The same journey as vps-journey.test.ts, in the terminal UI: the built binary in a real pty
// (tmux), keystroke by keystroke, from the welcome screen of a fresh project to the summary
// after a passing live check. The only git step is the wizard's own, after a yes.
// Runs inside a private network namespace; the parts (real, and the docker and systemctl
// STAND-INS) are described in test/support/journey-world.ts.
import assert from 'node:assert/strict';
import {apiKey, journeyDomain, journeyTest, modelToken} from '../support/journey-world.js';
import {laptopPublicKey, walkVpsJourney} from '../support/terminal-journey.js';

journeyTest(import.meta.filename, 'the terminal UI: a fresh project to a trusted HTTPS endpoint, the secret typed hidden, the git step run by the wizard', async world => {
	const walk = await walkVpsJourney(world, {beforeLogin: () => world.server.authorize(laptopPublicKey(world))});
	const screens = walk.screens.join('\n');
	// Sentences as read, whatever the 80 columns wrapped.
	const read = (screen: string) => screen.replaceAll(/\n\s*/g, ' ');

	// The code was not on the git host: the step stopped with the commands, then ran them after a yes.
	assert.match(read(screens), /✖ The server builds what \S*forecast-api\.git holds,/);
	assert.match(screens, /git push origin HEAD:refs\/heads\/main\n/);
	assert.match(screens, /Run these git commands now\?/);
	// The secret was typed without echo.
	assert.match(screens, /Value for MODEL_TOKEN[\s\S]*› \*+\n/);
	assert.ok(!screens.includes(modelToken) && !screens.includes(apiKey), 'no secret on any screen');

	const summary = walk.screens.at(-1)!;
	assert.match(summary, /All steps are done\./);
	assert.match(summary, new RegExp(`Your API: https://${journeyDomain.replaceAll('.', '\\.')}`));
	assert.match(read(summary), new RegExp(`Running: ${world.git('rev-parse', 'HEAD').slice(0, 12)} "Add the deployment files \\(ml-deploy-wizard\\)"`));

	const health = await world.get(`https://${journeyDomain}/health`);
	assert.equal(health.status, 200);
	assert.deepEqual(JSON.parse(health.body), {status: 'ok', version: 1, keyLength: apiKey.length, tokenLength: modelToken.length});
	assert.equal((await world.get(`http://${journeyDomain}/`)).status, 301);
	assert.ok(!world.savedState().includes(modelToken), 'the typed secret is not in the progress file');
	// What a newcomer pays, printed for the record (the benchmark prints the same walk).
	console.log(`terminal journey: ${walk.questions} questions, ${walk.keypresses} keypresses (${walk.typed} typed), ${walk.confirmations} confirmations, ${walk.seconds.toFixed(1)} s; before the server address: ${walk.beforeServer?.questions} questions, ${walk.beforeServer?.keypresses} keypresses (${walk.beforeServer?.typed} typed)`);
});
