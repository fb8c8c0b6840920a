// What ../docker-stand-in.ts bakes into the bundled executable (esbuild `define`).
export type DockerStandInSettings = {
	/** One JSON array per call, like stand-in.ts. */
	callsPath: string;
	/** Projects: containers' state and logs, and the built image folders. */
	stateDirectory: string;
	/** First on a container's PATH: uvicorn, gunicorn, python and python3 from Debian. */
	shimDirectory: string;
};
