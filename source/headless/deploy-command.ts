import {isSecretAnswerName, variableOfSecretAnswer} from '../providers/app-environment.js';
import {providerById} from '../providers/registry.js';
import {createDryRunHandlers} from '../run/dry-run.js';
import {createLocalHandlers} from '../run/local-handlers.js';
import {newProgress} from '../state/progress-schema.js';
import {openProgressStore} from '../state/progress-store.js';
import {chooseProvider} from '../state/progress-updates.js';
import type {HeadlessCommandOptions} from './command-options.js';
import {answersForProvider} from './deploy-config.js';
import {loadDeployConfig} from './load-deploy-config.js';
import {runStepsHeadless} from './run-steps-headless.js';

/**
 * `ml-deploy-wizard deploy --config FILE [--yes] [--dry-run]`: the wizard's steps, run from
 * a JSON file for scripts and CI. Exit 0 only when every step succeeded; 1 a step failed;
 * 2 the config (or a flag) is wrong, and then nothing was changed.
 */
export async function runDeployCommand(options: HeadlessCommandOptions): Promise<number> {
	const print = (line: string) => console.log(line);
	const printError = (line: string) => console.error(line);
	const loaded = await loadDeployConfig(options, 'deploy', printError);
	if (!loaded) {
		return 2;
	}

	const {config, configPath} = loaded;
	const dryRun = options.values['dry-run'] === true;
	const mapping = answersForProvider(config.provider, config, options.values.yes === true);
	if (!mapping) {
		printError(`Provider "${config.provider}" cannot be deployed headless in this version yet.`);
		return 2;
	}

	if (mapping.problems && mapping.problems.length > 0) {
		for (const problem of mapping.problems) {
			printError(problem);
		}

		printError(`Nothing was changed. Fix ${configPath} (or the environment) and run again.`);
		return 2;
	}

	const {store, notice} = await openProgressStore(options.projectDirectory, options.stateDirectory);
	if (notice) {
		printError(notice);
	}

	const saved = store.load();
	const base = chooseProvider(saved && saved.provider === config.provider ? saved : newProgress(options.projectDirectory), config.provider);
	// The config file is the whole truth for the fields it can hold: values it no longer
	// gives are forgotten, and values no step asks for (server.hostKey, domain, the --yes
	// consents) are kept with the answers so every step's plan sees them.
	const kept = Object.fromEntries(Object.entries(base.answers).filter(([name]) => !(name in mapping.fieldNames)));
	const progress = {...base, answers: {...kept, ...mapping.answers}};
	const handlers = dryRun ? createDryRunHandlers() : {...createLocalHandlers(), ...(await loadRemoteHandlers(config.provider))};
	try {
		const result = await runStepsHeadless({
			steps: providerById(config.provider).steps,
			progress,
			answers: mapping.answers,
			secretAnswers: mapping.secretAnswers,
			save: dryRun ? undefined : next => store.save(next),
			handlers,
			projectDirectory: options.projectDirectory,
			dryRun,
			fieldName: name => (isSecretAnswerName(name) ? `env.secrets (${variableOfSecretAnswer(name)})` : mapping.fieldNames[name] ?? name),
			print,
			printError,
		});
		return result.exitCode;
	} finally {
		await store.flush();
		if (!dryRun && config.provider === 'vps') {
			const {endRemoteWork} = await import('../ssh/lock-handler.js');
			await endRemoteWork();
		}
	}
}

async function loadRemoteHandlers(provider: string) {
	if (provider !== 'vps') {
		return {};
	}

	const {createSshHandlers} = await import('../ssh/handlers.js');
	return createSshHandlers();
}
