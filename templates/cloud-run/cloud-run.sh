#!/usr/bin/env bash
# Deploys {{serviceName}} to Google Cloud Run the way the wizard does, step for step and
# command for command: each is one you could type yourself.
# Usage: deploy/cloud-run.sh [all|check|project|accounts|image|secrets|deploy|schedule|url|logs]
#   With no argument it runs all of them, in that order; each is safe to run again.
# Settings come from the environment or .env (see .env.example): GCP_PROJECT_ID is needed;
# GCP_REGION, GCP_REPOSITORY, GCP_DEPLOYER, GCP_AUTH (impersonation or key), GCP_KEY_FILE,
# CLOUD_RUN_SERVICE, CLOUD_RUN_MEMORY, CLOUD_RUN_CPU, CLOUD_RUN_MIN_INSTANCES,
# CLOUD_RUN_MAX_INSTANCES and CLOUD_RUN_PUBLIC (yes or no) default to the wizard's choices.
# Every other line of .env is a secret of your app: it goes to Secret Manager on gcloud's
# standard input, and the service reads it from there. To remove everything it made, run
# `npx ml-deploy-wizard teardown`.
set -euo pipefail
cd "$(dirname "$0")/.."

# .env, read as data and never run as shell code (it may hold anything): NAME=value lines,
# an optional `export `, single quotes taken literally, double quotes with \" \\ \n \t \r,
# a " #" comment after an unquoted value; the last line for a name wins. The wizard reads it
# the same way (a quoted value running over several lines is the one thing read differently).
env_names=()
env_values=()

unquote() {
	local raw="$1" quote="${1:0:1}" out='' index char
	for ((index = 1; index < ${#raw}; index++)); do
		char="${raw:index:1}"
		if [ "$char" = "\\" ] && [ $((index + 1)) -lt ${#raw} ]; then
			index=$((index + 1))
			char="${raw:index:1}"
			if [ "$quote" = "'" ]; then
				[ "$char" = "'" ] || out+="\\"
			else
				case "$char" in
					n) char=$'\n' ;;
					r) char=$'\r' ;;
					t) char=$'\t' ;;
					'$') char='\$' ;;
				esac
			fi
			out+="$char"
		elif [ "$char" = "$quote" ]; then
			printf '%s' "$out"
			return 0
		else
			out+="$char"
		fi
	done
	return 1
}

read_dot_env() {
	local line name raw value index quoted
	[ -f .env ] || return 0
	while IFS= read -r line || [ -n "$line" ]; do
		line="${line%$'\r'}"
		[[ "$line" =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_.]*)[[:space:]]*[=:][[:space:]]*(.*)$ ]] || continue
		name="${BASH_REMATCH[2]}"
		raw="${BASH_REMATCH[3]}"
		quoted=''
		case "$raw" in
			\"* | \'*) value="$(unquote "$raw")" && quoted=yes ;;
		esac
		if [ -z "$quoted" ]; then
			# Unquoted (or a quote never closed): up to a " #" comment, trimmed.
			value="${raw%%[[:space:]]#*}"
			value="${value%"${value##*[![:space:]]}"}"
		fi
		for index in ${env_names[@]+"${!env_names[@]}"}; do
			if [ "${env_names[index]}" = "$name" ]; then
				env_values[index]="$value"
				continue 2
			fi
		done
		env_names+=("$name")
		env_values+=("$value")
	done < .env
}

# The value of a deploy setting: from the environment, else from .env, else empty.
setting() {
	local name="$1" index
	if [ -n "${!name:-}" ]; then
		printf '%s' "${!name}"
		return 0
	fi
	for index in ${env_names[@]+"${!env_names[@]}"}; do
		if [ "${env_names[index]}" = "$name" ]; then
			printf '%s' "${env_values[index]}"
			return 0
		fi
	done
}

fail() {
	echo "x $1" >&2
	[ -z "${2:-}" ] || echo "  Next: $2" >&2
	exit 1
}

# IAM is eventually consistent: right after an account is made or a role granted, Google may
# still answer that the account does not exist or that permission is denied. Such a command
# runs again after 5 s, then twice as long each time up to 60 s, for 6 minutes at most.
NEW_ACCOUNT='does not exist|or it may not exist'
NEW_GRANT='Failed to impersonate|PERMISSION_DENIED|denied: Permission|Permission denied on secret|does not exist|or it may not exist'

iam_retry() {
	local pattern="$1" reason="$2" waited=0 delay=5 log
	shift 2
	log="$(mktemp)"
	# Standard error is shown as it comes and kept to be read; standard output is left alone.
	while ! { "$@" 2>&1 1>&3 | tee "$log" >&2; } 3>&1; do
		if ! grep -Eiq "$pattern" "$log" || [ $((waited + delay)) -gt 360 ]; then
			[ "$waited" -eq 0 ] || echo "It still failed after $waited s of waiting." >&2
			rm -f "$log"
			return 1
		fi
		echo "$reason: trying again in $delay s (waiting 6 minutes at most)." >&2
		sleep "$delay"
		waited=$((waited + delay))
		delay=$((delay * 2))
		[ "$delay" -le 60 ] || delay=60
	done
	rm -f "$log"
}

after_new_account() {
	iam_retry "$NEW_ACCOUNT" 'A new service account takes a minute or more to be known everywhere in Google Cloud' "$@"
}

after_new_grant() {
	iam_retry "$NEW_GRANT" 'A role just granted takes up to a few minutes to apply' "$@"
}

# Makes a service account once: the look is quiet, the create says what it is for.
ensure_account() {
	local name="$1" display="$2"
	if ! gcloud iam service-accounts describe "$name@$project.iam.gserviceaccount.com" "--project=$project" >/dev/null 2>&1; then
		gcloud iam service-accounts create "$name" "--display-name=$display" "--project=$project"
	fi
}

iam_member() {
	case "$1" in
		*.gserviceaccount.com) printf 'serviceAccount:%s' "$1" ;;
		*) printf 'user:%s' "$1" ;;
	esac
}

read_dot_env
project="$(setting GCP_PROJECT_ID)"
project="${project:?Set GCP_PROJECT_ID in .env or the environment}"
region="$(setting GCP_REGION)"
region="${region:-europe-west1}"
repository="$(setting GCP_REPOSITORY)"
repository="${repository:-ml-images}"
service="$(setting CLOUD_RUN_SERVICE)"
service="${service:-{{serviceName}}}"
deployer_name="$(setting GCP_DEPLOYER)"
deployer_name="${deployer_name:-ml-deployer}"
deployer="$deployer_name@$project.iam.gserviceaccount.com"
auth="$(setting GCP_AUTH)"
auth="${auth:-impersonation}"
key_file="$(setting GCP_KEY_FILE)"
key_file="${key_file:-$HOME/.config/ml-deploy-wizard/keys/$project-$deployer_name.json}"
configuration="mldw-$project"
# Account ids hold at most 30 characters: a long service name is cut, as the wizard cuts it.
runtime_name="${service:0:22}"
runtime_name="${runtime_name%"${runtime_name##*[!-]}"}-runtime"
invoker_name="${service:0:22}"
invoker_name="${invoker_name%"${invoker_name##*[!-]}"}-invoker"
runtime="$runtime_name@$project.iam.gserviceaccount.com"
invoker="$invoker_name@$project.iam.gserviceaccount.com"
image="$region-docker.pkg.dev/$project/$repository/$service:latest"
memory="$(setting CLOUD_RUN_MEMORY)"
cpu="$(setting CLOUD_RUN_CPU)"
min_instances="$(setting CLOUD_RUN_MIN_INSTANCES)"
max_instances="$(setting CLOUD_RUN_MAX_INSTANCES)"
public="$(setting CLOUD_RUN_PUBLIC)"
account=''
url=''

# Commands that run as the deployer: your own login acting for it (short-lived tokens, no
# key), or the key's own gcloud configuration when you chose a key.
if [ "$auth" = key ]; then
	as_deployer=("--configuration=$configuration")
	deployer_env=("CLOUDSDK_ACTIVE_CONFIG_NAME=$configuration")
else
	as_deployer=("--impersonate-service-account=$deployer")
	deployer_env=("CLOUDSDK_AUTH_IMPERSONATE_SERVICE_ACCOUNT=$deployer")
fi

check() {
	gcloud --version >/dev/null || fail 'The Google Cloud CLI (gcloud) is needed for every Cloud Run step.' 'Install it from https://cloud.google.com/sdk/docs/install, run: gcloud init, then run this again.'
	docker --version >/dev/null || fail 'Docker is needed to build your image on this computer.' 'Install Docker Desktop (macOS, Windows) or Docker Engine (Linux), then run this again.'
	docker info '--format={{.ServerVersion}}' >/dev/null || fail 'Docker is installed but its engine is not running.' 'Start Docker Desktop (or on Linux: sudo systemctl start docker), then run this again.'
	docker buildx version >/dev/null || fail "Docker's buildx is missing: the image is built with its options (linux/amd64 only, no attestations)." 'Update Docker Desktop, or install the docker-buildx-plugin package, then run this again.'
	account="$(gcloud auth list --filter=status:ACTIVE '--format=value(account)')"
	case "$account" in
		*@*) ;;
		*) fail 'gcloud is not logged in.' 'Run: gcloud auth login, then run this again.' ;;
	esac
}

project_step() {
	if ! gcloud projects describe "$project" '--format=value(projectId)' >/dev/null 2>&1; then
		gcloud projects create "$project" || fail "Could not create project $project." 'Project ids are unique across all of Google Cloud: if this one is taken, choose another.'
	fi
	if [ "$(gcloud billing projects describe "$project" '--format=value(billingEnabled)')" != True ]; then
		fail "Billing is not enabled for project $project." "Link a billing account at https://console.cloud.google.com/billing/linkedaccount?project=$project. A new Google Cloud account has none yet: create one at https://console.cloud.google.com/billing/create, or link one with \`gcloud billing projects link $project --billing-account=ACCOUNT_ID\` (\`gcloud billing accounts list\` shows its id)."
	fi
	# All at once, up front: gcloud would otherwise ask "enable and retry? (y/N)", which a script cannot answer.
	gcloud services enable run.googleapis.com artifactregistry.googleapis.com cloudscheduler.googleapis.com iam.googleapis.com iamcredentials.googleapis.com secretmanager.googleapis.com "--project=$project"
	if ! gcloud artifacts repositories describe "$repository" "--location=$region" "--project=$project" >/dev/null 2>&1; then
		gcloud artifacts repositories create "$repository" --repository-format=docker "--location=$region" "--project=$project"
	fi
}

key_fallback() {
	local folder
	folder="$(dirname "$key_file")"
	# A missing folder is made private; a folder of your own is left as it is. Only the
	# wizard's own keys folder is ignored by git as a whole.
	if [ ! -d "$folder" ]; then mkdir -p "$folder" && chmod 700 "$folder"; fi
	if [ "$folder" = "$HOME/.config/ml-deploy-wizard/keys" ]; then
		printf '*\n' >"$folder/.gitignore"
		chmod 700 "$folder"
	fi
	if ! test -s "$key_file"; then
		gcloud iam service-accounts keys create "$key_file" "--iam-account=$deployer" "--project=$project" \
			|| fail "Could not create the key file $key_file." 'If gcloud says "Key creation is not allowed on this service account" (constraints/iam.disableServiceAccountKeyCreation), your organisation forbids key files: set GCP_AUTH=impersonation (the default), which needs none.'
	fi
	chmod 600 "$key_file"
	if ! gcloud config configurations describe "$configuration" >/dev/null 2>&1; then
		gcloud config configurations create "$configuration" --no-activate
	fi
	gcloud auth activate-service-account "$deployer" "--key-file=$key_file" "--configuration=$configuration"
	gcloud config set project "$project" "--configuration=$configuration"
	gcloud config set run/region "$region" "--configuration=$configuration"
	[ "$(gcloud config get-value account "--configuration=$configuration")" = "$deployer" ] \
		|| fail "The gcloud configuration $configuration is not logged in as $deployer." "Delete it with \`gcloud config configurations delete $configuration\` and run this again."
}

# The deployer deploys, pushes and schedules; the runtime account is who the service is.
accounts() {
	local role
	ensure_account "$deployer_name" 'ml-deploy-wizard deployer'
	ensure_account "$runtime_name" "$service runtime (ml-deploy-wizard)"
	# Project-wide only where Cloud Run and Cloud Scheduler offer nothing narrower.
	for role in roles/run.admin roles/cloudscheduler.admin; do
		after_new_account gcloud projects add-iam-policy-binding "$project" "--member=serviceAccount:$deployer" "--role=$role" --condition=None --format=none
	done
	after_new_account gcloud artifacts repositories add-iam-policy-binding "$repository" "--location=$region" "--member=serviceAccount:$deployer" --role=roles/artifactregistry.writer --format=none "--project=$project"
	after_new_account gcloud iam service-accounts add-iam-policy-binding "$runtime" "--member=serviceAccount:$deployer" --role=roles/iam.serviceAccountUser --format=none "--project=$project"
	if [ "$auth" = key ]; then
		key_fallback
	else
		[ -n "$account" ] || account="$(gcloud auth list --filter=status:ACTIVE '--format=value(account)')"
		after_new_account gcloud iam service-accounts add-iam-policy-binding "$deployer" "--member=$(iam_member "$account")" --role=roles/iam.serviceAccountTokenCreator --format=none "--project=$project"
	fi
	after_new_grant gcloud run services list "--region=$region" "--project=$project" "${as_deployer[@]}" >/dev/null \
		|| fail "Deployments cannot run as $deployer yet." "See what it holds with \`gcloud iam service-accounts get-iam-policy $deployer --project=$project\`, then run this again."
}

image_step() {
	gcloud auth configure-docker "$region-docker.pkg.dev" --quiet
	# One linux/amd64 image, no attestations, a Docker v2 manifest, pushed as the deployer.
	after_new_grant env "${deployer_env[@]}" docker buildx build --platform=linux/amd64 --provenance=false --sbom=false "--output=type=image,name=$image,oci-mediatypes=false,push=true" .
}

# The app's secrets: every .env name that is not a deploy setting, with a value.
app_secret_indexes() {
	local index
	for index in ${env_names[@]+"${!env_names[@]}"}; do
		case "${env_names[index]}" in
			PORT | K_SERVICE | K_REVISION | K_CONFIGURATION | GCP_PROJECT_ID | GCP_REGION | GCP_REPOSITORY | GCP_DEPLOYER | GCP_AUTH | GCP_KEY_FILE | CLOUD_RUN_SERVICE | CLOUD_RUN_MEMORY | CLOUD_RUN_CPU | CLOUD_RUN_MIN_INSTANCES | CLOUD_RUN_MAX_INSTANCES | CLOUD_RUN_PUBLIC | GCP_SCHEDULER_SERVICE_ACCOUNT) continue ;;
			*[!A-Za-z0-9_]*) continue ;;
		esac
		[ -n "${env_values[index]}" ] && echo "$index"
	done
	return 0
}

secrets() {
	local index id
	for index in $(app_secret_indexes); do
		id="$service-${env_names[index]}"
		if ! gcloud secrets describe "$id" '--format=value(name)' "--project=$project" >/dev/null 2>&1; then
			gcloud secrets create "$id" --replication-policy=automatic "--project=$project"
		fi
		# On standard input: never in an argument other programs could see.
		printf '%s' "${env_values[index]}" | gcloud secrets versions add "$id" --data-file=- "--project=$project"
		after_new_account gcloud secrets add-iam-policy-binding "$id" "--member=serviceAccount:$runtime" --role=roles/secretmanager.secretAccessor --condition=None --format=none "--project=$project"
	done
}

service_url() {
	gcloud run services describe "$service" "--region=$region" '--format=value(status.url)' "--project=$project" "${as_deployer[@]}"
}

