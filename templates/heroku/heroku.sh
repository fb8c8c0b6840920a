#!/usr/bin/env bash
# Deploys {{serviceName}} to Heroku as a container the way the wizard does, step for step and
# command for command: each is one you could type yourself.
# Usage: deploy/heroku.sh [all|check|create|config|release|scheduler|logs]
#   With no argument it runs all of them, in that order; each is safe to run again.
# Settings come from the environment or .env (see .env.example): HEROKU_APP (the app's name,
# {{serviceName}} unless set) and HEROKU_POSTGRES_PLAN (essential-0 unless set). Every other
# line of .env becomes a config var of your app, except PORT (Heroku's), HOST (always
# 0.0.0.0 there){{#postgres}} and DATABASE_URL (the Postgres add-on sets it){{/postgres}}.
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

read_dot_env
app="$(setting HEROKU_APP)"
app="${app:-{{serviceName}}}"
plan="$(setting HEROKU_POSTGRES_PLAN)"
plan="${plan:-essential-0}"
web_url=''

check() {
	heroku --version >/dev/null || fail 'The Heroku CLI is needed for every Heroku step.' 'Install it from https://devcenter.heroku.com/articles/heroku-cli, then run this again.'
	docker --version >/dev/null || fail 'Docker is needed to build your image on this computer.' 'Install Docker Desktop (macOS, Windows) or Docker Engine (Linux), then run this again.'
	docker info '--format={{.ServerVersion}}' >/dev/null || fail 'Docker is installed but its engine is not running.' 'Start Docker Desktop (or on Linux: sudo systemctl start docker), then run this again.'
	docker buildx version >/dev/null || fail "Docker's buildx is missing: the image is built with its options (linux/amd64 only, no attestations)." 'Update Docker Desktop, or install the docker-buildx-plugin package, then run this again.'
	case "$(heroku auth:whoami)" in
		*@*) ;;
		*) fail 'The Heroku CLI is not logged in.' 'Run: heroku login, then run this again.' ;;
	esac
	# Lets docker push to Heroku's registry with the CLI's token.
	heroku container:login
}

