import assert from 'node:assert/strict';
import {test} from 'node:test';
import {yesNoSchema} from '../../source/core/inputs.js';
import type {Provider} from '../../source/core/step.js';
import {newProgress} from '../../source/state/progress-schema.js';
import {type WizardEvent, wizardReducer} from '../../source/state/wizard-reducer.js';
import {deploymentLinks, initialWizardState, type WizardState} from '../../source/state/wizard-state.js';
import {fakeProvider} from '../support/fake-provider.js';

function start(overrides: Partial<Parameters<typeof initialWizardState>[0]> = {}): WizardState {
	return initialWizardState({
		progress: newProgress('/project'),
		providers: [fakeProvider],
		projectDirectory: '/project',
		dryRun: false,
		learn: false,
		...overrides,
	});
}

function play(state: WizardState, ...events: WizardEvent[]): WizardState {
	return events.reduce(wizardReducer, state);
}

test('a fresh start shows the welcome screen; a saved one offers to resume', () => {
	assert.equal(start().screen.name, 'welcome');
	const saved = {...newProgress('/project'), provider: 'vps' as const};
	assert.equal(start({progress: saved}).screen.name, 'resume');
	// --provider on a project with nothing saved: welcome, then straight to the first step.
	const flagged = start({progress: saved, fresh: true});
	assert.equal(flagged.screen.name, 'welcome');
	assert.equal(play(flagged, {type: 'choose-mode', mode: 'deploy'}).screen.name, 'step');
});

test('answers are validated inline, recorded in progress, and secrets stay out of it', () => {
	// The secret has no usable default: it is asked first, on its own; the port and the name
	// have defaults and are confirmed together on one screen.
	let state = play(start(), {type: 'choose-mode', mode: 'deploy'}, {type: 'choose-provider', provider: 'vps'});
	assert.deepEqual(state.screen, {name: 'step', stepIndex: 0, phase: {name: 'input', field: 'token', draft: ''}});
	state = play(state, {type: 'submit-input'});
	assert.equal(state.screen.name === 'step' && state.screen.phase.name === 'input' && state.screen.phase.error, 'Token: type something.');
	state = play(state, {type: 'edit-draft', draft: 's3cret'}, {type: 'submit-input'});
	assert.deepEqual(state.screen, {name: 'step', stepIndex: 0, phase: {name: 'form'}});
	state = play(state, {type: 'edit-field', name: 'appPort'});
	assert.deepEqual(state.screen, {name: 'step', stepIndex: 0, phase: {name: 'input', field: 'appPort', draft: '8000', back: 'form'}});
	state = play(state, {type: 'edit-draft', draft: '99999'}, {type: 'submit-input'});
	assert.equal(state.screen.name === 'step' && state.screen.phase.name === 'input' && state.screen.phase.error, 'Port: use a number from 1 to 65535.');
	assert.equal(state.progress.answers.appPort, undefined, 'an invalid value is never saved');
	state = play(state, {type: 'edit-draft', draft: '5000'}, {type: 'submit-input'});
	assert.deepEqual(state.screen, {name: 'step', stepIndex: 0, phase: {name: 'form'}});
	state = play(state, {type: 'confirm-form'});
	assert.equal(state.progress.answers.appPort, 5000);
	assert.equal(state.progress.answers.serviceName, 'fake-api', 'the default confirmed on the form is recorded');
	assert.equal(state.progress.answers.token, undefined);
	assert.equal(state.secretAnswers.token, 's3cret');
	assert.deepEqual(state.screen, {name: 'step', stepIndex: 0, phase: {name: 'planning'}});
	state = play(state, {type: 'planned', actions: []});
	assert.equal(state.progress.steps.app?.status, 'done', 'a step with nothing to run is done once answered');
	assert.deepEqual(state.screen, {name: 'step', stepIndex: 1, phase: {name: 'planning'}});
});

