#!/bin/sh
# Fresh Debian has python3 without the venv module; install it when we can.
PY="${1:-python3}"
if "$PY" -c 'import ensurepip, venv' 2>/dev/null; then exit 0; fi
echo "python3-venv is missing; installing it with apt-get" >&2
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv
