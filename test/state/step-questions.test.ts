// What is asked: only what cannot be found out, the rest confirmed on one screen.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {z} from 'zod';
import {domainSchema, emailSchema, optional, portSchema, serviceNameSchema} from '../../source/core/inputs.js';
import type {Provider} from '../../source/core/step.js';
import {gcpProjectStep} from '../../source/providers/cloud-run/gcp-project-step.js';
import {herokuAppStep} from '../../source/providers/heroku/heroku-app-step.js';
import {newProgress, type Progress} from '../../source/state/progress-schema.js';
import {type WizardEvent, wizardReducer} from '../../source/state/wizard-reducer.js';
import {initialWizardState, type WizardState} from '../../source/state/wizard-state.js';

const server = {host: '203.0.113.7', port: 22, user: 'root', identityFile: '~/.ssh/id_mldw'};

const provider: Provider = {
	id: 'vps',
	name: 'Form test',
	description: '',
	steps: [
		{
			id: 'app',
			title: 'About the app',
			summary: '',
			learn: '',
			inputs: [
				{name: 'serviceName', label: 'Name for your app', schema: serviceNameSchema, defaultValue: () => 'forecast-api'},
				{name: 'appPort', label: 'Port', schema: portSchema, defaultValue: () => '8000'},
				{name: 'domain', label: 'Domain', schema: optional(domainSchema), defaultValue: () => ''},
				{name: 'acmeEmail', label: 'Email', schema: optional(emailSchema), defaultValue: () => '', when: ({answers}) => Boolean(answers.domain)},
				{name: 'token', label: 'Token', schema: z.string().min(1), secret: true},
			],
			available: true,
			plan: () => [],
		},
		{
			id: 'connect',
			title: 'Connect',
			summary: '',
			learn: '',
			inputs: [
				{name: 'serverHost', label: 'Server address', schema: z.string().min(1)},
				{name: 'serverPort', label: 'SSH port', schema: portSchema, defaultValue: () => '22'},
			],
			available: true,
			plan: () => [{kind: 'scan-host-key', label: 'Read the host key', host: 'h', port: 22}],
		},
		{
			id: 'login',
			title: 'Log in',
			summary: '',
			learn: '',
			inputs: [],
			available: true,
			plan: () => [{kind: 'check-login', label: 'Log in', server}],
		},
	],
};

function start(progress: Partial<Progress> = {}): WizardState {
	return initialWizardState({progress: {...newProgress('/project'), provider: 'vps', ...progress}, providers: [provider], projectDirectory: '/project', dryRun: false, learn: false});
}

function play(state: WizardState, ...events: WizardEvent[]): WizardState {
	return events.reduce(wizardReducer, state);
}

const phase = (state: WizardState) => (state.screen.name === 'step' ? state.screen.phase : undefined);

test('a secret is asked on its own first; everything with a usable answer is confirmed on one screen', () => {
	let state = play(start(), {type: 'resume'});
	assert.deepEqual(phase(state), {name: 'input', field: 'token', draft: ''}, 'the secret (the email is not asked without a domain)');
	state = play(state, {type: 'edit-draft', draft: 's3cret'}, {type: 'submit-input'});
	assert.deepEqual(phase(state), {name: 'form'});
	state = play(state, {type: 'confirm-form'});
	assert.deepEqual(state.progress.answers, {serviceName: 'forecast-api', appPort: 8000, domain: ''});
	assert.deepEqual(phase(state), {name: 'planning'});
});

test('a row chosen on the form is asked, and the form comes back showing what the answer made relevant', () => {
	let state = play(start(), {type: 'resume'}, {type: 'edit-draft', draft: 's'}, {type: 'submit-input'}, {type: 'edit-field', name: 'domain'});
	assert.deepEqual(phase(state), {name: 'input', field: 'domain', draft: '', back: 'form'});
	// Esc on it goes back to the form, changing nothing.
	assert.deepEqual(phase(play(state, {type: 'back'})), {name: 'form'});
	state = play(state, {type: 'edit-draft', draft: 'api.example.com'}, {type: 'submit-input'});
	assert.deepEqual(phase(state), {name: 'form'});
	assert.equal(state.progress.answers.domain, 'api.example.com');
	state = play(state, {type: 'confirm-form'});
	assert.equal(state.progress.answers.acmeEmail, '', 'the email the domain made relevant was on the form and is recorded');
	assert.equal(state.progress.answers.serviceName, 'forecast-api');
});

test('a default that does not pass opens its question with the reason', () => {
	const bad: Provider = {...provider, steps: [{...provider.steps[0]!, inputs: [
		{name: 'serviceName', label: 'Name', schema: serviceNameSchema, defaultValue: () => 'forecast-api'},
		{name: 'appPort', label: 'Port', schema: portSchema, defaultValue: ({answers}) => (answers.serviceName ? '99999' : '8000')},
	]}]};
	const state = play(initialWizardState({progress: {...newProgress('/p'), provider: 'vps'}, providers: [bad], projectDirectory: '/p', dryRun: false, learn: false}), {type: 'resume'});
	assert.deepEqual(phase(state), {name: 'form'});
	const confirmed = play({...state, progress: {...state.progress, answers: {serviceName: 'forecast-api'}}}, {type: 'confirm-form'});
	assert.deepEqual(phase(confirmed), {name: 'input', field: 'appPort', draft: '99999', error: 'Port: use a number from 1 to 65535.', back: 'form'});
});

