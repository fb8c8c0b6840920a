// Checks shared by the providers that build an image on this laptop (Cloud Run, Heroku).
import {dockerBuildxVersion, dockerEngineVersion, dockerVersion} from '../commands/docker-local.js';
import type {CheckLocalAction} from '../core/action.js';
import {accountSchema} from '../core/cloud-inputs.js';
import type {InputField} from '../core/step.js';

export function escapeRegExp(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The checks every container provider needs: docker installed, its engine running, and buildx for the build's options. */
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
		{
			kind: 'check-local',
			label: 'Check that docker can build with buildx',
			argv: dockerBuildxVersion(),
			failure: 'Docker\'s buildx is missing: the image is built with its options (linux/amd64 only, no attestations).',
			hint: 'Update Docker Desktop, or on Linux install the docker-buildx-plugin package (part of Docker Engine 23 and later), then run the wizard again.',
		},
	];
}

/** "Which account do you expect?": empty accepts whichever account the CLI is logged in with. */
export function accountField(name: string, platform: string): InputField {
	return {
		name,
		label: `Your ${platform} account`,
		help: `The email you log in to ${platform} with, like you@example.com. Leave empty to accept whichever account is logged in.`,
		schema: accountSchema,
		defaultValue: () => '',
	};
}

/** Passes when the CLI prints the expected account (or any account, when none is expected). */
export function loggedInCheck(cli: string, argv: string[], account: string, loginCommand: string): CheckLocalAction {
	return {
		kind: 'check-local',
		label: `Check which account ${argv[0] ?? cli} is logged in with`,
		argv,
		expect: account === '' ? '^(\\S+@\\S+)$' : `^(${escapeRegExp(account)})$`,
		failure: `${cli} is not logged in${account === '' ? '' : ` as ${account}`}.`,
		hint: `Run \`${loginCommand}\`, then run the wizard again: it resumes here.`,
	};
}
