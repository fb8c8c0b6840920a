// The seam between the laptop and the server: the wizard writes the Dockerfile and compose
// file here, but the server builds from a clone of the git host. This handler compares the
// two before anything on the server changes, and either names the git commands that close
// the gap or, with the person's consent, runs them.
import {existsSync} from 'node:fs';
import path from 'node:path';
import type {ActionOutcome, PublishCodeAction} from '../core/action.js';
import {toShellCommand} from '../core/shell-quote.js';
import type {RunContext} from './execute.js';
import {lastLines, runCommand} from './run-command.js';

/** What the server will build, kept as the step's fact and named in the summary. */
export type PublishedCode = {commit: string; subject: string; branch: string; subdirectory: string};

const commitMessage = 'Add the deployment files (ml-deploy-wizard)';

type Git = (args: string[]) => Promise<{ok: boolean; output: string}>;

function gitIn(directory: string): Git {
	return async args => {
		const result = await runCommand(['git', ...args], {projectDirectory: directory});
		return {ok: result.ok, output: result.output.trim()};
	};
}

function failure(message: string, hint: string, data?: unknown): ActionOutcome {
	return {ok: false, message, hint, data};
}

function notARepository(action: PublishCodeAction): ActionOutcome {
	const commands = [
		['git', 'init', '-b', action.branch],
		['git', 'add', '-A'],
		['git', 'commit', '-m', 'First commit'],
		['git', 'remote', 'add', 'origin', action.repoUrl],
		['git', 'push', '-u', 'origin', action.branch],
	].map(argv => `  ${toShellCommand(argv)}`);
	return failure(
		'Your project is not in a git repository. The server gets your code by cloning it from a git host (GitHub, GitLab...), so the code and the deployment files must be committed and pushed there first.',
		`Create the repository ${action.repoUrl} on your git host (empty, no README), check that .env is in .gitignore, then run in your project:\n${commands.join('\n')}\nand run the wizard again.`,
	);
}

/** The remote whose URL is the one the server clones; pushing to it keeps the person's own refs in step. */
async function remoteFor(git: Git, url: string): Promise<string | undefined> {
	const listed = await git(['remote', '-v']);
	for (const line of listed.output.split('\n')) {
		const [name, remoteUrl, kind] = line.split(/\s+/);
		if (name && remoteUrl === url && kind === '(push)') {
			return name;
		}
	}

	return undefined;
}

