import assert from 'node:assert/strict';
import {test} from 'node:test';
import {requireBinary} from './daemon.js';

test('a missing binary fails loudly, naming it and its Debian package', () => {
	assert.throws(() => requireBinary('mldw-no-such-daemon', 'mldw-package'), /mldw-no-such-daemon is not installed: these tests start a real mldw-no-such-daemon\. Install the Debian package mldw-package/);
	assert.match(requireBinary('dnsmasq', 'dnsmasq-base'), /\/dnsmasq$/);
});