deploy() {
	local index references='' access=--no-allow-unauthenticated
	if [ "${min_instances:-0}" -gt "${max_instances:-3}" ]; then
		fail "Minimum instances (${min_instances:-0}) is above maximum instances (${max_instances:-3})." 'Lower CLOUD_RUN_MIN_INSTANCES or raise CLOUD_RUN_MAX_INSTANCES.'
	fi
	for index in $(app_secret_indexes); do
		references+="${references:+,}${env_names[index]}=$service-${env_names[index]}:latest"
	done
	# Private unless CLOUD_RUN_PUBLIC=yes: then anyone on the internet can call it, at your cost.
	[ "$public" != yes ] || access=--allow-unauthenticated
	after_new_grant gcloud run deploy "$service" "--image=$image" "--region=$region" "--memory=${memory:-512Mi}" "--cpu=${cpu:-1}" \
		"--min-instances=${min_instances:-0}" "--max-instances=${max_instances:-3}" --port={{appPort}} "--service-account=$runtime" "$access" \
		${references:+"--update-secrets=$references"} --quiet "--project=$project" "${as_deployer[@]}"
	url="$(service_url)"
	gcloud run services describe "$service" "--region=$region" "--project=$project" "${as_deployer[@]}"
	gcloud run services list "--region=$region" "--project=$project" "${as_deployer[@]}"
}

# A private service is called as the invoker account, whose only role is to call it. Once,
# before the first job.
invoker_ready=''
invoker_account() {
	[ -z "$invoker_ready" ] || return 0
	invoker_ready=yes
	[ -n "$url" ] || url="$(service_url)"
	[ "$public" != yes ] || return 0
	ensure_account "$invoker_name" "$service scheduler invoker (ml-deploy-wizard)"
	after_new_account gcloud iam service-accounts add-iam-policy-binding "$invoker" "--member=serviceAccount:$deployer" --role=roles/iam.serviceAccountUser --format=none "--project=$project"
	after_new_account gcloud run services add-iam-policy-binding "$service" "--region=$region" "--member=serviceAccount:$invoker" --role=roles/run.invoker --format=none "--project=$project" "${as_deployer[@]}"
}

# Creates the job, or updates it when it exists; either one shows its own error when it fails.
schedule_job() {
	local name="$service-job-${1##*-job-}" flags verb=create
	invoker_account
	flags=("--location=$region" "--schedule=$2" --time-zone=Etc/UTC "--uri=$url$4" "--http-method=$3")
	[ "$public" = yes ] || flags+=("--oidc-service-account-email=$invoker" "--oidc-token-audience=$url")
	flags+=("--project=$project" "${as_deployer[@]}")
	if gcloud scheduler jobs describe "$name" "--location=$region" "--project=$project" "${as_deployer[@]}" >/dev/null 2>&1; then
		verb=update
	fi
	after_new_grant gcloud scheduler jobs "$verb" http "$name" "${flags[@]}" \
		|| fail "Could not $verb the scheduler job $name." "Cloud Scheduler may not run in $region; see https://cloud.google.com/scheduler/docs/locations."
}

schedule() {
{{#jobs}}
	# {{description}}: {{method}} {{path}}
	schedule_job {{jobName}} {{scheduleQuoted}} {{method}} {{pathQuoted}}
{{/jobs}}
{{^jobs}}
	echo "No scheduled jobs were configured. Run the wizard with --cron to add one."
{{/jobs}}
}

case "${1:-all}" in
	all)
		check
		project_step
		accounts
		image_step
		secrets
		deploy
		schedule
		;;
	check) check ;;
	project) project_step ;;
	accounts) accounts ;;
	image) image_step ;;
	secrets) secrets ;;
	deploy) deploy ;;
	schedule) schedule ;;
	url) service_url ;;
	logs) gcloud run services logs read "$service" "--region=$region" "--project=$project" --limit=50 ;;
	*)
		echo "Usage: $0 [all|check|project|accounts|image|secrets|deploy|schedule|url|logs]" >&2
		exit 2
		;;
esac
