// Every role the Cloud Run steps grant, each with the one line the wizard shows about it,
// and how long to wait for IAM, which is eventually consistent: a new account or a new grant
// is not usable everywhere at once. The generated deploy/cloud-run.sh waits on the same errors.
import type {RetryPolicy} from '../../core/action.js';

export type Role = {role: string; why: string};

/** Project-wide only where Cloud Run and Cloud Scheduler offer nothing narrower. */
export const deployerProjectRoles: readonly Role[] = [
	{role: 'roles/run.admin', why: 'deploy the service and say who may call it'},
	{role: 'roles/cloudscheduler.admin', why: 'create and update the scheduler jobs'},
];

export const repositoryWriter: Role = {role: 'roles/artifactregistry.writer', why: 'push images to this one repository, no other'};

/** Granted on one account (the runtime or the invoker), never on the project: not "act as anyone". */
export const accountUser: Role = {role: 'roles/iam.serviceAccountUser', why: 'give this one account to the service or the jobs, no other account'};

export const tokenCreator: Role = {
	role: 'roles/iam.serviceAccountTokenCreator',
	why: 'act as the deployer with your own login: tokens that expire within the hour, no key file',
};

export const secretAccessor: Role = {role: 'roles/secretmanager.secretAccessor', why: 'read this one secret, no other'};

export const invoker: Role = {role: 'roles/run.invoker', why: 'call this one service, nothing else'};

/** How long the wizard and the script wait for IAM in all, at most. */
export const iamWaitSeconds = 360;

/**
 * Right after an account is made, IAM may answer that it does not exist (a grant naming it)
 * or refuse access to it (a grant on it): Google documents a minute or more.
 */
export const newAccountRetry: RetryPolicy = {
	when: ['does not exist', 'or it may not exist'],
	seconds: iamWaitSeconds,
	reason: 'A new service account takes a minute or more to be known everywhere in Google Cloud',
};

/** Right after a role is granted, calls that need it are refused for up to a few minutes. */
export const newGrantRetry: RetryPolicy = {
	when: ['Failed to impersonate', 'PERMISSION_DENIED', 'denied: Permission', 'Permission denied on secret', 'does not exist', 'or it may not exist'],
	seconds: iamWaitSeconds,
	reason: 'A role just granted takes up to a few minutes to apply',
};

/** "Let the deployer push images to this one repository, no other (roles/artifactregistry.writer on ml-images)". */
export function grantLabel(who: string, role: Role, on: string): string {
	return `Let ${who} ${role.why} (${role.role} on ${on})`;
}
