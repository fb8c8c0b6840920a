import {existsSync, readFileSync, renameSync} from 'node:fs';
import {mkdir} from 'node:fs/promises';
import {progressDirectory, progressFileName, progressFilePath} from './progress-location.js';
import {type Progress, progressSchema} from './progress-schema.js';

export type ProgressStore = {
	/** Where the progress file lives, for messages and --help. */
	readonly filePath: string;
	load(): Progress | undefined;
	/** Validates at once (throws on a private key); the write itself follows in order. */
	save(progress: Progress): void;
	clear(): void;
	/** Resolves when every save and clear so far is on disk. */
	flush(): Promise<void>;
};

export type OpenedStore = {
	store: ProgressStore;
	/** Set when an unreadable progress file was moved aside: tell the person where it went. */
	notice?: string;
};

const privateKeyMarker = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

export {progressFileName} from './progress-location.js';

/**
 * Opens the progress store for a project. conf gives us atomic writes and the per-user
 * config location; we validate with zod ourselves, so that a corrupt or foreign file is
 * moved aside with a message instead of crashing the wizard or being silently wiped.
 * `stateDirectory` overrides the location (tests, or MLDW_STATE_DIR).
 */
export async function openProgressStore(projectDirectory: string, stateDirectory?: string): Promise<OpenedStore> {
	const configName = progressFileName(projectDirectory);
	const directory = progressDirectory(stateDirectory);
	const filePath = progressFilePath(projectDirectory, stateDirectory);
	// Checked before conf opens the file: conf throws on a file it cannot parse.
	const notice = moveAsideIfUnreadable(filePath);

	// Reading needs no conf, so the wizard draws its first screen without loading it (and
	// its JSON-schema machinery); conf comes in with the first write, and writes keep their order.
	let conf: Promise<{set(key: string, value: unknown): void; clear(): void}> | undefined;
	const openConf = async () => {
		conf ??= import('conf').then(async ({default: Conf}) => {
			// Only the person may read what the wizard knows about their servers and projects.
			await mkdir(directory, {recursive: true, mode: 0o700});
			return new Conf<Record<string, unknown>>({
				projectName: 'ml-deploy-wizard',
				configName,
				cwd: directory,
				configFileMode: 0o600,
				watch: false,
				accessPropertiesByDotNotation: false,
			});
		});
		return conf;
	};

	let writes = Promise.resolve();
	let pendingWrites = 0;
	let writeError: unknown;
	// What this store last saved, answered by load() while its write is still on the way.
	let latest: Progress | undefined;
	const enqueue = (write: (store: Awaited<ReturnType<typeof openConf>>) => void) => {
		pendingWrites++;
		writes = writes.then(async () => {
			try {
				write(await openConf());
			} catch (error) {
				// Kept for flush(): a failed write (disk full, no permission) must not pass silently.
				writeError ??= error;
			} finally {
				pendingWrites--;
			}
		});
	};

	const store: ProgressStore = {
		filePath,
		load() {
			return pendingWrites > 0 ? latest : readProgressFile(filePath);
		},
		save(progress) {
			const validated = progressSchema.parse(progress);
			// A last line of defence: whatever a step put in its facts, a private key never
			// reaches the progress file.
			if (privateKeyMarker.test(JSON.stringify(validated))) {
				throw new Error('Refusing to save progress that contains a private key.');
			}

			latest = validated;
			enqueue(opened => {
				opened.set('progress', validated);
			});
		},
		clear() {
			latest = undefined;
			enqueue(opened => {
				opened.clear();
			});
		},
		async flush() {
			await writes;
			if (writeError) {
				throw new Error(`Could not save progress to ${filePath}: ${writeError instanceof Error ? writeError.message : String(writeError)}`);
			}
		},
	};
	return {store, notice};
}

function readProgressFile(filePath: string): Progress | undefined {
	try {
		const content = JSON.parse(readFileSync(filePath, 'utf8')) as {progress?: unknown};
		const parsed = progressSchema.safeParse(content.progress);
		return parsed.success ? parsed.data : undefined;
	} catch {
		return undefined;
	}
}

function moveAsideIfUnreadable(filePath: string): string | undefined {
	if (!existsSync(filePath)) {
		return undefined;
	}

	let problem: string | undefined;
	try {
		const content = JSON.parse(readFileSync(filePath, 'utf8')) as {progress?: unknown};
		if (content.progress !== undefined) {
			const parsed = progressSchema.safeParse(content.progress);
			if (!parsed.success) {
				problem = `it does not match this version's format (${parsed.error.issues[0]?.path.join('.') ?? 'unknown field'})`;
			}
		}
	} catch (error) {
		problem = error instanceof SyntaxError ? 'it is not valid JSON' : `it could not be read (${String(error)})`;
	}

	if (!problem) {
		return undefined;
	}

	const asidePath = `${filePath}.unreadable-${new Date().toISOString().replaceAll(':', '-')}`;
	renameSync(filePath, asidePath);
	return `Saved progress could not be used because ${problem}. It was moved to ${asidePath}; starting fresh.`;
}
