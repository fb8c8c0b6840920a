import {findEnvironmentReads} from './environment-reads.js';
import type {Detected, EnvironmentVariable} from './project-detection.js';
import type {PythonFile} from './python-modules.js';

export type AppSourceFindings = {
	port?: Detected<number>;
	environmentVariables: EnvironmentVariable[];
	/** Files that run the app on 127.0.0.1 / localhost. */
	boundToLocalhost: string[];
	/** Files that switch on debug mode. */
	debugMode: string[];
};

const portPatterns = [
	/\bport\s*=\s*(?:int\(\s*)?(?:os\.(?:environ\.get|getenv)\(\s*["']PORT["']\s*,\s*)?["']?(\d{2,5})\b/,
	/["']PORT["']\s*,\s*["']?(\d{2,5})\b/,
];
const localhostBinding = /\bhost\s*=\s*["'](?:127\.0\.0\.1|localhost)["']/;
const debugSwitch = /\bdebug\s*=\s*True\b|\.debug\s*=\s*True\b|\[\s*["']DEBUG["']\s*\]\s*=\s*True\b/;

/** Reads the project's Python files as text (never runs them) for the port, the settings and the traps. */
export function readAppSource(files: readonly PythonFile[]): AppSourceFindings {
	const findings: AppSourceFindings = {environmentVariables: [], boundToLocalhost: [], debugMode: []};
	const variables = new Map<string, EnvironmentVariable>();
	for (const {path, code} of files) {
		for (const pattern of portPatterns) {
			const port = Number(pattern.exec(code)?.[1]);
			if (!findings.port && port >= 1 && port <= 65_535) {
				findings.port = {value: port, source: path};
			}
		}

		if (localhostBinding.test(code)) {
			findings.boundToLocalhost.push(path);
		}

		if (debugSwitch.test(code)) {
			findings.debugMode.push(path);
		}

		for (const {name, optional} of findEnvironmentReads(code)) {
			const known = variables.get(name);
			// Read anywhere without a default means the app needs it; the source stays the first file.
			variables.set(name, {name, optional: (known?.optional ?? true) && optional, source: known?.source ?? path});
		}
	}

	// The platform (or compose.yaml) sets PORT; the person never has to.
	variables.delete('PORT');
	findings.environmentVariables = [...variables.values()].sort((a, b) => a.name.localeCompare(b.name));
	return findings;
}
