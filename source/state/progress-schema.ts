import {z} from 'zod';

export const progressSchemaVersion = 1;

export const stepStatusSchema = z.enum(['pending', 'running', 'done', 'failed', 'skipped']);
export type StepStatus = z.infer<typeof stepStatusSchema>;

export const stepRecordSchema = z.object({
	status: stepStatusSchema,
	startedAt: z.string().optional(),
	finishedAt: z.string().optional(),
	/** How many of the step's actions finished in its latest run (shown; a new run starts from the first). */
	completedActions: z.number().int().nonnegative().default(0),
	message: z.string().optional(),
	facts: z.record(z.string(), z.unknown()).default({}),
});
export type StepRecord = z.infer<typeof stepRecordSchema>;

export const progressSchema = z.object({
	schemaVersion: z.literal(progressSchemaVersion),
	projectDirectory: z.string(),
	provider: z.enum(['vps', 'cloud-run', 'heroku']).nullable(),
	mode: z.enum(['deploy', 'generate']),
	learn: z.boolean(),
	answers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
	steps: z.record(z.string(), stepRecordSchema),
	createdAt: z.string(),
	updatedAt: z.string(),
});
export type Progress = z.infer<typeof progressSchema>;

export function newProgress(projectDirectory: string, now = new Date()): Progress {
	return {
		schemaVersion: progressSchemaVersion,
		projectDirectory,
		provider: null,
		mode: 'deploy',
		learn: false,
		answers: {},
		steps: {},
		createdAt: now.toISOString(),
		updatedAt: now.toISOString(),
	};
}

/** True when anything worth resuming was saved: a provider chosen or an answer given. */
export function hasWorkToResume(progress: Progress): boolean {
	return progress.provider !== null || Object.keys(progress.answers).length > 0;
}
