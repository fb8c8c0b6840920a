// The part of Google Cloud IAM the STAND-INs need, over the world file's `gcloud` section.
// The person logged in owns every project here; a service account may do only what a
// binding allows. IAM is eventually consistent, and so is this: a new account is unknown to
// the next `settle` calls that name it, and a new grant is refused to the next `settle`
// calls that need it (counted in calls, not seconds, so tests stay exact and fast).
'use strict';

function projectOf(email) {
	const match = /@([^.]+)\.iam\.gserviceaccount\.com$/.exec(email);
	return match ? match[1] : undefined;
}

function member(email) {
	return email.endsWith('.gserviceaccount.com') ? `serviceAccount:${email}` : `user:${email}`;
}

/**
 * Every account named here must exist and be known by now. Returns undefined when all are,
 * else what is wrong: {missing} for an account never made, {unseen} for one too new.
 */
function touchAccounts(gcloud, emails) {
	let problem;
	for (const email of emails) {
		const project = gcloud.projects[projectOf(email)];
		const account = project?.accounts[email];
		if (!account) {
			problem ??= {missing: email};
		} else if (account.unseen > 0) {
			account.unseen -= 1;
			problem ??= {unseen: email};
		}
	}

	return problem;
}

function grant(gcloud, project, resource, who, role) {
	const bindings = gcloud.projects[project].bindings;
	if (!bindings.some(binding => binding.resource === resource && binding.member === who && binding.role === role)) {
		bindings.push({resource, member: who, role, pending: gcloud.settle});
	}
}

/**
 * May `caller` use `role` on `resource` (or on the whole project)? The person may do
 * anything. A binding still settling answers 'pending' and settles by one call.
 */
function allowed(gcloud, project, caller, resource, role) {
	if (caller === gcloud.account) {
		return true;
	}

	const binding = gcloud.projects[project]?.bindings.find(candidate => candidate.member === member(caller) && candidate.role === role && (candidate.resource === resource || candidate.resource === 'project'));
	if (!binding) {
		return false;
	}

	if (binding.pending > 0) {
		binding.pending -= 1;
		return 'pending';
	}

	return true;
}

/** Acting as `email` with the person's login: needs the IAM Credentials API and Token Creator on that account. */
function impersonate(gcloud, email, command) {
	const project = gcloud.projects[projectOf(email)];
	const failed = `ERROR: (${command}) There was a problem refreshing your current auth tokens: Failed to impersonate [${email}]. Make sure the account that's trying to impersonate it has access to the service account itself and the "roles/iam.serviceAccountTokenCreator" role.`;
	if (!project?.accounts[email]) {
		return failed;
	}

	if (!project.services.includes('iamcredentials.googleapis.com')) {
		return `ERROR: (${command}) There was a problem refreshing your current auth tokens: ('Unable to acquire impersonated credentials', 'IAM Service Account Credentials API has not been used in project ${project.number} before or it is disabled.')`;
	}

	const answer = allowed({...gcloud, account: undefined}, projectOf(email), gcloud.account, `account:${email}`, 'roles/iam.serviceAccountTokenCreator');
	return answer === true ? undefined : failed;
}

module.exports = {projectOf, member, touchAccounts, grant, allowed, impersonate};
