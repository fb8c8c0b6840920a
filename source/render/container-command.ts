import path from 'node:path';
import {quoteShellArgument} from '../core/shell-quote.js';
import type {FileSettings} from './file-settings.js';

// The commands inside the generated image: the server start line and the health check.

/**
 * How the app's folder reaches Python's path. A module at the top of that folder (main:app
 * beside flat-imported neighbours) runs from the folder itself, as its author runs it, so
 * relative file paths in the code work too; a package inside it (src/ layout) is put on the
 * path while the working folder stays the project's.
 */
export function appFolderMode(settings: Pick<FileSettings, 'appDirectory' | 'appModule'>): 'none' | 'working-directory' | 'path' {
	if (settings.appDirectory === '') {
		return 'none';
	}

	return settings.appModule.split(':')[0]!.includes('.') ? 'path' : 'working-directory';
}

/** The server start line, as an exec-form JSON array for CMD. */
export function serverCommand(settings: FileSettings): string {
	const [module, object] = settings.appModule.split(':') as [string, string];
	const factory = object.endsWith('()');
	// Relative to the working folder /app, where the code is.
	const onPath = appFolderMode(settings) === 'path' ? settings.appDirectory : undefined;
	const command = settings.framework === 'flask'
		// gunicorn calls a factory written as 'module:create_app()'.
		? ['exec gunicorn --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-2} --timeout 120 --access-logfile -', ...(onPath ? [`--pythonpath ${onPath}`] : []), factory ? quoteShellArgument(settings.appModule) : settings.appModule]
		// uvicorn calls a factory named with --factory, without the parentheses.
		: ['exec uvicorn', ...(factory ? ['--factory', `${module}:${object.slice(0, -2)}`] : [settings.appModule]), ...(onPath ? [`--app-dir ${onPath}`] : []), '--host 0.0.0.0 --port ${PORT} --workers ${WEB_CONCURRENCY:-2} --proxy-headers --forwarded-allow-ips \'*\''];
	// sh -c so that ${PORT} (set by Heroku and Cloud Run) is read when the container starts.
	return JSON.stringify(['sh', '-c', command.join(' ')]).replaceAll('","', '", "');
}

/** Python run inside the container: GET the health route, or only connect to the port when there is none. */
export function healthCheckCode(settings: FileSettings): string {
	const port = `os.environ.get('PORT', '${settings.appPort}')`;
	return settings.healthPath === undefined
		? `import os, socket; socket.create_connection(('127.0.0.1', int(${port})), timeout=4)`
		: `import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + ${port} + '${settings.healthPath}', timeout=4)`;
}

/** The folders the app writes into, as absolute paths in the image. */
export function writableFolders(settings: FileSettings): string[] {
	const base = appFolderMode(settings) === 'working-directory' ? `/app/${settings.appDirectory}` : '/app';
	return [...new Set(settings.writtenFiles.map(file => path.posix.join(base, path.posix.dirname(file))))].sort();
}

/** The written files relative to the project, for .dockerignore (a local copy must not be baked in as root's). */
export function writtenProjectFiles(settings: FileSettings): string[] {
	const base = appFolderMode(settings) === 'working-directory' ? settings.appDirectory : '';
	return settings.writtenFiles.map(file => path.posix.join(base, file));
}
