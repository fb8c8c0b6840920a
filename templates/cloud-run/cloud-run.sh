#!/usr/bin/env bash
# Deploys {{serviceName}} to Google Cloud Run. Each command is one you could type yourself.
# Usage: deploy/cloud-run.sh build|push|deploy|schedule|url|describe|delete
# Settings come from the environment or .env (see .env.example): GCP_PROJECT_ID, GCP_REGION, ...
set -euo pipefail
cd "$(dirname "$0")/.."

# The value of NAME: from the environment, else from .env, read as data (a line NAME=value,
# optionally quoted), never run as shell code: .env may hold anything.
setting() {
	local name="$1" line value=''
	if [ -n "${!name:-}" ]; then
		printf '%s' "${!name}"
		return
	fi

	if [ -f .env ]; then
		while IFS= read -r line || [ -n "$line" ]; do
			line="${line%$'\r'}"
			line="${line#export }"
			case "$line" in
				"$name="*) value="${line#*=}" ;;
			esac
		done < .env
	fi

	case "$value" in
		\"*\") value="${value:1:${#value}-2}" ;;
		\'*\') value="${value:1:${#value}-2}" ;;
	esac
	printf '%s' "$value"
}

project="$(setting GCP_PROJECT_ID)"
project="${project:?Set GCP_PROJECT_ID in .env}"
region="$(setting GCP_REGION)"
region="${region:-europe-west1}"
service={{serviceName}}
repository="$(setting GCP_REPOSITORY)"
repository="${repository:-{{serviceName}}}"
image="${region}-docker.pkg.dev/${project}/${repository}/${service}:latest"

service_url() {
	gcloud run services describe "$service" --project "$project" --region "$region" --format 'value(status.url)'
}

# Creates the scheduler job, or updates it when it already exists (safe to run again).
schedule_job() {
	local name="$1" schedule="$2" method="$3" path="$4" url account
	url="$(service_url)"
	account="$(setting GCP_SCHEDULER_SERVICE_ACCOUNT)"
	account="${account:?Set GCP_SCHEDULER_SERVICE_ACCOUNT in .env}"
	local options=(--project "$project" --location "$region" --schedule "$schedule" --http-method "$method"
		--uri "${url}${path}" --oidc-service-account-email "$account" --oidc-token-audience "$url")
	gcloud scheduler jobs create http "$name" "${options[@]}" \
		|| gcloud scheduler jobs update http "$name" "${options[@]}"
}

case "${1:-}" in
	build)
		# Cloud Run runs linux/amd64; this matters on an Apple Silicon laptop.
		docker build --platform linux/amd64 --tag "$image" .
		;;
	push)
		gcloud artifacts repositories describe "$repository" --project "$project" --location "$region" >/dev/null 2>&1 \
			|| gcloud artifacts repositories create "$repository" --project "$project" --location "$region" --repository-format docker
		gcloud auth configure-docker "${region}-docker.pkg.dev" --quiet
		docker push "$image"
		;;
	deploy)
		# Private by default: only callers with a Google identity token get in. Replace
		# --no-allow-unauthenticated with --allow-unauthenticated to make it public.
		# The app's settings and secrets set by the wizard stay: a deploy only changes what it names.
		memory="$(setting CLOUD_RUN_MEMORY)"
		max_instances="$(setting CLOUD_RUN_MAX_INSTANCES)"
		gcloud run deploy "$service" --project "$project" --region "$region" --image "$image" \
			--port {{appPort}} --memory "${memory:-1Gi}" --cpu 1 \
			--max-instances "${max_instances:-3}" --no-allow-unauthenticated
		;;
	schedule)
{{#jobs}}
		# {{description}}: {{method}} {{path}}
		schedule_job {{jobName}} {{scheduleQuoted}} {{method}} {{pathQuoted}}
{{/jobs}}
{{^jobs}}
		echo "No scheduled jobs were configured. Run the wizard with --cron to add one."
{{/jobs}}
		;;
	url)
		service_url
		;;
	describe)
		gcloud run services describe "$service" --project "$project" --region "$region"
		;;
	delete)
		gcloud run services delete "$service" --project "$project" --region "$region"
		;;
	*)
		echo "Usage: $0 build|push|deploy|schedule|url|describe|delete" >&2
		exit 2
		;;
esac
