#!/usr/bin/env bash
# The peers bench/speed.py times beside pith: readability-lxml from Debian,
# Readability.js and jsdom from npm (into bench/peers/node_modules).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get install -y --no-install-recommends python3-readability >/dev/null
command -v npm >/dev/null || $sudo apt-get install -y --no-install-recommends nodejs npm >/dev/null
(cd "$here/peers" && npm install --no-audit --no-fund --silent)
