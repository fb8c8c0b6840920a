import type {PinnedPackage} from './project-detection.js';

// Which Python an old pin can still be installed on, and which Pythons are past their end of
// life. Compiled packages publish wheels per Python version: a release series made before a
// Python existed has none for it, so pip falls back to compiling from source, which fails in
// a slim image. The newest Python each series published wheels for (pure-Python packages
// install anywhere and are not listed).

const newestPythonBySeries: Record<string, Array<[series: string, python: string]>> = {
	numpy: [['1.13', '3.6'], ['1.14', '3.7'], ['1.15', '3.7'], ['1.16', '3.7'], ['1.17', '3.8'], ['1.18', '3.8'], ['1.19', '3.9'], ['1.20', '3.9'], ['1.21', '3.10'], ['1.22', '3.10'], ['1.23', '3.11'], ['1.24', '3.11'], ['1.25', '3.11'], ['1.26', '3.12'], ['2.0', '3.12'], ['2.1', '3.13'], ['2.2', '3.13']],
	pandas: [['0.23', '3.7'], ['0.24', '3.7'], ['0.25', '3.8'], ['1.0', '3.8'], ['1.1', '3.9'], ['1.2', '3.9'], ['1.3', '3.10'], ['1.4', '3.10'], ['1.5', '3.11'], ['2.0', '3.11'], ['2.1', '3.12'], ['2.2', '3.13']],
	'scikit-learn': [['0.19', '3.7'], ['0.20', '3.7'], ['0.21', '3.7'], ['0.22', '3.8'], ['0.23', '3.8'], ['0.24', '3.9'], ['1.0', '3.10'], ['1.1', '3.11'], ['1.2', '3.11'], ['1.3', '3.12'], ['1.4', '3.12'], ['1.5', '3.13']],
	scipy: [['1.2', '3.7'], ['1.3', '3.7'], ['1.4', '3.8'], ['1.5', '3.8'], ['1.6', '3.9'], ['1.7', '3.10'], ['1.8', '3.10'], ['1.9', '3.11'], ['1.10', '3.11'], ['1.11', '3.12'], ['1.12', '3.12'], ['1.13', '3.12'], ['1.14', '3.13']],
	onnxruntime: [['0.', '3.7'], ['1.0', '3.7'], ['1.1', '3.7'], ['1.2', '3.8'], ['1.3', '3.8'], ['1.4', '3.8'], ['1.5', '3.8'], ['1.6', '3.9'], ['1.7', '3.9'], ['1.8', '3.9'], ['1.9', '3.9'], ['1.10', '3.9'], ['1.11', '3.10'], ['1.12', '3.10'], ['1.13', '3.10'], ['1.14', '3.11'], ['1.15', '3.11'], ['1.16', '3.11'], ['1.17', '3.12'], ['1.18', '3.12'], ['1.19', '3.12']],
};

/** The first day each Python minor version no longer gets security fixes. */
const endOfLife: Record<string, string> = {
	'3.6': '2021-12-23', '3.7': '2023-06-27', '3.8': '2024-10-07', '3.9': '2025-10-31',
	'3.10': '2026-10-31', '3.11': '2027-10-31', '3.12': '2028-10-31', '3.13': '2029-10-31',
};

export function compareVersions(a: string, b: string): number {
	const [aMajor, aMinor] = a.split('.').map(Number) as [number, number];
	const [bMajor, bMinor] = b.split('.').map(Number) as [number, number];
	return aMajor - bMajor || aMinor - bMinor;
}

/** The newest Python a pinned release installs on, or undefined when it is not known to be limited. */
export function newestPythonFor(pin: PinnedPackage): string | undefined {
	const series = newestPythonBySeries[pin.name];
	const match = series?.find(([prefix]) => prefix.endsWith('.') ? pin.version.startsWith(prefix) : pin.version === prefix || pin.version.startsWith(`${prefix}.`));
	return match?.[1];
}

/** The pin that limits Python the most, with the newest Python it allows. */
export function mostLimitingPin(pins: readonly PinnedPackage[]): {pin: PinnedPackage; python: string} | undefined {
	let limit: {pin: PinnedPackage; python: string} | undefined;
	for (const pin of pins) {
		const python = newestPythonFor(pin);
		if (python !== undefined && (limit === undefined || compareVersions(python, limit.python) < 0)) {
			limit = {pin, python};
		}
	}

	return limit;
}

/** The end-of-life date when `version` is past it on `today`, else undefined. */
export function pastEndOfLife(version: string, today: Date): string | undefined {
	const date = endOfLife[version] ?? (compareVersions(version, '3.6') < 0 ? '2021-12-23' : undefined);
	return date !== undefined && today.toISOString().slice(0, 10) >= date ? date : undefined;
}
