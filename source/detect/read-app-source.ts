import {findEnvironmentReads} from './environment-reads.js';
import type {EnvironmentVariable, Framework, ProjectDetection} from './project-detection.js';
import {type ProjectEntry, readProjectFile} from './project-files.js';

export type AppSourceFindings = Pick<ProjectDetection, 'framework' | 'appModule' | 'port' | 'healthPath' | 'environmentVariables'> & {
	/** Files that run the app on 127.0.0.1 / localhost. */
	boundToLocalhost: string[];
	/** Files that switch on debug mode. */
	debugMode: string[];
};

const appPatterns: Array<{framework: Framework; pattern: RegExp}> = [
	{framework: 'fastapi', pattern: /^([A-Za-z_]\w*)\s*(?::\s*[\w.]+\s*)?=\s*(?:fastapi\.)?FastAPI\(/m},
	{framework: 'flask', pattern: /^([A-Za-z_]\w*)\s*(?::\s*[\w.]+\s*)?=\s*(?:flask\.)?Flask\(/m},
];
const healthRoute = /@\w+\.(?:get|route|api_route|head)\(\s*["'](\/(?:health|healthz|healthcheck|ping|status|ready|readyz|live|livez)\/?)["']/i;
const portPatterns = [
	/\bport\s*=\s*(?:int\(\s*)?(?:os\.(?:environ\.get|getenv)\(\s*["']PORT["']\s*,\s*)?["']?(\d{2,5})\b/,
	/["']PORT["']\s*,\s*["']?(\d{2,5})\b/,
];
const localhostBinding = /\bhost\s*=\s*["'](?:127\.0\.0\.1|localhost)["']/;
const debugSwitch = /\bdebug\s*=\s*True\b|\.debug\s*=\s*True\b|\[\s*["']DEBUG["']\s*\]\s*=\s*True\b/;

// Entry points people usually name their app file; checked first so that main.py wins
// over a helper module that happens to create a second app.
const preferredNames = ['main.py', 'app.py', 'api.py', 'server.py', 'wsgi.py', 'asgi.py'];

function rank(entry: ProjectEntry): number {
	const name = entry.path.split('/').at(-1)!;
	const preferred = preferredNames.indexOf(name);
	return entry.path.split('/').length * 10 + (preferred === -1 ? 9 : preferred);
}

function toModule(filePath: string): string {
	return filePath.replace(/\.py$/, '').replaceAll('/', '.');
}

/** Reads the project's Python files as text (never runs them) for the facts the files need. */
export function readAppSource(directory: string, files: ProjectEntry[]): AppSourceFindings {
	const findings: AppSourceFindings = {environmentVariables: [], boundToLocalhost: [], debugMode: []};
	const variables = new Map<string, EnvironmentVariable>();
	const sources = files
		.filter(entry => entry.path.endsWith('.py') && !/(^|\/)(tests?|test_[^/]*\.py)(\/|$)/.test(entry.path))
		.sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path))
		.slice(0, 300);
	for (const entry of sources) {
		const text = readProjectFile(directory, entry.path);
		if (text === undefined) {
			continue;
		}

		for (const {framework, pattern} of appPatterns) {
			const match = pattern.exec(text);
			if (match && !findings.appModule && /^[\w/]+\.py$/.test(entry.path)) {
				findings.framework = {value: framework, source: entry.path};
				findings.appModule = {value: `${toModule(entry.path)}:${match[1]!}`, source: entry.path};
			}
		}

		const health = healthRoute.exec(text)?.[1];
		if (health && !findings.healthPath) {
			findings.healthPath = {value: health.length > 1 ? health.replace(/\/$/, '') : health, source: entry.path};
		}

		for (const pattern of portPatterns) {
			const port = Number(pattern.exec(text)?.[1]);
			if (!findings.port && port >= 1 && port <= 65_535) {
				findings.port = {value: port, source: entry.path};
			}
		}

		if (localhostBinding.test(text)) {
			findings.boundToLocalhost.push(entry.path);
		}

		if (debugSwitch.test(text)) {
			findings.debugMode.push(entry.path);
		}

		for (const {name, optional} of findEnvironmentReads(text)) {
			const known = variables.get(name);
			// Read anywhere without a default means the app needs it; the source stays the first file.
			variables.set(name, {name, optional: (known?.optional ?? true) && optional, source: known?.source ?? entry.path});
		}
	}

	// The platform (or compose.yaml) sets PORT; the person never has to.
	variables.delete('PORT');
	findings.environmentVariables = [...variables.values()].sort((a, b) => a.name.localeCompare(b.name));
	return findings;
}
