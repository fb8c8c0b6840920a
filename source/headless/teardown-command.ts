import {cronMarker} from '../commands/crontab.js';
import {markerLines} from '../commands/marked-block.js';
import {firstIssueMessage} from '../core/inputs.js';
import type {Answers} from '../core/step.js';
import {providerById} from '../providers/registry.js';
import {repoName} from '../providers/vps/remote-host.js';
import {teardownName, teardownStepsFor} from '../providers/teardown-steps.js';
import {createDryRunHandlers} from '../run/dry-run.js';
import {createLocalHandlers} from '../run/local-handlers.js';
import {newProgress} from '../state/progress-schema.js';
import {openProgressStore} from '../state/progress-store.js';
import {chooseProvider} from '../state/progress-updates.js';
import type {HeadlessCommandOptions} from './command-options.js';
import {answersForProvider, type DeployConfig} from './deploy-config.js';
import {loadDeployConfig} from './load-deploy-config.js';
import {runStepsHeadless} from './run-steps-headless.js';

/**
 * `ml-deploy-wizard teardown --config FILE --confirm NAME [--dry-run]`: removes what `deploy`
 * made on Cloud Run or Heroku. NAME must be the service (Cloud Run) or app (Heroku) name, so
 * a copied command line cannot remove the wrong thing. Exit 0 removed (or already gone),
 * 1 a removal failed (run again), 2 bad config or confirmation, and then nothing was changed.
 */
export async function runTeardownCommand(options: HeadlessCommandOptions): Promise<number> {
	const print = (line: string) => console.log(line);
	const printError = (line: string) => console.error(line);
	const loaded = await loadDeployConfig(options, 'teardown', printError);
	if (!loaded) {
		return 2;
	}

	const {config} = loaded;
	if (config.provider === 'vps') {
		for (const line of vpsTeardownByHand(config)) {
			printError(line);
		}

		return 2;
	}

	const mapping = answersForProvider(config.provider, config, false);
	if (!mapping) {
		printError(`Provider "${config.provider}" has nothing to tear down in this version.`);
		return 2;
	}

	// The names reach gcloud and heroku: check them with the deploy steps' own schemas.
	const problems = invalidAnswers(config, mapping.answers, mapping.fieldNames);
	const name = teardownName({provider: config.provider, answers: mapping.answers})!;
	const what = config.provider === 'cloud-run' ? 'service' : 'app';
	const confirm = options.values.confirm;
	if (typeof confirm !== 'string' || confirm !== name) {
		problems.push(
			typeof confirm === 'string'
				? `--confirm: "${confirm}" is not the ${what} name. Give --confirm ${name} to remove the ${what} ${name} for good.`
				: `--confirm: missing. Teardown removes the ${what} ${name} for good; give --confirm ${name} to go ahead.`,
		);
	}

	if (problems.length > 0) {
		for (const problem of problems) {
			printError(problem);
		}

		printError('Nothing was removed.');
		return 2;
	}

	const dryRun = options.values['dry-run'] === true;
	const answers: Answers = {...mapping.answers, teardownConfirm: name};
	const steps = teardownStepsFor({provider: config.provider, answers})!;
	const {store, notice} = await openProgressStore(options.projectDirectory, options.stateDirectory);
	if (notice) {
		printError(notice);
	}

	const saved = store.load();
	const progress = chooseProvider(saved && saved.provider === config.provider ? saved : newProgress(options.projectDirectory), config.provider);
	const result = await runStepsHeadless({
		steps,
		progress: {...progress, answers: {...progress.answers, ...answers}},
		answers,
		save: dryRun ? undefined : next => store.save(next),
		handlers: dryRun ? createDryRunHandlers() : createLocalHandlers(),
		projectDirectory: options.projectDirectory,
		dryRun,
		fieldName: answerName => (answerName === 'teardownConfirm' ? '--confirm' : mapping.fieldNames[answerName] ?? answerName),
		print,
		printError,
	});
	return result.exitCode;
}

function invalidAnswers(config: DeployConfig, answers: Answers, fieldNames: Record<string, string>): string[] {
	const problems: string[] = [];
	const checked = new Set<string>();
	for (const step of providerById(config.provider).steps) {
		for (const field of step.inputs) {
			const value = answers[field.name];
			if (value === undefined || checked.has(field.name)) {
				continue;
			}

			checked.add(field.name);
			const parsed = field.schema.safeParse(String(value));
			if (!parsed.success) {
				problems.push(`${fieldNames[field.name] ?? field.name}: ${firstIssueMessage(parsed.error)}`);
			}
		}
	}

	return problems;
}

/** A VPS holds more than this app (other sites, other cron jobs): say what to undo, by hand. */
function vpsTeardownByHand(config: DeployConfig): string[] {
	const {begin, end} = markerLines(cronMarker);
	const server = config.server ? `${config.server.user}@${config.server.host}` : 'your server';
	const folder = `~/${config.server?.appDirectory ?? (config.repo ? `apps/${repoName(config.repo.url)}` : 'apps/APP')}`;
	return [
		`Teardown for a VPS is not automated: the server may run other things the wizard must not touch.`,
		`To remove this deployment from ${server} by hand:`,
		`  1. Stop and remove the containers: cd ${folder} && docker compose down (add -v to delete the database volume too).`,
		`  2. Remove the scheduled calls: crontab -e, and delete the lines from "${begin}" to "${end}".`,
		'  3. Restore Caddy\'s previous configuration: copy Caddyfile.mldw-backup (next to your Caddyfile) back over the Caddyfile, then sudo systemctl reload caddy.',
		'Nothing was changed.',
	];
}
