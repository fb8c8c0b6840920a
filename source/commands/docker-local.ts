// docker argv builders for images built on this laptop and pushed to a registry
// (Artifact Registry, Heroku's). Pure functions of their inputs.

export const dockerVersion = (): string[] => ['docker', '--version'];

/** Fails when the Docker engine is not running, which `docker --version` does not notice. */
export const dockerEngineVersion = (): string[] => ['docker', 'info', '--format={{.ServerVersion}}'];

/** Fails when docker lacks buildx (BuildKit's client), which the build below needs for its options. */
export const dockerBuildxVersion = (): string[] => ['docker', 'buildx', 'version'];

/**
 * Builds the image and pushes it in one command, straight from BuildKit, in the one form both
 * registries take: linux/amd64 only (what Cloud Run and Heroku run, even from an Apple Silicon
 * laptop), no provenance or SBOM attestations, and Docker media types (a v2 schema 2 manifest,
 * not OCI). Heroku's registry refuses an OCI index or attestations, which Docker Desktop's
 * containerd image store (the default since 4.34) makes for a plain `docker build` + `docker
 * push`. The same flags as Heroku's own `container:push`, plus the media types it cannot pin.
 */
export const buildAndPushImage = (image: string, context = '.'): string[] => [
	'docker',
	'buildx',
	'build',
	'--platform=linux/amd64',
	'--provenance=false',
	'--sbom=false',
	`--output=type=image,name=${image},oci-mediatypes=false,push=true`,
	context,
];