test('a step runs through preview, running and result, and its progress is counted per action', () => {
	const upload = {kind: 'upload' as const, label: 'Upload', from: 'a', to: 'b', mode: 0o600, server: {host: 'h', port: 22, user: 'u', identityFile: '~/.ssh/k'}};
	const note = {kind: 'instruct' as const, label: 'Paste', text: 'Paste it.'};
	let state = play(start({progress: {...newProgress('/project'), provider: 'vps', steps: {app: {status: 'done', completedActions: 0, facts: {}}}}}), {type: 'resume'});
	state = play(state, {type: 'planned', actions: [upload, note]});
	assert.ok(state.screen.name === 'step' && state.screen.phase.name === 'preview', 'a step that changes a server asks first');
	state = play(state, {type: 'run'});
	assert.equal(state.progress.steps.files?.status, 'running');
	state = play(
		state,
		{type: 'action-start', index: 0, action: upload},
		{type: 'output', chunk: 'line one\nline two\n'},
		{type: 'action-end', index: 0, action: upload, outcome: {ok: true}},
	);
	assert.equal(state.progress.steps.files?.completedActions, 1);
	assert.ok(state.screen.name === 'step' && state.screen.phase.name === 'running');
	assert.deepEqual(state.screen.phase.outputTail, ['line one', 'line two']);
	state = play(state, {type: 'step-finished', ok: false, facts: {}, failure: {ok: false, message: 'disk full'}});
	assert.equal(state.progress.steps.files?.status, 'failed');
	assert.equal(state.progress.steps.files?.completedActions, 1, 'how far the failed run got is shown');
	assert.equal(state.attempts.files, 1);
	state = play(state, {type: 'retry'});
	assert.ok(state.screen.name === 'step' && state.screen.phase.name === 'planning', 'a retry plans the step afresh');
	state = play(state, {type: 'planned', actions: [upload, note]}, {type: 'run'});
	assert.ok(state.screen.name === 'step' && state.screen.phase.name === 'running');
	assert.equal(state.progress.steps.files?.completedActions, 0, 'and runs it from its first action');
	assert.equal(state.attempts.files, 2, 'a second attempt is counted, so its screen can say so');
	state = play(state, {type: 'step-finished', ok: true, facts: {written: true}});
	assert.ok(state.screen.name === 'step' && state.screen.phase.name === 'result', 'an instruction stays on screen until Enter');
	state = play(state, {type: 'continue'});
	assert.equal(state.progress.steps.files?.status, 'done');
	assert.deepEqual(state.progress.steps.files?.facts, {written: true});
	assert.deepEqual(state.screen, {name: 'step', stepIndex: 2, phase: {name: 'unavailable'}});
	state = play(state, {type: 'continue'});
	assert.equal(state.progress.steps.later?.status, 'skipped');
	assert.equal(state.screen.name, 'summary');
});

test('a step that only looks, or writes files and keys here, runs without asking; a dry run always shows its plan', () => {
	const progress = {...newProgress('/project'), provider: 'vps' as const, steps: {app: {status: 'done' as const, completedActions: 0, facts: {}}}};
	const write = {kind: 'write-file' as const, label: 'Write', path: 'a', content: 'x'};
	const key = {kind: 'generate-key' as const, label: 'Key', path: '~/.ssh/k', comment: 'c', purpose: 'server' as const};
	const running = play(start({progress}), {type: 'resume'}, {type: 'planned', actions: [write, key, {kind: 'instruct', label: 'x', text: 'y'}]});
	assert.ok(running.screen.name === 'step' && running.screen.phase.name === 'running');
	const dry = play(start({progress, dryRun: true}), {type: 'resume'}, {type: 'planned', actions: [write]});
	assert.ok(dry.screen.name === 'step' && dry.screen.phase.name === 'preview');
	const push = play(start({progress}), {type: 'resume'}, {type: 'planned', actions: [{kind: 'publish-code', label: 'Push', repoUrl: 'r', branch: 'main', files: [], mayPublish: true}]});
	assert.ok(push.screen.name === 'step' && push.screen.phase.name === 'preview', 'pushing code is shown first');
});

test('a step with nothing to act on goes straight on, its log shown above the next screen until the person moves on', () => {
	const progress = {...newProgress('/project'), provider: 'vps' as const, steps: {app: {status: 'done' as const, completedActions: 0, facts: {}}}};
	const write = {kind: 'write-file' as const, label: 'Write a', path: 'a', content: 'x'};
	let state = play(start({progress}), {type: 'resume'}, {type: 'planned', actions: [write]});
	state = play(state, {type: 'action-start', index: 0, action: write}, {type: 'action-end', index: 0, action: write, outcome: {ok: true, output: 'wrote a'}}, {type: 'step-finished', ok: true, facts: {}});
	assert.deepEqual(state.screen, {name: 'step', stepIndex: 2, phase: {name: 'unavailable'}});
	assert.equal(state.previous?.title, 'Write files');
	assert.deepEqual(state.previous?.log.map(entry => entry.output), ['wrote a']);
	assert.deepEqual(state.written, [{path: 'a', outcome: 'wrote'}]);
	state = play(state, {type: 'continue'});
	assert.equal(state.previous, undefined);
});

