import type {Provider, ProviderId} from '../core/step.js';
import {cloudRunProvider} from './cloud-run/cloud-run-provider.js';
import {herokuProvider} from './heroku/heroku-provider.js';
import {vpsProvider} from './vps/vps-provider.js';

export const providers: readonly Provider[] = [vpsProvider, cloudRunProvider, herokuProvider];

export function providerById(id: ProviderId): Provider {
	const provider = providers.find(candidate => candidate.id === id);
	if (!provider) {
		throw new Error(`Unknown provider "${id}".`);
	}

	return provider;
}
