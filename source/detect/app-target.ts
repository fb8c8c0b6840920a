import path from 'node:path';
import type {Framework} from './project-detection.js';
import {importBindings, type ProjectTree, type PythonFile, resolveBinding} from './python-modules.js';
import {callArguments, logicalLines} from './python-text.js';
import {objectKey} from './routes.js';

// Where the server finds the app: a module-level `app = FastAPI()` / `Flask(__name__)`, an
// object made by calling a factory (`app = create_app()`), or only a factory, which gunicorn
// calls as 'module:create_app()' and uvicorn with --factory. And from which folder the
// module imports: the project folder, src/, or the app's own folder when its files import
// each other flat (`from routers import predict` beside main.py, no __init__.py).

export type AppTarget = {
	framework: Framework;
	/** The file that defines the app (or the factory). */
	file: string;
	/** module:object, or module:factory() for a factory, relative to importRoot. */
	target: string;
	/** The folder on the import path ('' for the project folder). */
	importRoot: string;
	/** The RouteTable key of the app object the routes hang from. */
	routesRoot: string;
	/** The name routes are added to in that file (for the route to paste). */
	objectName: string;
	/** A factory whose parameters have no defaults cannot be called by the server as it is. */
	factoryNeedsArguments: boolean;
};

const classes: Record<string, Framework> = {FastAPI: 'fastapi', Flask: 'flask'};
const appLine = /^([ \t]*)([A-Za-z_]\w*)[ \t]*(?::[^=\n]+)?=[ \t]*(?:fastapi\.|flask\.)?(FastAPI|Flask)[ \t]*\(/gm;
const identifier = /^[A-Za-z_]\w*$/;

type Factory = {file: string; name: string; variable: string; framework: Framework; needsArguments: boolean};
type Candidate = {file: string; object: string; framework: Framework; routesRoot: string; factory?: Factory};

/** Module-level functions that build an app and return it. */
function factories(file: PythonFile): Factory[] {
	const lines = logicalLines(file.code);
	const found: Factory[] = [];
	for (const [index, line] of lines.entries()) {
		const header = /^def\s+([A-Za-z_]\w*)\s*\(([\s\S]*)\)\s*(?:->[^:]+)?:$/.exec(line.text);
		if (line.indent !== 0 || !header) {
			continue;
		}

		const body: string[] = [];
		for (const next of lines.slice(index + 1)) {
			if (next.indent === 0) {
				break;
			}

			body.push(next.text);
		}

		for (const statement of body) {
			const made = /^([A-Za-z_]\w*)\s*(?::[^=]+)?=\s*(?:fastapi\.|flask\.)?(FastAPI|Flask)\s*\(/.exec(statement);
			if (made && body.some(other => other === `return ${made[1]}`)) {
				const parameters = header[2]!.split(',').map(part => part.trim()).filter(part => part !== '' && !part.startsWith('*') && part !== 'self' && part !== '/');
				found.push({file: file.path, name: header[1]!, variable: made[1]!, framework: classes[made[2]!]!, needsArguments: parameters.some(part => !part.includes('='))});
				break;
			}
		}
	}

	return found;
}

/** A dotted module for `file` seen from `root`, or undefined when some part is not a Python name. */
export function moduleName(file: string, root: string): string | undefined {
	const relative = root === '' ? file : file.slice(root.length + 1);
	const parts = relative.replace(/\.py$/, '').split('/');
	if (parts.at(-1) === '__init__') {
		parts.pop();
	}

	return parts.length > 0 && parts.every(part => identifier.test(part)) ? parts.join('.') : undefined;
}

/**
 * The folder imports start from: among the app file's folders, the one under which the most
 * of its area's own absolute imports resolve (ties: the outermost). Relative imports in the
 * app file need its package to stay a package.
 */
export function importRootFor(appFile: string, files: readonly PythonFile[], tree: ProjectTree): string {
	const folders = [''];
	for (let folder = path.posix.dirname(appFile); folder !== '.' && folder !== ''; folder = path.posix.dirname(folder)) {
		folders.splice(1, 0, folder);
	}

	const appFolder = path.posix.dirname(appFile) === '.' ? '' : path.posix.dirname(appFile);
	const area = files.filter(file => file.path === appFile || appFolder === '' || file.path.startsWith(`${appFolder}/`));
	const firstSegments = area.flatMap(file => importBindings(file.code).filter(binding => binding.level === 0).map(binding => (binding.module || binding.name!).split('.')[0]!));
	const appCode = files.find(file => file.path === appFile)?.code ?? '';
	const deepestRelative = Math.max(0, ...importBindings(appCode).map(binding => binding.level));
	let best = {root: '', score: -1};
	for (const root of folders) {
		const module = moduleName(appFile, root);
		if (module === undefined || module.split('.').length - 1 < deepestRelative) {
			continue;
		}

		const score = firstSegments.filter(segment => tree.module(root, segment) !== undefined).length;
		if (score > best.score) {
			best = {root, score};
		}
	}

	return best.root;
}

/** The app the server should run, or undefined when no FastAPI() or Flask() is made anywhere. */
export function findAppTarget(files: readonly PythonFile[], tree: ProjectTree, roots: readonly string[]): AppTarget | undefined {
	const allFactories = files.flatMap(file => factories(file));
	const candidates: Candidate[] = [];
	for (const file of files) {
		for (const match of file.code.matchAll(appLine)) {
			if (match[1] === '') {
				candidates.push({file: file.path, object: match[2]!, framework: classes[match[3]!]!, routesRoot: objectKey(file.path, match[2]!)});
			}
		}

		// `app = create_app()` at module level, the factory here or imported.
		for (const match of file.code.matchAll(/^([A-Za-z_]\w*)[ \t]*(?::[^=\n]+)?=[ \t]*([A-Za-z_][\w.]*)[ \t]*\(/gm)) {
			const callee = match[2]!;
			let factory = allFactories.find(candidate => candidate.file === file.path && candidate.name === callee);
			const binding = factory ? undefined : importBindings(file.code).find(candidate => candidate.local === callee && candidate.name !== undefined);
			const imported = binding && resolveBinding(tree, file.path, binding, roots);
			factory ??= imported ? allFactories.find(candidate => candidate.file === imported.file && candidate.name === imported.attribute) : undefined;
			if (factory && callArguments(file.code, match.index + match[0].length - 1)) {
				candidates.push({file: file.path, object: match[1]!, framework: factory.framework, routesRoot: objectKey(factory.file, factory.variable)});
			}
		}
	}

	// Files come entry-point-first (see readPythonFiles): the first module-level app wins.
	const order = (file: string) => files.findIndex(candidate => candidate.path === file);
	candidates.sort((a, b) => order(a.file) - order(b.file));
	const [chosen] = candidates;
	if (chosen) {
		const importRoot = importRootFor(chosen.file, files, tree);
		return {
			framework: chosen.framework,
			file: chosen.file,
			target: `${moduleName(chosen.file, importRoot) ?? chosen.file}:${chosen.object}`,
			importRoot,
			routesRoot: chosen.routesRoot,
			objectName: chosen.routesRoot.split('#')[1]!,
			factoryNeedsArguments: false,
		};
	}

	const factory = allFactories.sort((a, b) => order(a.file) - order(b.file))[0];
	if (!factory) {
		return undefined;
	}

	const importRoot = importRootFor(factory.file, files, tree);
	return {
		framework: factory.framework,
		file: factory.file,
		target: `${moduleName(factory.file, importRoot) ?? factory.file}:${factory.name}()`,
		importRoot,
		routesRoot: objectKey(factory.file, factory.variable),
		objectName: factory.variable,
		factoryNeedsArguments: factory.needsArguments,
	};
}