create() {
	if ! heroku apps:info "--app=$app" >/dev/null 2>&1; then
		heroku apps:create "$app" --stack=container \
			|| fail "Could not create the Heroku app $app." 'If Heroku says to verify your account, add a payment method at https://heroku.com/verify: Heroku asks for one before it creates any app. If the name is taken (names are unique across Heroku), set another HEROKU_APP. Then run this again.'
	fi
{{#postgres}}
	# The Postgres add-on creates the database and sets DATABASE_URL for the app.
	if ! heroku addons:info DATABASE "--app=$app" >/dev/null 2>&1; then
		heroku addons:create "heroku-postgresql:$plan" "--app=$app" --wait \
			|| fail "Could not add Postgres ($plan) to $app." 'If Heroku says the plan is not available or has reached end-of-life, see the current plans with: heroku addons:plans heroku-postgresql, and set HEROKU_POSTGRES_PLAN (essential-0 is the smallest).'
	fi
{{/postgres}}
}

# One config:set (each one makes a release): HOST first, then every setting of .env that is
# the app's: a name Heroku accepts, a value, and not a deploy setting.
config() {
	local index settings=(HOST=0.0.0.0)
	for index in ${env_names[@]+"${!env_names[@]}"}; do
		case "${env_names[index]}" in
			PORT | HOST | HEROKU_APP | HEROKU_POSTGRES_PLAN{{#postgres}} | DATABASE_URL{{/postgres}}) continue ;;
			*[!A-Za-z0-9_]*) continue ;;
		esac
		[ -z "${env_values[index]}" ] || settings+=("${env_names[index]}=${env_values[index]}")
	done
	heroku config:set "${settings[@]}" "--app=$app"
}

release() {
	# One linux/amd64 image, no provenance or SBOM attestations, a Docker v2 manifest: the only
	# form Heroku's registry accepts, whatever this computer's CPU or Docker image store.
	docker buildx build --platform=linux/amd64 --provenance=false --sbom=false "--output=type=image,name=registry.heroku.com/$app/web,oci-mediatypes=false,push=true" .
	heroku container:release web "--app=$app"
	heroku logs --num=50 "--app=$app"
	web_url="$(heroku apps:info --shell "--app=$app" | sed -n 's/^web_url=//p')"
	web_url="${web_url%/}"
}

# Heroku Scheduler offers every 10 minutes, every hour at :00, :10 ... :50, or every day at
# a full or half hour (UTC); prints the one a cron schedule fits, or fails.
scheduler_frequency() {
	local minute hour day month weekday rest
	read -r minute hour day month weekday rest <<<"$1"
	[ -z "$rest" ] && [ "$day $month $weekday" = '* * *' ] || return 1
	if [ "$hour" = '*' ] && { [ "$minute" = '*/10' ] || [ "$minute" = 0,10,20,30,40,50 ]; }; then
		echo 'Every 10 minutes'
		return 0
	fi
	[[ "$minute" =~ ^[0-9]{1,2}$ ]] || return 1
	minute=$((10#$minute))
	if [ "$hour" = '*' ]; then
		[ $((minute % 10)) -eq 0 ] && [ "$minute" -lt 60 ] || return 1
		printf 'Every hour at :%02d\n' "$minute"
		return 0
	fi
	[[ "$hour" =~ ^[0-9]{1,2}$ ]] && [ $((10#$hour)) -lt 24 ] && { [ "$minute" -eq 0 ] || [ "$minute" -eq 30 ]; } || return 1
	printf 'Every day at %02d:%02d UTC\n' $((10#$hour)) "$minute"
}

# The command a Scheduler job runs in a one-off dyno of the app's image (python is there; curl may not be).
job_command() {
	local request='sys.argv[1]'
	[ "$2" != POST ] || request="urllib.request.Request(sys.argv[1], data=b'', method='POST')"
	printf 'python -c "import sys, urllib.request; urllib.request.urlopen(%s, timeout=300)" %s\n' "$request" "'${1//\'/}'"
}

scheduler() {
	local schedules=({{#jobs}}{{scheduleQuoted}} {{/jobs}}) schedule needed=''
	for schedule in ${schedules[@]+"${schedules[@]}"}; do
		! scheduler_frequency "$schedule" >/dev/null || needed=yes
	done
	if [ -z "${schedules[*]+set}" ]; then
		echo 'No scheduled calls were given, so no Scheduler job is needed.'
		return 0
	fi
	if [ -z "$web_url" ]; then
		web_url="$(heroku apps:info --shell "--app=$app" | sed -n 's/^web_url=//p')"
		web_url="${web_url%/}"
	fi
	# The add-on is only added when some call can use it.
	if [ -n "$needed" ] && ! heroku addons:info SCHEDULER "--app=$app" >/dev/null 2>&1; then
		heroku addons:create scheduler:standard "--app=$app"
	fi
{{#jobs}}
	scheduler_job {{scheduleQuoted}} {{method}} {{pathQuoted}} '{{description}}'
{{/jobs}}
}

scheduler_job() {
	local frequency
	if frequency="$(scheduler_frequency "$1")"; then
		echo "$2 $3 $4: run \`heroku addons:open scheduler --app=$app\`, choose \"Add Job\", pick \"$frequency\", enter this command and save:"
		job_command "$web_url$3" "$2"
	else
		echo "$2 $3 $4: Heroku Scheduler cannot run \"$1\". Choose one of its frequencies and run this again, or run a clock process (see the wizard's Scheduler step)."
	fi
}

case "${1:-all}" in
	all)
		check
		create
		config
		release
		scheduler
		;;
	check) check ;;
	create) create ;;
	config) config ;;
	release) release ;;
	scheduler) scheduler ;;
	logs) heroku logs --tail "--app=$app" ;;
	*)
		echo "Usage: $0 [all|check|create|config|release|scheduler|logs]" >&2
		exit 2
		;;
esac
