// Runs `generate` on a copy of a corpus project for each provider, the way a person would,
// and holds the files it wrote (and the ones it kept) against the truth.
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {parse} from 'yaml';
import {parseCliArguments} from '../../../source/cli-arguments.js';
import type {ProviderId} from '../../../source/core/step.js';
import {type GenerateIo, runGenerateCommand} from '../../../source/headless/generate-command.js';
import {copyProject, type Truth} from './truth.js';

export const providers: ProviderId[] = ['vps', 'cloud-run', 'heroku'];

export type Generated = {code: number; out: string; err: string};

/** `ml-deploy-wizard generate ARGV` in `directory`, without a terminal unless `io` says otherwise. */
export async function generate(directory: string, argv: string[], io: Partial<GenerateIo> = {}): Promise<Generated> {
	const out: string[] = [];
	const err: string[] = [];
	const {values} = parseCliArguments(['generate', ...argv]);
	const code = await runGenerateCommand({values, projectDirectory: directory}, {
		print: line => out.push(line),
		printError: line => err.push(line),
		interactive: false,
		confirm: async () => false,
		...io,
	});
	return {code, out: out.join('\n'), err: err.join('\n')};
}

const ownFiles = ['Dockerfile', 'dockerfile', '.dockerignore', 'heroku.yml', 'Procfile', 'compose.yaml', 'docker-compose.yml', 'Caddyfile'];

