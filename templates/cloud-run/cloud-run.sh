#!/usr/bin/env bash
# Deploys {{serviceName}} to Google Cloud Run. Each command is one you could type yourself.
# Usage: deploy/cloud-run.sh build|push|deploy|schedule|url|describe|delete
# Settings come from .env (see .env.example): GCP_PROJECT_ID, GCP_REGION, ...
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -f .env ]; then
	set -a
	# shellcheck disable=SC1091
	. ./.env
	set +a
fi

project="${GCP_PROJECT_ID:?Set GCP_PROJECT_ID in .env}"
region="${GCP_REGION:-europe-west1}"
service={{serviceName}}
repository="${GCP_REPOSITORY:-{{serviceName}}}"
image="${region}-docker.pkg.dev/${project}/${repository}/${service}:latest"

service_url() {
	gcloud run services describe "$service" --project "$project" --region "$region" --format 'value(status.url)'
}

# Creates the scheduler job, or updates it when it already exists (safe to run again).
schedule_job() {
	local name="$1" schedule="$2" method="$3" path="$4" url account
	url="$(service_url)"
	account="${GCP_SCHEDULER_SERVICE_ACCOUNT:?Set GCP_SCHEDULER_SERVICE_ACCOUNT in .env}"
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
		gcloud run deploy "$service" --project "$project" --region "$region" --image "$image" \
			--port {{appPort}} --memory "${CLOUD_RUN_MEMORY:-1Gi}" --cpu 1 \
			--max-instances "${CLOUD_RUN_MAX_INSTANCES:-3}" --no-allow-unauthenticated
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
