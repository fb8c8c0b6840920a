// The plan a step shows before it runs: what goes on the server is shown as it will be written.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {ActionPreview} from '../../source/ui/action-preview.js';
import {settle} from '../support/ink-keys.js';

const server = {host: '203.0.113.7', port: 22, user: 'deploy', identityFile: '~/.ssh/id_mldw'};

test('a file written on the server is shown in full before it runs, a dry run or not', async () => {
	const site = 'api.example.com {\n\treverse_proxy 127.0.0.1:8000\n}\n';
	for (const dryRun of [false, true]) {
		const app = render(
			<ActionPreview
				frame={{header: <Text>Step 12 of 16: Caddy</Text>}}
				actions={[{kind: 'write-remote-file', label: 'Upload the site of forecast-api for Caddy', server, path: '.mldw/sites/forecast-api.caddy', content: site, mode: 0o644}]}
				dryRun={dryRun}
				onRun={() => {}}
				onBack={() => {}}
			/>,
		);
		await settle(60);
		const frame = app.lastFrame() ?? '';
		assert.match(frame, /write deploy@203\.0\.113\.7:\.mldw\/sites\/forecast-api\.caddy \(mode 644\)/);
		assert.match(frame, /api\.example\.com \{/);
		assert.match(frame, /reverse_proxy 127\.0\.0\.1:8000/);
		app.unmount();
	}
});