function dockerfileProblems(text: string, truth: Truth): string[] {
	const problems: string[] = [];
	const expect = (what: string, pattern: RegExp) => {
		if (!pattern.test(text)) {
			problems.push(`Dockerfile: ${what} (${pattern.source})`);
		}
	};

	expect(`builds on Python ${truth.python}`, new RegExp(`^FROM python:${truth.python.replace('.', String.raw`\.`)}-slim$`, 'm'));
	const {file, tool} = truth.dependencies;
	const install: Record<string, RegExp> = {
		pip: new RegExp(`^RUN pip install -r ${file}`, 'm'),
		poetry: /poetry install --only main --no-root/,
		uv: /uv sync --frozen --inexact --no-dev --no-install-project/,
		pdm: /pdm export --prod/,
		pipenv: /pipenv install --system/,
		pep621: /toml(?:lib|i)\.load\(open\('pyproject\.toml'/,
	};
	expect(`installs with ${tool ?? 'nothing but the server'}`, tool === null ? /^RUN pip install (flask|fastapi)/m : install[tool]!);
	const command = JSON.parse(/^CMD (\[.*\])$/m.exec(text)?.[1] ?? '[]') as string[];
	const line = command.at(-1) ?? '';
	const [module, object] = truth.app.split(':') as [string, string];
	const target = truth.framework === 'flask'
		? (object.endsWith('()') ? `'${truth.app}'` : truth.app)
		: (object.endsWith('()') ? `--factory ${module}:${object.slice(0, -2)}` : truth.app);
	if (!line.includes(` ${target}`)) {
		problems.push(`Dockerfile: the server is not started with ${target}: ${line}`);
	}

	if (truth.appDirectory !== '') {
		const onPath = module.includes('.');
		if (onPath ? !new RegExp(`--(?:app-dir|pythonpath) ${truth.appDirectory} `).test(line) : !text.includes(`\nWORKDIR /app/${truth.appDirectory}\n`)) {
			problems.push(`Dockerfile: the app folder ${truth.appDirectory} is ${onPath ? 'not on the path' : 'not the working folder'}`);
		}
	}

	expect(`checks ${truth.health}`, truth.health === 'port' ? /socket\.create_connection/ : new RegExp(`'${truth.health.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`)}', timeout=4`));
	expect(`sets PORT=${truth.port}`, new RegExp(`^ENV PORT=${truth.port}$`, 'm'));
	return problems;
}

function composeProblems(text: string, truth: Truth, ownDockerfile: string | undefined): string[] {
	const problems: string[] = [];
	const app = (parse(text) as {services: {app: {ports: string[]; environment: Record<string, string>; healthcheck?: {test: string[]}; build: unknown}}}).services.app;
	if (app.ports[0] !== `127.0.0.1:${truth.hostPort}:${truth.port}`) {
		problems.push(`compose.yaml: ports ${JSON.stringify(app.ports)}, not 127.0.0.1:${truth.hostPort}:${truth.port}`);
	}

	if (app.environment.PORT !== String(truth.port)) {
		problems.push(`compose.yaml: PORT ${app.environment.PORT}, not ${truth.port}`);
	}

	const hasOwnHealthcheck = ownDockerfile !== undefined && /^HEALTHCHECK /m.test(ownDockerfile);
	if (!hasOwnHealthcheck && !(app.healthcheck?.test.join(' ') ?? '').includes(truth.health === 'port' ? 'socket.create_connection' : `'${truth.health}'`)) {
		problems.push(`compose.yaml: the health check does not check ${truth.health}`);
	}

	const dockerfile = truth.kept.find(file => file.toLowerCase() === 'dockerfile');
	if (dockerfile === 'dockerfile' && (app.build as {dockerfile?: string}).dockerfile !== 'dockerfile') {
		problems.push('compose.yaml: does not build with the project\'s own dockerfile');
	}

	return problems;
}

/** What one provider's run of generate got wrong, compared with the truth. */
export async function generatedProblems(truth: Truth, provider: ProviderId): Promise<{problems: string[]; directory: string}> {
	const directory = copyProject(truth);
	const before = new Map(ownFiles.map(name => [name, existsSync(path.join(directory, name)) ? readFileSync(path.join(directory, name), 'utf8') : undefined]));
	const envExample = existsSync(path.join(directory, '.env.example')) ? readFileSync(path.join(directory, '.env.example'), 'utf8') : '';
	const run = await generate(directory, ['--provider', provider, '--yes', ...truth.flags ?? []]);
	const problems: string[] = [];
	const where = `${provider}: `;
	if (run.code !== 0) {
		return {problems: [`${where}generate exited ${run.code}: ${run.err}`], directory};
	}

	const read = (name: string) => (existsSync(path.join(directory, name)) ? readFileSync(path.join(directory, name), 'utf8') : undefined);
	for (const kept of truth.kept.filter(name => ownFiles.includes(name))) {
		if (read(kept) !== before.get(kept)) {
			problems.push(`${where}${kept} is the project's own and was changed`);
		}
	}

	const ownDockerfile = truth.kept.find(file => file.toLowerCase() === 'dockerfile');
	if (ownDockerfile) {
		// Exact names: a case-insensitive disk says both exist.
		if (ownDockerfile === 'dockerfile' && readdirSync(directory).includes('Dockerfile')) {
			problems.push(`${where}a Dockerfile was written next to the project's own dockerfile`);
		}
	} else {
		problems.push(...dockerfileProblems(read('Dockerfile') ?? '', truth).map(problem => where + problem));
	}

	const example = read('.env.example') ?? '';
	for (const name of truth.variables.required) {
		if (!new RegExp(`^${name}=`, 'm').test(example) && !(name === 'DATABASE_URL' && truth.flags?.includes('--postgres') && provider === 'vps')) {
			problems.push(`${where}.env.example does not ask for ${name}`);
		}
	}

	for (const line of envExample.split('\n').filter(Boolean)) {
		if (!example.includes(line)) {
			problems.push(`${where}.env.example lost the project's line ${JSON.stringify(line)}`);
		}
	}

	if (provider === 'vps') {
		problems.push(...composeProblems(read('compose.yaml') ?? 'services: {app: {}}', truth, ownDockerfile && read(ownDockerfile)).map(problem => where + problem));
		if (!(read('Caddyfile') ?? '').includes(`reverse_proxy 127.0.0.1:${truth.hostPort}\n`)) {
			problems.push(`${where}Caddyfile does not proxy to 127.0.0.1:${truth.hostPort}`);
		}
	} else if (provider === 'cloud-run' && !new RegExp(`--port[= ]${truth.port}\\b`).test(read('deploy/cloud-run.sh') ?? '')) {
		problems.push(`${where}deploy/cloud-run.sh does not give Cloud Run --port ${truth.port}`);
	}

	const again = await generate(directory, ['--provider', provider, '--check', ...truth.flags ?? []]);
	if (again.code !== 0) {
		problems.push(`${where}generate --check right after generate exited ${again.code}: ${again.err}`);
	}

	return {problems, directory};
}
