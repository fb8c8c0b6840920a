// The "heroku" section of the deploy config file, and how it becomes the answers the Heroku
// steps ask for. Secret values never come from the file: `secrets` names environment
// variables of the deploy command, and their values live only in memory for that run.
import {z} from 'zod';
import type {Answers} from '../../core/step.js';

export const herokuConfigSchema = z
	.object({
		app: z.string(),
		postgres: z.boolean().default(false),
		postgresPlan: z.string().optional(),
		account: z.string().optional(),
		/** Settings that are not secret: {"MODEL_PATH": "models/model.onnx"}. */
		config: z.record(z.string(), z.string()).optional(),
		/** Names of secret config vars; each value is read from the environment variable of the same name. */
		secrets: z.array(z.string()).optional(),
	})
	.strict();

export type HerokuConfig = z.infer<typeof herokuConfigSchema>;

export const herokuFieldNames: Record<string, string> = {
	herokuAccount: 'heroku.account',
	herokuApp: 'heroku.app',
	herokuPostgres: 'heroku.postgres',
	herokuPostgresPlan: 'heroku.postgresPlan',
	herokuConfigVars: 'heroku.config',
	herokuSecretVars: 'heroku.secrets',
	teardownConfirm: 'heroku.app',
};

export type HerokuAnswersResult = {answers: Answers; errors: string[]};

export function herokuConfigToAnswers(section: HerokuConfig, environment: NodeJS.ProcessEnv): HerokuAnswersResult {
	const answers: Answers = {
		herokuApp: section.app,
		herokuPostgres: section.postgres ? 'yes' : 'no',
		herokuConfigVars: JSON.stringify(section.config ?? {}),
	};
	if (section.postgresPlan !== undefined) {
		answers.herokuPostgresPlan = section.postgresPlan;
	}

	if (section.account !== undefined) {
		answers.herokuAccount = section.account;
	}

	const errors: string[] = [];
	const secrets: Record<string, string> = {};
	for (const name of section.secrets ?? []) {
		const value = environment[name];
		if (value === undefined || value === '') {
			errors.push(`heroku.secrets: ${name} is not set in the environment. Run it as ${name}=... ml-deploy-wizard deploy ..., or export it first.`);
		} else {
			secrets[name] = value;
		}
	}

	answers.herokuSecretVars = JSON.stringify(secrets);
	return {answers, errors};
}
