import {formatSize} from './detect-project.js';
import {type EnvironmentVariable, fallbacks, type ProjectDetection} from './project-detection.js';

const frameworkNames = {fastapi: 'FastAPI', flask: 'Flask'} as const;

/** The variables the app reads, the ones it cannot start without first, and where they were found. */
function describeSettings(variables: readonly EnvironmentVariable[]): string {
	if (variables.length === 0) {
		return 'Settings from the environment: none found';
	}

	const names = (optional: boolean) => variables.filter(variable => variable.optional === optional).map(variable => variable.name).join(', ');
	const sources = [...new Set(variables.flatMap(variable => variable.source ?? []))];
	const parts = [names(false) && `${names(false)} (no default)`, names(true) && `${names(true)} (with a default)`, sources.length > 0 && `read in ${sources.join(', ')}`];
	return `Settings from the environment: ${parts.filter(Boolean).join('; ')}`;
}

/** What was found, one fact a line, each with where it came from; then the warnings. */
export function describeDetection(detection: ProjectDetection): string[] {
	const lines: string[] = [];
	const {dependencies, framework, appModule, port, healthPath, pythonVersion, models, existing} = detection;
	lines.push(dependencies.file ? `Dependencies: ${dependencies.file} (${dependencies.packages.length} packages)` : 'Dependencies: no file found');
	const assumed = framework?.value ?? fallbacks.framework;
	lines.push(framework ? `Framework: ${frameworkNames[framework.value]} (${framework.source})` : `Framework: not found, assuming ${frameworkNames[assumed]}`);
	lines.push(appModule ? `App object: ${appModule.value}` : `App object: not found, assuming ${fallbacks.appModule(assumed)}`);
	lines.push(pythonVersion ? `Python: ${pythonVersion.value} (${pythonVersion.source})` : `Python: not pinned, using ${fallbacks.pythonVersion}`);
	lines.push(port ? `Port: ${port.value} (${port.source})` : `Port: not found, using ${fallbacks.port}`);
	lines.push(healthPath ? `Health route: ${healthPath.value} (${healthPath.source})` : `Health route: not found, using ${fallbacks.healthPath}`);
	lines.push(models.length > 0 ? `Models: ${models.map(model => `${model.path} (${formatSize(model.bytes)})`).join(', ')}` : 'Models: none found');
	lines.push(describeSettings(detection.environmentVariables));
	const present = [existing.dockerfile && 'Dockerfile', existing.dockerignore && '.dockerignore', existing.compose, existing.caddyfile && 'Caddyfile'].filter(Boolean);
	if (present.length > 0) {
		lines.push(`Already there: ${present.join(', ')} (a file you wrote or edited is never replaced without asking)`);
	}

	return [...lines, ...detection.warnings.map(warning => `Warning: ${warning.message}`)];
}
