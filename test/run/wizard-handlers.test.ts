import assert from 'node:assert/strict';
import {test} from 'node:test';
import {createSshHandlers} from '../../source/ssh/handlers.js';
import {sshActionKinds} from '../../source/run/wizard-handlers.js';

test('the wizard routes exactly the kinds the SSH side handles to it', () => {
	assert.deepEqual([...sshActionKinds].sort(), Object.keys(createSshHandlers()).sort());
});
