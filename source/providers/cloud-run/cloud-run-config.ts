// The "cloudRun" section of the deploy config file (`ml-deploy-wizard deploy --config`),
// and how it becomes the answers the Cloud Run steps ask for. The steps' own schemas then
// validate every value, and errors are reported under the config's field names.
import {z} from 'zod';
import type {Answers} from '../../core/step.js';

export const cloudRunConfigSchema = z
	.object({
		project: z.string(),
		region: z.string(),
		service: z.string(),
		public: z.boolean().default(false),
		account: z.string().optional(),
		serviceAccount: z.string().optional(),
		/** impersonation (default): your own login acts as the deployer; key: a key file (keyPath). */
		auth: z.enum(['impersonation', 'key']).optional(),
		keyPath: z.string().optional(),
		repository: z.string().optional(),
		memory: z.string().optional(),
		cpu: z.union([z.string(), z.number()]).optional(),
		minInstances: z.number().int().optional(),
		maxInstances: z.number().int().optional(),
	})
	.strict();

export type CloudRunConfig = z.infer<typeof cloudRunConfigSchema>;

/** Answer name -> where it lives in the config file, for error messages. */
export const cloudRunFieldNames: Record<string, string> = {
	gcloudAccount: 'cloudRun.account',
	gcpProject: 'cloudRun.project',
	gcpRegion: 'cloudRun.region',
	cloudRunService: 'cloudRun.service',
	artifactRepository: 'cloudRun.repository',
	gcpServiceAccount: 'cloudRun.serviceAccount',
	gcpAuth: 'cloudRun.auth',
	gcpKeyPath: 'cloudRun.keyPath',
	cloudRunMemory: 'cloudRun.memory',
	cloudRunCpu: 'cloudRun.cpu',
	cloudRunMinInstances: 'cloudRun.minInstances',
	cloudRunMaxInstances: 'cloudRun.maxInstances',
	cloudRunPublic: 'cloudRun.public',
	teardownConfirm: 'cloudRun.service',
};

export function cloudRunConfigToAnswers(section: CloudRunConfig): Answers {
	const optional: Array<[string, string | number | undefined]> = [
		['gcloudAccount', section.account],
		['gcpServiceAccount', section.serviceAccount],
		// A keyPath alone still means a key, as it did before impersonation was the default.
		['gcpAuth', section.auth ?? (section.keyPath === undefined ? undefined : 'key')],
		['gcpKeyPath', section.keyPath],
		['artifactRepository', section.repository],
		['cloudRunMemory', section.memory],
		['cloudRunCpu', section.cpu],
		['cloudRunMinInstances', section.minInstances],
		['cloudRunMaxInstances', section.maxInstances],
	];
	const answers: Answers = {
		gcpProject: section.project,
		gcpRegion: section.region,
		cloudRunService: section.service,
		// Answers are parsed from text like typed ones, so booleans travel as yes/no.
		cloudRunPublic: section.public ? 'yes' : 'no',
	};
	for (const [name, value] of optional) {
		if (value !== undefined) {
			answers[name] = String(value);
		}
	}

	return answers;
}
