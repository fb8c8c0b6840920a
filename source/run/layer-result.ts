// One row of the verification table. Every checker returns these, so the UI renders a
// table, --json prints them as they are, and the progress file keeps them.

export type Layer = 'dns' | 'tcp' | 'tls' | 'redirect' | 'health' | 'prediction';

export type LayerResult = {
	layer: Layer;
	ok: boolean;
	/** Set when the layer was not tried because an earlier one failed. */
	skipped?: boolean;
	/** One line for the table, e.g. "api.example.com -> 203.0.113.7". */
	summary: string;
	/** Facts measured on the way (addresses, issuer, status, latency); safe to save. */
	details: Record<string, string | number | boolean | string[]>;
	/** Why it most likely failed, in plain words. */
	cause?: string;
	/** The next thing to run or do. */
	nextStep?: string;
};

export const layerTitles: Record<Layer, string> = {
	dns: 'DNS',
	tcp: 'TCP connect',
	tls: 'TLS certificate',
	redirect: 'HTTP -> HTTPS',
	health: 'Health route',
	prediction: 'Sample prediction',
};

export function skippedLayer(layer: Layer, because: Layer): LayerResult {
	return {
		layer,
		ok: false,
		skipped: true,
		summary: `not checked: ${layerTitles[because]} failed first`,
		details: {},
	};
}

/** The first layer that failed for real (not skipped): the one to talk about. */
export function firstFailure(results: readonly LayerResult[]): LayerResult | undefined {
	return results.find(result => !result.ok && !result.skipped);
}

/** A plain-text table: one row per layer, then the cause and next step of the first failure. */
export function formatLayerTable(results: readonly LayerResult[]): string {
	const rows = results.map(result => [
		layerTitles[result.layer],
		result.skipped ? 'skip' : result.ok ? 'ok' : 'FAIL',
		result.summary,
	]);
	const width = (column: number) => Math.max(...rows.map(row => row[column]!.length), column === 0 ? 5 : 6);
	const header = ['Layer', 'Result', 'Details'];
	const lines = [header, ...rows].map(row =>
		`${row[0]!.padEnd(width(0))}  ${row[1]!.padEnd(width(1))}  ${row[2]}`.trimEnd());
	const failure = firstFailure(results);
	if (failure) {
		lines.push('', `${layerTitles[failure.layer]} failed.`);
		if (failure.cause) {
			lines.push(`Likely cause: ${failure.cause}`);
		}

		if (failure.nextStep) {
			lines.push(`Next: ${failure.nextStep}`);
		}
	}

	return lines.join('\n');
}
