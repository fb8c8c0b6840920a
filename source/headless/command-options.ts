export type HeadlessCommandOptions = {
	values: Record<string, string | boolean | string[] | undefined>;
	projectDirectory: string;
	stateDirectory?: string;
};
