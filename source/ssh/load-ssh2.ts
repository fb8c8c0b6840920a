/** ssh2 is CommonJS: its named exports are reached through the default export. Loaded on first use only. */
export async function loadSsh2(): Promise<typeof import('ssh2')> {
	const module = await import('ssh2');
	return (module as unknown as {default?: typeof import('ssh2')}).default ?? module;
}
