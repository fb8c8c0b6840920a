// The passphrase of a key, typed in the wizard's own screen (ink-testing-library), against a
// real sshd on 127.0.0.1: asked hidden when the server accepts the key, a wrong one asked
// again, Esc skips the key; the passphrase never shows on screen or in the saved progress.
import assert from 'node:assert/strict';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, afterEach, before, test} from 'node:test';
import {render} from 'ink-testing-library';
import {App} from '../../source/app.js';
import type {Provider} from '../../source/core/step.js';
import type {AskSecret} from '../../source/hooks/use-wizard.js';
import {createLocalHandlers} from '../../source/run/local-handlers.js';
import {createSshHandlers} from '../../source/ssh/handlers.js';
import {forgetUnlockedKeys} from '../../source/ssh/identities.js';
import {passphraseQuestions, setPassphrasePrompt} from '../../source/ssh/passphrase-prompt.js';
import {closeAllSessions} from '../../source/ssh/session.js';
import {newProgress, type Progress} from '../../source/state/progress-schema.js';
import {keys, settle, waitForFrame} from '../support/ink-keys.js';
import {startTestSshServer, type TestSshServer} from '../support/sshd.js';
import {type Laptop, makeLaptop} from '../ssh/laptop.js';

const passphrase = 'open sesame';
let server: TestSshServer;
let laptop: Laptop;

before(async () => {
	server = await startTestSshServer({sudo: false});
	laptop = makeLaptop();
	process.env.HOME = laptop.home;
	delete process.env.SSH_AUTH_SOCK;
	delete process.env.MLDW_KNOWN_HOSTS;
	server.authorize(laptop.keygen('id_work', passphrase));
	laptop.writeSshFile('config', `Host box\n    HostName 127.0.0.1\n    Port ${server.port}\n    User ${server.user}\n    IdentityFile ~/.ssh/id_work\n`);
	laptop.scanIntoKnownHosts(server.port);
});

afterEach(async () => {
	await closeAllSessions();
	forgetUnlockedKeys();
	setPassphrasePrompt(undefined);
});

after(() => {
	server?.stop();
	laptop?.remove();
});

const loginProvider: Provider = {
	id: 'vps',
	name: 'A server',
	description: 'For tests.',
	steps: [
		{
			id: 'login',
			title: 'Log in',
			summary: 'Logs in.',
			learn: '',
			inputs: [],
			available: true,
			plan: () => [{kind: 'check-login', label: 'Log in to box', server: {host: 'box', port: server.port, user: server.user, identityFile: '~/.ssh/id_mldw'}}],
		},
	],
};

function renderWizard() {
	const saved: Progress[] = [];
	const instance = render(
		<App
			initial={{progress: newProgress(mkdtempSync(path.join(tmpdir(), 'mldw-ui-'))), providers: [loginProvider], projectDirectory: '/', dryRun: false, learn: false}}
			services={{
				save: progress => saved.push(progress),
				// The same wiring as interactive.tsx: the SSH side asks through the wizard's screen.
				createHandlers(_ask, askSecret: AskSecret) {
					setPassphrasePrompt(passphraseQuestions(askSecret));
					return {...createLocalHandlers(), ...createSshHandlers()};
				},
			}}
			onExit={() => undefined}
		/>,
	);
	return {...instance, saved};
}

/** The frame's text without the box and its line wrapping, for sentences that wrap. */
function text(frame: string): string {
	return frame.replaceAll(/[│╭╮╰╯─]/g, ' ').replaceAll(/\s+/g, ' ');
}

/** Waits for a sentence that the box may wrap over two lines. */
async function waitForText(app: ReturnType<typeof renderWizard>, pattern: RegExp): Promise<string> {
	return text(await waitForFrame(() => text(app.lastFrame() ?? ''), pattern, 300));
}

/** One key at a time, each awaited on screen: the text box reads its value from the last render. */
async function type(app: ReturnType<typeof renderWizard>, typed: string) {
	for (let index = 0; index < typed.length; index++) {
		// The text box subscribes to input in an effect, just after each frame.
		await settle();
		app.stdin.write(typed[index]!);
		await waitForFrame(app.lastFrame, new RegExp(`› \\*{${index + 1}}\\s`));
	}
}

/** The wizard, through its first two screens to the login step, up to the passphrase question. */
async function openLoginStep(t: {after: (fn: () => Promise<void>) => void}) {
	const app = renderWizard();
	t.after(async () => {
		app.unmount();
		await closeAllSessions();
	});
	await waitForFrame(app.lastFrame, /What would you like to do\?/);
	await settle();
	app.stdin.write(keys.enter);
	await waitForFrame(app.lastFrame, /Where should your API run\?/);
	await settle();
	app.stdin.write(keys.enter);
	return {app, frame: await waitForFrame(app.lastFrame, /Passphrase for ~\/\.ssh\/id_work/, 300)};
}

test('the passphrase is asked hidden, asked again when wrong, and never shown or saved', async t => {
	const logins = server.acceptedLogins();
	const opened = await openLoginStep(t);
	const {app} = opened;
	let {frame} = opened;
	assert.match(text(frame), new RegExp(`${server.user}@box \\(127\\.0\\.0\\.1 port ${server.port}\\) accepts this key \\(SHA256:`));
	assert.match(text(frame), /kept in memory, never saved/);
	await type(app, 'wrong');
	app.stdin.write(keys.enter);
	frame = await waitForText(app, /Wrong passphrase for ~\/\.ssh\/id_work; try again \(attempt 2 of 3\)/);
	// Nothing between the empty box and the key hints under it.
	assert.match(frame, /› Enter confirm/, 'a fresh, empty box for the second try');
	await type(app, passphrase);
	app.stdin.write(keys.enter);
	// Logging in leaves nothing to act on: the next screen shows the step's log above its own.
	frame = await waitForFrame(app.lastFrame, /✔ Done: Log in/, 300);
	assert.match(text(frame), /Logged in as mldw\w+@box \(127\.0\.0\.1 port \d+\) with ~\/\.ssh\/id_work/);
	for (const shown of app.frames) {
		assert.doesNotMatch(shown, /open sesame|wrong/, 'what is typed is never on screen');
	}

	assert.ok(app.saved.length > 0);
	assert.doesNotMatch(JSON.stringify(app.saved), /open sesame/, 'nor in the saved progress');
	assert.equal(server.acceptedLogins() - logins, 1);
});

test('Esc skips the key: the login fails with what to do, and nothing hangs', async t => {
	const logins = server.acceptedLogins();
	const {app} = await openLoginStep(t);
	await settle();
	app.stdin.write(keys.escape);
	const frame = await waitForFrame(app.lastFrame, /refused every key offered/, 300);
	assert.match(text(frame), /The passphrase of ~\/\.ssh\/id_work was not typed, so that key was not used\./);
	assert.equal(server.acceptedLogins(), logins, 'no login');
});
