import type {Route} from './project-detection.js';
import type {StringConstants} from './python-constants.js';
import {importBindings, type ProjectTree, type PythonFile, resolveBinding} from './python-modules.js';
import {callArguments, type CallArguments} from './python-text.js';

// The routes an app serves, read the way FastAPI and Flask assemble them: decorators on the
// app, on APIRouters and on Blueprints; routers included with include_router(prefix=...) and
// their own APIRouter(prefix=...); blueprints registered with register_blueprint(url_prefix=...)
// (which replaces the blueprint's own url_prefix, as in Flask). Objects are followed through
// imports between the project's files. Read as text, never run.

type WebKind = 'fastapi' | 'router' | 'flask' | 'blueprint';

/** An app, router or blueprint: where it is defined and what its constructor says. */
export type WebObject = {key: string; file: string; name: string; kind: WebKind; prefix: string; arguments: CallArguments};

type Declared = {owner: string; path: string; methods: string[]; source: string};
type Mount = {parent: string; child: string; prefix?: string};

const constructors = /^[ \t]*([A-Za-z_]\w*)[ \t]*(?::[^=\n]+)?=[ \t]*(?:[\w.]*\.)?(FastAPI|APIRouter|Flask|Blueprint)[ \t]*\(/gm;
const kinds: Record<string, WebKind> = {FastAPI: 'fastapi', APIRouter: 'router', Flask: 'flask', Blueprint: 'blueprint'};
const decorator = /@[ \t]*([A-Za-z_][\w.]*)\.(get|post|put|delete|patch|head|options|route|api_route)[ \t]*\(/g;
const registrations = /(?<![\w.])([A-Za-z_][\w.]*)\.(add_url_rule|add_api_route)[ \t]*\(/g;
const mounts = /(?<![\w.])([A-Za-z_][\w.]*)\.(include_router|register_blueprint)[ \t]*\(/g;

export const objectKey = (file: string, name: string) => `${file}#${name}`;

function methodsOf(verb: string, call: CallArguments): string[] {
	if (verb !== 'route' && verb !== 'api_route' && verb !== 'add_url_rule' && verb !== 'add_api_route') {
		return [verb.toUpperCase()];
	}

	const listed = call.keywords.get('methods');
	const methods = listed === undefined ? [] : [...listed.matchAll(/["']([A-Za-z]+)["']/g)].map(match => match[1]!.toUpperCase());
	return methods.length > 0 ? methods : ['GET'];
}

function joinPath(...parts: Array<string | undefined>): string {
	const joined = parts.filter(part => part !== undefined && part !== '').join('/').replaceAll(/\/{2,}/g, '/');
	return joined.startsWith('/') ? joined : `/${joined}`;
}

export class RouteTable {
	readonly objects = new Map<string, WebObject>();
	private readonly declared: Declared[] = [];
	private readonly mounts: Mount[] = [];
	private readonly codeOf = new Map<string, string>();

	constructor(files: readonly PythonFile[], private readonly tree: ProjectTree, private readonly roots: readonly string[], private readonly constants: StringConstants) {
		for (const file of files) {
			this.codeOf.set(file.path, file.code);
			for (const match of file.code.matchAll(constructors)) {
				const call = callArguments(file.code, match.index + match[0].length - 1);
				const kind = kinds[match[2]!]!;
				const key = objectKey(file.path, match[1]!);
				if (call && !this.objects.has(key)) {
					const prefix = kind === 'router' ? call.keywords.get('prefix') : kind === 'blueprint' ? call.keywords.get('url_prefix') : undefined;
					this.objects.set(key, {key, file: file.path, name: match[1]!, kind, prefix: constants.evaluate(file.path, prefix) ?? '', arguments: call});
				}
			}
		}

		for (const file of files) {
			this.readRoutes(file);
		}
	}

	private readRoutes(file: PythonFile): void {
		const {code, path: source} = file;
		for (const pattern of [decorator, registrations]) {
			for (const match of code.matchAll(pattern)) {
				const call = callArguments(code, match.index + match[0].length - 1);
				const owner = this.resolve(source, match[1]!);
				const path = call && this.constants.evaluate(source, call.positional[0] ?? call.keywords.get('path') ?? call.keywords.get('rule'));
				if (call && owner && path !== undefined) {
					this.declared.push({owner, path, methods: methodsOf(match[2]!, call), source});
				}
			}
		}

		for (const match of code.matchAll(mounts)) {
			const call = callArguments(code, match.index + match[0].length - 1);
			const parent = this.resolve(source, match[1]!);
			const child = call && this.resolve(source, call.positional[0] ?? call.keywords.get('router') ?? call.keywords.get('blueprint') ?? '');
			if (call && parent && child) {
				const prefix = call.keywords.get(match[2] === 'include_router' ? 'prefix' : 'url_prefix');
				this.mounts.push({parent, child, prefix: prefix === undefined ? undefined : this.constants.evaluate(source, prefix) ?? ''});
			}
		}
	}

	/** The app, router or blueprint an expression names in `file`: local, imported, or module.attribute. */
	resolve(file: string, expression: string): string | undefined {
		const text = expression.trim();
		if (!/^[A-Za-z_][\w.]*$/.test(text)) {
			return undefined;
		}

		if (this.objects.has(objectKey(file, text))) {
			return objectKey(file, text);
		}

		const [first, ...rest] = text.split('.');
		const binding = importBindings(this.codeOf.get(file) ?? '').find(candidate => candidate.local === first);
		if (!binding) {
			return undefined;
		}

		if (rest.length === 0) {
			const target = resolveBinding(this.tree, file, binding, this.roots);
			return target?.attribute === undefined ? undefined : this.follow(target.file, target.attribute);
		}

		// module.attribute, where module may itself be dotted (import app.api.routes as routes; routes.x.router).
		const attribute = rest.pop()!;
		const dotted = binding.name === undefined ? binding.module : binding.module === '' ? binding.name : `${binding.module}.${binding.name}`;
		const module = resolveBinding(this.tree, file, {...binding, module: [dotted, ...rest].join('.'), name: undefined}, this.roots);
		return module?.attribute === undefined && module ? this.follow(module.file, attribute) : undefined;
	}

	/** An object defined in `file` under `name`, or re-exported there from another module. */
	private follow(file: string, name: string, depth = 0): string | undefined {
		if (this.objects.has(objectKey(file, name))) {
			return objectKey(file, name);
		}

		return depth < 4 ? this.resolve(file, name) : undefined;
	}

	/** Every route reachable from `root` (an object key), prefixes applied; from every app when there is no root. */
	routes(root?: string): Route[] {
		const found = new Map<string, Route>();
		const visit = (key: string, prefix: string, seen: Set<string>) => {
			if (seen.has(key) || seen.size > 20) {
				return;
			}

			const next = new Set([...seen, key]);
			for (const route of this.declared.filter(candidate => candidate.owner === key)) {
				const full = joinPath(prefix, route.path);
				const known = found.get(full);
				found.set(full, {path: full, methods: [...new Set([...known?.methods ?? [], ...route.methods])].sort(), source: known?.source ?? route.source});
			}

			for (const mount of this.mounts.filter(candidate => candidate.parent === key)) {
				const child = this.objects.get(mount.child);
				const childPrefix = child?.kind === 'blueprint' ? mount.prefix ?? child.prefix : joinPath(mount.prefix, child?.prefix);
				visit(mount.child, joinPath(prefix, childPrefix), next);
			}
		};

		const starts = root ? [root] : [...this.objects.values()].filter(object => object.kind === 'fastapi' || object.kind === 'flask').map(object => object.key);
		for (const start of starts) {
			visit(start, this.objects.get(start)?.kind === 'router' || this.objects.get(start)?.kind === 'blueprint' ? this.objects.get(start)!.prefix : '', new Set());
		}

		return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
	}

	/**
	 * Where FastAPI serves its OpenAPI document for this app: /openapi.json unless
	 * openapi_url says otherwise; undefined when it is switched off (openapi_url=None).
	 */
	openapiPath(root: string | undefined): string | undefined {
		const app = root === undefined ? undefined : this.objects.get(root);
		if (app?.kind !== 'fastapi') {
			return undefined;
		}

		const setting = app.arguments.keywords.get('openapi_url');
		if (setting === undefined) {
			return '/openapi.json';
		}

		return setting.trim() === 'None' ? undefined : this.constants.evaluate(app.file, setting);
	}
}
