#!/usr/bin/env bash
# Deploys {{serviceName}} to Heroku as a container. Each command is one you could type yourself.
# Usage: deploy/heroku.sh create|config|release|scheduler|logs
set -euo pipefail
cd "$(dirname "$0")/.."

app="${HEROKU_APP:-{{serviceName}}}"

case "${1:-}" in
	create)
		heroku apps:info --app "$app" >/dev/null 2>&1 || heroku create "$app" --stack container
{{#postgres}}
		# The Postgres add-on creates the database and sets DATABASE_URL for the app.
		heroku addons:info heroku-postgresql --app "$app" >/dev/null 2>&1 \
			|| heroku addons:create heroku-postgresql:essential-0 --app "$app"
{{/postgres}}
		;;
	config)
		# Every KEY=value line of .env becomes a config var (an environment variable on Heroku).
		settings=()
		while IFS= read -r line || [ -n "$line" ]; do
			case "$line" in
				'' | '#'*) continue ;;
				*=*) settings+=("$line") ;;
			esac
		done < .env
		if [ "${#settings[@]}" -gt 0 ]; then
			heroku config:set "${settings[@]}" --app "$app"
		fi
		;;
	release)
		# Heroku sets PORT for the container; the Dockerfile's server listens on it.
		heroku container:login
		heroku container:push web --app "$app"
		heroku container:release web --app "$app"
		;;
	scheduler)
		heroku addons:info scheduler --app "$app" >/dev/null 2>&1 || heroku addons:create scheduler:standard --app "$app"
		web_url="$(heroku apps:info --shell --app "$app" | sed -n 's/^web_url=//p')"
		web_url="${web_url%/}"
		echo "Add these jobs in the Scheduler dashboard (it offers every 10 minutes, every hour or once a day):"
{{#jobs}}
		echo "  {{description}} (pick the nearest frequency), command:"
		echo "    python -c \"import urllib.request; urllib.request.urlopen(urllib.request.Request('${web_url}{{path}}', method='{{method}}'), timeout=600)\""
{{/jobs}}
		heroku addons:open scheduler --app "$app"
		;;
	logs)
		heroku logs --tail --app "$app"
		;;
	*)
		echo "Usage: $0 create|config|release|scheduler|logs" >&2
		exit 2
		;;
esac
