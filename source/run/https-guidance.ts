// Certificate issuance explained: what must be true before switching to HTTPS, and why
// repeated failed attempts should go to a staging CA. The https step shows these.

import {letsEncryptStagingUrl} from '../core/inputs.js';

export const letsEncryptProductionUrl = 'https://acme-v02.api.letsencrypt.org/directory';

export const httpsPreconditionsText = [
	'Caddy asks Let\'s Encrypt for a certificate the moment the HTTPS Caddyfile is loaded.',
	'Let\'s Encrypt then connects to your domain on port 80 (or 443) to check that you control it, so two things must already be true:',
	'  1. DNS: the name resolves to this server, and no AAAA record points elsewhere.',
	'  2. Ports 80 and 443 are open to the internet (the server\'s firewall and your provider\'s).',
	'The wizard checks both first and switches only when they pass.',
].join('\n');

export const certificateRateLimitText = [
	'Let\'s Encrypt limits how often you may fail: about 5 failed validations per name per hour, and 5 identical certificates per week.',
	'Caddy backs off by itself after a failure, but reloading again and again while DNS or a port is still wrong can lock the name out for an hour or more.',
	`When you expect several tries, use the staging CA (${letsEncryptStagingUrl}): it has far higher limits and issues certificates browsers do not trust on purpose.`,
	'Once everything works on staging, switch back to the production CA and reload once.',
].join('\n');

export const certificateWaitText = 'Waiting for the certificate: issuance usually takes 10 to 60 seconds once DNS and ports are right.';
