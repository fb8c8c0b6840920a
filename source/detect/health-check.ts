import type {HealthCheck, Route} from './project-detection.js';

// Which route tells "up" from "down". People name it in a handful of ways, often under
// prefixes (/api/health/heartbeat): the last part of the path decides, in this order. Only
// GET routes without path parameters qualify: a check cannot fill in {id}.

const names = ['health', 'healthz', 'heartbeat', 'ping', 'status', 'healthcheck', 'health-check', 'health_check', 'ready', 'readyz', 'readiness', 'live', 'livez', 'liveness', 'alive'];

function usable(route: Route): boolean {
	return route.methods.includes('GET') && !/[{<]/.test(route.path);
}

function nameRank(route: Route): number {
	const last = route.path.split('/').filter(Boolean).at(-1)?.toLowerCase() ?? '';
	return names.indexOf(last);
}

/**
 * The health check for the app: a route named like a health route; else GET /; else
 * FastAPI's own OpenAPI document (`openapiPath`, when not switched off); else the port.
 */
export function chooseHealthCheck(routes: readonly Route[], openapiPath: string | undefined): HealthCheck {
	const candidates = routes.filter(route => usable(route) && nameRank(route) !== -1)
		.sort((a, b) => nameRank(a) - nameRank(b) || a.path.length - b.path.length || a.path.localeCompare(b.path));
	const [best] = candidates;
	if (best) {
		return {kind: 'route', path: best.path, source: best.source};
	}

	const root = routes.find(route => usable(route) && route.path === '/');
	if (root) {
		return {kind: 'route', path: '/', source: `${root.source} (GET /, no health route)`};
	}

	if (openapiPath !== undefined) {
		return {kind: 'route', path: openapiPath, source: 'FastAPI\'s own OpenAPI document (the app has no GET route to check)'};
	}

	return {kind: 'port', source: 'no GET route to check: the port is checked instead'};
}

/** The route to paste when there is none: three lines, the same for FastAPI and Flask 2+. */
export function healthRouteSnippet(appObject: string): string {
	return `@${appObject}.get("/health")\ndef health():\n    return {"status": "ok"}`;
}
