// Checks shared by the providers that build an image on this laptop (Cloud Run, Heroku).
import {dockerEngineVersion, dockerVersion} from '../commands/docker-local.js';
import type {CheckLocalAction} from '../core/action.js';

export function escapeRegExp(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The two checks every container provider needs: docker installed and its engine running. */
export function dockerChecks(): CheckLocalAction[] {
	return [
		{
			kind: 'check-local',
			label: 'Check that Docker is installed',
			argv: dockerVersion(),
			failure: 'Docker is needed to build your image on this computer.',
			hint: 'Install Docker Desktop (macOS, Windows) or Docker Engine (Linux) from https://docs.docker.com/get-docker/, then run the wizard again.',
		},
		{
			kind: 'check-local',
			label: 'Check that the Docker engine is running',
			argv: dockerEngineVersion(),
			failure: 'Docker is installed but its engine is not running.',
			hint: 'Start Docker Desktop (or `sudo systemctl start docker` on Linux), wait until it is ready, then run the wizard again.',
		},
	];
}