export async function publishCode(action: PublishCodeAction, context: RunContext): Promise<ActionOutcome> {
	const git = gitIn(context.projectDirectory);
	if (!(await git(['rev-parse', '--show-toplevel'])).ok) {
		return notARepository(action);
	}

	const branch = await git(['symbolic-ref', '--quiet', '--short', 'HEAD']);
	if (!branch.ok || branch.output !== action.branch) {
		return failure(
			`The server runs branch ${action.branch}, but this project is ${branch.ok ? `on branch ${branch.output}` : 'not on a branch (detached HEAD)'}.`,
			`Check out ${action.branch} (git checkout ${action.branch}) and bring your work there, or deploy another branch (the wizard's "Branch" answer, headless repo.branch). Then run again.`,
		);
	}

	const files = action.files.filter(file => existsSync(path.join(context.projectDirectory, file)));
	// check-ignore exits 0 only when it lists ignored files.
	const checked = files.length > 0 ? await git(['check-ignore', '--', ...files]) : {ok: false, output: ''};
	const ignored = checked.ok ? checked.output.split('\n').filter(Boolean) : [];
	if (ignored.length > 0) {
		return failure(
			`${ignored.join(', ')} ${ignored.length === 1 ? 'is' : 'are'} ignored by git, so the server's clone would not have ${ignored.length === 1 ? 'it' : 'them'}.`,
			'Remove the matching line from .gitignore (git check-ignore -v FILE shows which), then run again.',
		);
	}

	const subdirectory = (await git(['rev-parse', '--show-prefix'])).output;
	const changed = (await git(['status', '--porcelain=v1', '--untracked-files=all', '--', ...files])).output;
	const filesToCommit = files.filter(file => changed.split('\n').some(line => line.slice(3).replace(/^"|"$/g, '') === `${subdirectory}${file}`));
	const remote = await remoteFor(git, action.repoUrl);
	const target = remote ?? action.repoUrl;
	const listed = await git(['ls-remote', '--heads', '--', action.repoUrl, `refs/heads/${action.branch}`]);
	if (!listed.ok) {
		return failure(
			`Cannot read ${action.repoUrl} from this computer: ${lastLines(listed.output)}`,
			`Check the address and that \`git ls-remote ${action.repoUrl}\` works here (your own git login, not the deploy key), then run again.`,
		);
	}

	const remoteHead = listed.output.split(/\s+/)[0] ?? '';
	const head = (await git(['rev-parse', '--verify', '--quiet', 'HEAD'])).output;
	if (remoteHead !== '' && remoteHead !== head && !(await git(['merge-base', '--is-ancestor', remoteHead, 'HEAD'])).ok) {
		return failure(
			`Branch ${action.branch} of ${action.repoUrl} has commits this computer does not have, so pushing would overwrite or fail.`,
			`Bring them here first (git pull --rebase ${toShellCommand([target])} ${action.branch}), check that the app still works, then run again.`,
		);
	}

	const commands: string[][] = [];
	if (filesToCommit.length > 0) {
		commands.push(['git', 'add', '--', ...filesToCommit], ['git', 'commit', '-m', commitMessage, '--', ...filesToCommit]);
	}

	if (commands.length > 0 || remoteHead !== head) {
		commands.push(['git', 'push', target, `HEAD:refs/heads/${action.branch}`]);
	}

	const elsewhere = (await git(['status', '--porcelain=v1'])).output.split('\n').filter(line => line !== '' && !filesToCommit.some(file => line.slice(3) === `${subdirectory}${file}`));
	if (elsewhere.length > 0) {
		context.onOutput(`Not committed, so not deployed: ${elsewhere.map(line => line.slice(3)).slice(0, 8).join(', ')}${elsewhere.length > 8 ? ', ...' : ''}\n`);
	}

	if (commands.length > 0 && !action.mayPublish) {
		const reasons = [
			...(filesToCommit.length > 0 ? [`${filesToCommit.join(', ')} ${filesToCommit.length === 1 ? 'is' : 'are'} not committed`] : []),
			...(remoteHead === '' ? [`branch ${action.branch} does not exist on ${action.repoUrl} yet`] : remoteHead !== head ? [`your latest commit is not pushed to ${action.repoUrl}`] : []),
		];
		return failure(
			`The server builds what ${action.repoUrl} holds, and it does not have what you have here: ${reasons.join('; ')}. Nothing on the server was changed.`,
			`Run in your project:\n${commands.map(argv => `  ${toShellCommand(argv)}`).join('\n')}\nthen run the wizard again. Or let the wizard run them: choose Try again and answer yes (headless: "repo": {"push": true}).`,
			{needsPublish: true, commands: commands.map(argv => toShellCommand(argv))},
		);
	}

	for (const argv of commands) {
		context.onOutput(`$ ${toShellCommand(argv)}\n`);
		const result = await runCommand(argv, {projectDirectory: context.projectDirectory, onOutput: context.onOutput, signal: context.signal});
		if (!result.ok) {
			return failure(`${toShellCommand(argv)} failed: ${lastLines(result.output)}`, 'Fix what git says (for a commit: git config user.name and user.email; for a push: your access to the repository), then run again.');
		}
	}

	const commit = (await git(['rev-parse', 'HEAD'])).output;
	const subject = (await git(['log', '-1', '--format=%s'])).output;
	const published: PublishedCode = {commit, subject, branch: action.branch, subdirectory};
	const summary = `The server will build ${commit.slice(0, 12)} "${subject}" from ${action.branch}.`;
	context.onOutput(`${summary}\n`);
	return {ok: true, output: summary, data: published};
}