test('something to do by hand waits for Enter; something only to know (no deploy key needed) goes on', () => {
	const progress = {...newProgress('/project'), provider: 'vps' as const, steps: {app: {status: 'done' as const, completedActions: 0, facts: {}}}};
	const finish = (action: {kind: 'instruct'; label: string; text: string; informational?: true}) => play(
		start({progress}),
		{type: 'resume'},
		{type: 'planned', actions: [action]},
		{type: 'action-start', index: 0, action},
		{type: 'action-end', index: 0, action, outcome: {ok: true, output: action.text}},
		{type: 'step-finished', ok: true, facts: {}},
	);
	const toDo = finish({kind: 'instruct', label: 'Paste this', text: 'Paste the key at Settings > Keys.'});
	assert.ok(toDo.screen.name === 'step' && toDo.screen.stepIndex === 1 && toDo.screen.phase.name === 'result');
	const toKnow = finish({kind: 'instruct', label: 'No deploy key needed', text: 'The repository is public.', informational: true});
	assert.deepEqual(toKnow.screen, {name: 'step', stepIndex: 2, phase: {name: 'unavailable'}});
	assert.deepEqual(toKnow.previous?.log.map(entry => entry.output), ['The repository is public.'], 'still said, above the next screen');
});

test('a failed step can be skipped and the wizard moves on', () => {
	let state = play(start({progress: {...newProgress('/project'), provider: 'vps', steps: {app: {status: 'done', completedActions: 0, facts: {}}}}}), {type: 'resume'});
	state = play(state, {type: 'planned', actions: [{kind: 'instruct', label: 'x', text: 'y'}]}, {type: 'run'});
	state = play(state, {type: 'step-finished', ok: false, facts: {}, failure: {ok: false, message: 'no route to host'}}, {type: 'continue'});
	assert.ok(state.screen.name === 'step' && state.screen.phase.name === 'result', 'Enter does not walk past a failure');
	state = play(state, {type: 'skip'});
	assert.equal(state.progress.steps.files?.status, 'skipped');
	assert.equal(state.progress.steps.files?.message, 'no route to host');
	assert.deepEqual(state.screen, {name: 'step', stepIndex: 2, phase: {name: 'unavailable'}});
});

test('Esc goes back a question or a step, never out of a running step', () => {
	let state = play(start(), {type: 'choose-mode', mode: 'deploy'}, {type: 'choose-provider', provider: 'vps'});
	state = play(state, {type: 'edit-draft', draft: 't'}, {type: 'submit-input'}, {type: 'confirm-form'}, {type: 'planned', actions: []});
	state = play(state, {type: 'planned', actions: [{kind: 'upload', label: 'x', from: 'a', to: 'b', mode: 0o600, server: {host: 'h', port: 22, user: 'u', identityFile: '~/.ssh/k'}}]});
	assert.ok(state.screen.name === 'step' && state.screen.phase.name === 'preview');
	const running = play(state, {type: 'run'});
	assert.equal(play(running, {type: 'back'}), running);
	// The files step asks nothing: back goes to the previous step, its answers shown to change.
	state = play(state, {type: 'back'});
	assert.deepEqual(state.screen, {name: 'step', stepIndex: 0, phase: {name: 'form'}});
	state = play(state, {type: 'edit-field', name: 'serviceName'});
	assert.deepEqual(state.screen, {name: 'step', stepIndex: 0, phase: {name: 'input', field: 'serviceName', draft: 'fake-api', back: 'form'}});
	state = play(state, {type: 'back'});
	assert.deepEqual(state.screen, {name: 'step', stepIndex: 0, phase: {name: 'form'}});
	state = play(state, {type: 'back'});
	assert.deepEqual(state.screen, {name: 'provider'});
	state = play(state, {type: 'back'});
	assert.deepEqual(state.screen, {name: 'welcome'});
});

test('"only write the files" stops after the files step', () => {
	const state = play(start(), {type: 'choose-mode', mode: 'generate'}, {type: 'choose-provider', provider: 'vps'});
	const progress = {...state.progress, steps: {app: {status: 'done' as const, completedActions: 0, facts: {}}, files: {status: 'done' as const, completedActions: 0, facts: {}}}};
	assert.equal(play({...state, progress}, {type: 'resume'}).screen.name, 'summary');
});

