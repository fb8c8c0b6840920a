#!/usr/bin/env bash
# Installs the Debian packages the test suite starts for real (sshd, cron, caddy,
# dnsmasq, shellcheck, tmux; python3 runs the generated HEALTHCHECK), only when one is
# missing.
# The journey test adds pebble (the ACME test CA), Debian's python packages that the
# docker stand-in runs a container's command with, unshare and ip for a private network
# namespace, and openssl for pebble's own certificate. The detection corpus
# (test/detect/corpus.test.ts) starts its Flask and FastAPI apps with gunicorn, Flask,
# pandas and pydantic from Debian too (nsenter and setpriv come with util-linux). git-lfs:
# the server-side sync fetches a model kept in Git LFS (test/commands/git-lfs.test.ts).
# Safe to run again and again.
set -euo pipefail

packages=(openssh-server openssh-client cron caddy dnsmasq-base sudo shellcheck tmux git procps python3 curl
	pebble python3-fastapi python3-uvicorn python3-joblib python3-sklearn python3-numpy iproute2 util-linux openssl
	gunicorn python3-flask python3-pandas python3-pydantic git-lfs)
missing=()
for package in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$package")
	fi
done

if [ "${#missing[@]}" -eq 0 ]; then
	echo "System packages for the tests: all present."
	exit 0
fi

echo "Installing system packages for the tests: ${missing[*]}"
run_as_root=()
if [ "$(id -u)" -ne 0 ]; then
	run_as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${run_as_root[@]}" apt-get update -qq
"${run_as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"
