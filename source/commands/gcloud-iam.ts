// gcloud argv builders for service accounts and the roles granted to them. Pure, like
// gcloud.ts. Every grant is scoped as narrowly as gcloud allows: on the one repository, the
// one service account, the one secret or service, and on the project only where no narrower
// resource exists. Adding a binding that is already there changes nothing: safe to repeat.

export const serviceAccountEmail = (name: string, project: string): string => `${name}@${project}.iam.gserviceaccount.com`;

/** How IAM names an account in a binding: a person's login, or a service account (a CI login). */
export function iamMember(email: string): string {
	return email.endsWith('.gserviceaccount.com') ? `serviceAccount:${email}` : `user:${email}`;
}

export const describeServiceAccount = (email: string, project: string): string[] => [
	'gcloud',
	'iam',
	'service-accounts',
	'describe',
	email,
	`--project=${project}`,
];

export const createServiceAccount = (name: string, project: string, displayName: string): string[] => [
	'gcloud',
	'iam',
	'service-accounts',
	'create',
	name,
	`--display-name=${displayName}`,
	`--project=${project}`,
];

export const deleteServiceAccount = (email: string, project: string): string[] => [
	'gcloud',
	'iam',
	'service-accounts',
	'delete',
	email,
	`--project=${project}`,
	'--quiet',
];

/** A role on the whole project: only for what has no narrower resource (deploying, scheduling). */
export const addProjectRole = (project: string, email: string, role: string): string[] => [
	'gcloud',
	'projects',
	'add-iam-policy-binding',
	project,
	`--member=serviceAccount:${email}`,
	`--role=${role}`,
	'--condition=None',
	'--format=none',
];

/** A role on one service account (act as it, or mint its tokens), not on every account in the project. */
export const addServiceAccountRole = (account: string, member: string, role: string, project: string): string[] => [
	'gcloud',
	'iam',
	'service-accounts',
	'add-iam-policy-binding',
	account,
	`--member=${member}`,
	`--role=${role}`,
	'--format=none',
	`--project=${project}`,
];

/** A role on one Artifact Registry repository: push there, and nowhere else. */
export const addRepositoryRole = (repository: string, region: string, email: string, role: string, project: string): string[] => [
	'gcloud',
	'artifacts',
	'repositories',
	'add-iam-policy-binding',
	repository,
	`--location=${region}`,
	`--member=serviceAccount:${email}`,
	`--role=${role}`,
	'--format=none',
	`--project=${project}`,
];

/** The key fallback only: a long-lived credential, refused where an organisation blocks keys. */
export const createServiceAccountKey = (keyPath: string, email: string, project: string): string[] => [
	'gcloud',
	'iam',
	'service-accounts',
	'keys',
	'create',
	keyPath,
	`--iam-account=${email}`,
	`--project=${project}`,
];

export const activateServiceAccount = (email: string, keyPath: string, configuration: string): string[] => [
	'gcloud',
	'auth',
	'activate-service-account',
	email,
	`--key-file=${keyPath}`,
	`--configuration=${configuration}`,
];
