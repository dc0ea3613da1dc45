#!/usr/bin/env bash
# Installs what pith needs to build, test and benchmark, from Debian packages.
# Safe to run twice; needs root (or sudo) on a Debian/Ubuntu machine.
set -euo pipefail
pkgs=(build-essential cmake pkg-config libgumbo-dev libicu-dev zlib1g-dev
      libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev libcli11-dev
      python3 clang libclang-rt-14-dev)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