test('"I\'m new to this" turns on the long explanations', () => {
	assert.equal(play(start(), {type: 'choose-mode', mode: 'learn'}).progress.learn, true);
	assert.equal(start({learn: true}).progress.learn, true);
});

test('a dry run changes no step status', () => {
	let state = play(start({dryRun: true, progress: {...newProgress('/project'), provider: 'vps', steps: {app: {status: 'done', completedActions: 0, facts: {}}}}}), {type: 'resume'});
	state = play(state, {type: 'planned', actions: [{kind: 'instruct', label: 'x', text: 'y'}]}, {type: 'run'}, {type: 'step-finished', ok: true, facts: {}});
	assert.equal(state.progress.steps.files, undefined);
});

test('start over asks first, then forgets answers but keeps learn mode', () => {
	let state = start({learn: true, progress: {...newProgress('/project'), provider: 'vps', answers: {appPort: 1}}});
	state = play(state, {type: 'ask-start-over'});
	assert.equal(state.screen.name, 'confirm-start-over');
	state = play(state, {type: 'back'});
	assert.equal(state.screen.name, 'resume');
	state = play(state, {type: 'ask-start-over'}, {type: 'start-over'});
	assert.deepEqual(state.progress.answers, {});
	assert.equal(state.progress.provider, null);
	assert.equal(state.progress.learn, true);
	assert.equal(state.screen.name, 'welcome');
});

test('resume lands on what was open when the wizard stopped: answered questions are not asked again', () => {
	const progress = {...newProgress('/project'), provider: 'vps' as const, answers: {appPort: 5000, serviceName: 'fake-api'}};
	const state = play(start({progress}), {type: 'resume'});
	assert.deepEqual(state.screen, {name: 'step', stepIndex: 0, phase: {name: 'input', field: 'token', draft: ''}});
	const answered = play(state, {type: 'edit-draft', draft: 's'}, {type: 'submit-input'});
	assert.deepEqual(answered.screen, {name: 'step', stepIndex: 0, phase: {name: 'planning'}});
});

test('the summary knows where the API answers and how to read its logs', () => {
	const progress = {
		...newProgress('/project'),
		provider: 'vps' as const,
		steps: {deploy: {status: 'done' as const, completedActions: 0, facts: {publicUrl: 'http://203.0.113.7/', logsCommand: 'ssh api docker compose logs'}}},
	};
	assert.deepEqual(deploymentLinks(start({progress})), {url: 'http://203.0.113.7/', logsCommand: 'ssh api docker compose logs', commit: undefined});
	const withDomain = {...progress, answers: {domain: 'api.example.com'}};
	assert.equal(deploymentLinks(start({progress: withDomain})).url, 'https://api.example.com');
});

test('a consent answered yes on its screen is the confirmation; one saved earlier, or taken back with Esc, shows the plan', () => {
	const consent = {name: 'publishCode', label: 'Run these git commands now?', schema: yesNoSchema, confirmsPlan: true as const};
	const publishing: Provider = {...fakeProvider, steps: [{...fakeProvider.steps[1]!, id: 'publish', inputs: [consent]}]};
	const push = {kind: 'publish-code' as const, label: 'Push', repoUrl: 'r', branch: 'main', files: [], mayPublish: true};
	const begin = (answers: Record<string, boolean> = {}) => play(start({providers: [publishing], progress: {...newProgress('/project'), provider: 'vps', answers}}), {type: 'resume'});
	const phaseName = (state: WizardState) => (state.screen.name === 'step' ? state.screen.phase.name : state.screen.name);

	const typedNow = play(begin(), {type: 'edit-draft', draft: 'yes'}, {type: 'submit-input'}, {type: 'planned', actions: [push]});
	assert.equal(phaseName(typedNow), 'running', 'the yes was the confirmation');
	assert.equal(typedNow.consentedStep, undefined, 'used once');
	assert.equal(phaseName(play(begin({publishCode: true}), {type: 'planned', actions: [push]})), 'preview', 'a yes from an earlier run');
	const no = play(begin(), {type: 'edit-draft', draft: 'no'}, {type: 'submit-input'}, {type: 'planned', actions: [push]});
	assert.equal(phaseName(no), 'preview');
	const dry = play(start({dryRun: true, providers: [publishing], progress: {...newProgress('/project'), provider: 'vps'}}), {type: 'resume'}, {type: 'edit-draft', draft: 'yes'}, {type: 'submit-input'}, {type: 'planned', actions: [push]});
	assert.equal(phaseName(dry), 'preview', 'a dry run always shows its plan');
});
