import assert from 'node:assert/strict';
import {test} from 'node:test';
import {render} from 'ink-testing-library';
import {SummaryScreen} from '../../source/ui/summary-screen.js';
import {settle} from '../support/ink-keys.js';

const steps = (verify: 'done' | 'skipped') => [
	{id: 'deploy', title: 'Deploy your app', status: 'done' as const, current: false},
	{id: 'verify', title: 'Check the live endpoint', status: verify, current: false},
];

test('a deployment is "your API" only once the live check passed; before, it says where it will answer', async () => {
	const unchecked = render(<SummaryScreen mode="deploy" dryRun={false} steps={steps('skipped')} url="https://api.example.com" written={[]} onExit={() => {}} />);
	await settle(60);
	assert.match(unchecked.lastFrame() ?? '', /Your API will answer at https:\/\/api\.example\.com once the remaining steps are done \(not checked yet\)/);
	assert.doesNotMatch(unchecked.lastFrame() ?? '', /Your API: |Check it again/);
	unchecked.unmount();
	const checked = render(<SummaryScreen mode="deploy" dryRun={false} steps={steps('done')} url="https://api.example.com" written={[]} onExit={() => {}} />);
	await settle(60);
	assert.match(checked.lastFrame() ?? '', /Your API: https:\/\/api\.example\.com/);
	assert.match(checked.lastFrame() ?? '', /Check it again at any time: npx ml-deploy-wizard verify/);
	checked.unmount();
});

test('"Only write the files" lists the files and the next steps, never an address or a check', async () => {
	const written = [{path: 'Dockerfile', outcome: 'wrote' as const}, {path: '.env.example', outcome: 'kept' as const}];
	const app = render(<SummaryScreen mode="generate" dryRun={false} steps={[{id: 'files', title: 'Write the deployment files', status: 'done', current: false}]} url="https://api.example.com" written={written} tryLocally="docker compose up --build" onDeploy={() => {}} onExit={() => {}} />);
	await settle(60);
	const frame = app.lastFrame() ?? '';
	assert.match(frame, /Dockerfile \(written\)/);
	assert.match(frame, /\.env\.example \(kept as you had it\)/);
	assert.match(frame, /docker compose up --build/);
	assert.match(frame, /git add Dockerfile && git commit/, 'a kept file is not in the commit line');
	assert.match(frame, /Deploy it now/);
	assert.doesNotMatch(frame, /Your API|verify/);
	app.unmount();
});