test('what an earlier step answered is not asked again going forward, and is shown to change going back', () => {
	const answered = {answers: {serviceName: 'forecast-api', appPort: 8000, domain: ''}, steps: {}};
	const forward = play(start(answered), {type: 'resume'}, {type: 'edit-draft', draft: 's'}, {type: 'submit-input'});
	assert.deepEqual(phase(forward), {name: 'planning'}, 'every answer given: nothing to ask');
	// From the next step, Esc comes back to this step's answers.
	const next = play(forward, {type: 'planned', actions: []});
	assert.equal(next.screen.name === 'step' && next.screen.stepIndex, 1);
	const back = play(next, {type: 'back'});
	assert.deepEqual(back.screen, {name: 'step', stepIndex: 0, phase: {name: 'form'}});
});

test('the server address is asked on its own, then confirmed with the port; a failed login offers to change them', () => {
	let state = play(start({answers: {serviceName: 'forecast-api', appPort: 8000, domain: ''}, steps: {app: {status: 'done', completedActions: 0, facts: {}}}}), {type: 'resume'});
	assert.deepEqual(phase(state), {name: 'input', field: 'serverHost', draft: ''});
	state = play(state, {type: 'edit-draft', draft: '203.0.113.7'}, {type: 'submit-input'});
	assert.deepEqual(phase(state), {name: 'form'});
	state = play(state, {type: 'confirm-form'}, {type: 'planned', actions: [{kind: 'scan-host-key', label: 'Read', host: 'h', port: 22}]});
	state = play(state, {type: 'step-finished', ok: true, facts: {}});
	assert.ok(state.screen.name === 'step' && state.screen.stepIndex === 2, 'a check with nothing to act on goes straight on');
	assert.equal(state.previous?.title, 'Connect');
	const login = {kind: 'check-login' as const, label: 'Log in', server};
	state = play(state, {type: 'planned', actions: [login]});
	state = play(state, {type: 'action-start', index: 0, action: login}, {type: 'action-end', index: 0, action: login, outcome: {ok: false, message: 'refused'}}, {type: 'step-finished', ok: false, facts: {}, failure: {ok: false, message: 'refused'}});
	state = play(state, {type: 'change-answers'});
	assert.deepEqual(state.screen, {name: 'step', stepIndex: 1, phase: {name: 'form'}}, 'back at the address and port, to change them');
});

test('"Only write the files" goes straight on to deploying from the step after the files', () => {
	const progress = {mode: 'generate' as const, steps: {app: {status: 'done' as const, completedActions: 0, facts: {}}, files: {status: 'done' as const, completedActions: 0, facts: {}}}};
	const files: Provider = {...provider, steps: [provider.steps[0]!, {...provider.steps[1]!, id: 'files'}, provider.steps[2]!]};
	let state = initialWizardState({progress: {...newProgress('/p'), provider: 'vps', ...progress}, providers: [files], projectDirectory: '/p', dryRun: false, learn: false});
	state = play(state, {type: 'resume'});
	assert.equal(state.screen.name, 'summary');
	state = play(state, {type: 'deploy-now'});
	assert.equal(state.progress.mode, 'deploy');
	assert.equal(state.screen.name === 'step' && state.screen.stepIndex, 2);
});

test('Cloud Run\'s service name and Heroku\'s app name start from the app\'s name', () => {
	for (const step of [gcpProjectStep, herokuAppStep]) {
		const field = step.inputs.find(input => input.name === 'cloudRunService' || input.name === 'herokuApp')!;
		const context = {answers: {serviceName: 'forecast-api'}, facts: {}, projectDirectory: '/p', dryRun: false};
		assert.equal(field.defaultValue?.(context), 'forecast-api', step.id);
		assert.ok(field.schema.safeParse('forecast-api').success, `${step.id} accepts it`);
	}
});

test('a question a default makes relevant is on the same form, so the plan never lacks its answer', async () => {
	// The deploy key's path applies only to a private repository, and "private" defaults to
	// yes: the form shows the path too, and confirming records it (it once planned "undefined").
	const {deployKeyStep} = await import('../../source/providers/vps/deploy-key-step.js');
	const keys: Provider = {...provider, steps: [deployKeyStep]};
	let state = play(initialWizardState({progress: {...newProgress('/p'), provider: 'vps'}, providers: [keys], projectDirectory: '/p', dryRun: false, learn: false}), {type: 'resume'});
	assert.deepEqual(phase(state), {name: 'input', field: 'repoUrl', draft: ''}, 'no origin remote: the repository is asked first');
	state = play(state, {type: 'edit-draft', draft: 'git@github.com:me/api.git'}, {type: 'submit-input'});
	assert.deepEqual(phase(state), {name: 'form'});
	state = play(state, {type: 'edit-field', name: 'deployKeyFile'});
	assert.deepEqual(phase(state), {name: 'input', field: 'deployKeyFile', draft: '~/.ssh/id_mldw_deploy', back: 'form'}, 'the path is on the form and can be changed');
	state = play(state, {type: 'back'});
	// Answering "no" takes the path off the form; "yes" brings it back.
	const publicRepository = play(state, {type: 'edit-field', name: 'repoPrivate'}, {type: 'edit-draft', draft: 'no'}, {type: 'submit-input'});
	assert.deepEqual(phase(play(publicRepository, {type: 'edit-field', name: 'deployKeyFile'})), {name: 'form'}, 'no path row to open');
	state = play(state, {type: 'confirm-form'});
	assert.deepEqual(phase(state), {name: 'planning'});
	assert.equal(state.progress.answers.deployKeyFile, '~/.ssh/id_mldw_deploy');
	const [action] = await deployKeyStep.plan({answers: state.progress.answers, facts: {}, projectDirectory: '/p', dryRun: false});
	assert.ok(action?.kind === 'generate-key' && action.path === '~/.ssh/id_mldw_deploy', JSON.stringify(action));
});
