// The "heroku" section of the deploy config file, and how it becomes the answers the Heroku
// steps ask for. `config` and `secrets` came before the top-level `env`, and still work as
// part of it: `config` joins env.values (which wins), and each name in `secrets` is read from
// the deploy command's environment like env.secrets, its value kept in memory for the run.
import {z} from 'zod';
import type {Answers} from '../../core/step.js';
import {variableNamePattern} from '../app-environment.js';

const variableName = z.string().regex(variableNamePattern, {message: 'use a variable name like API_TOKEN (letters, digits, _)'});

export const herokuConfigSchema = z
	.object({
		app: z.string(),
		postgres: z.boolean().default(false),
		postgresPlan: z.string().optional(),
		account: z.string().optional(),
		/** Settings that are not secret: {"MODEL_PATH": "models/model.onnx"}. Same as env.values. */
		config: z.record(variableName, z.string()).optional(),
		/** Names of secret config vars, each read from the environment variable of that name. Same as env.secrets. */
		secrets: z.array(variableName).optional(),
	})
	.strict();

export type HerokuConfig = z.infer<typeof herokuConfigSchema>;

export const herokuFieldNames: Record<string, string> = {
	herokuAccount: 'heroku.account',
	herokuApp: 'heroku.app',
	herokuPostgres: 'heroku.postgres',
	herokuPostgresPlan: 'heroku.postgresPlan',
	// Answers of earlier versions (herokuSecretVars held secret values): named here so a
	// headless run drops them from a saved progress file instead of keeping them.
	herokuConfigVars: 'heroku.config',
	herokuSecretVars: 'heroku.secrets',
	teardownConfirm: 'heroku.app',
};

/** The section's own answers; its settings and secrets are mapped with the top-level env. */
export function herokuConfigToAnswers(section: HerokuConfig): Answers {
	const answers: Answers = {
		herokuApp: section.app,
		herokuPostgres: section.postgres ? 'yes' : 'no',
	};
	if (section.postgresPlan !== undefined) {
		answers.herokuPostgresPlan = section.postgresPlan;
	}

	if (section.account !== undefined) {
		answers.herokuAccount = section.account;
	}

	return answers;
}
