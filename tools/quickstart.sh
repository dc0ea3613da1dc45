#!/usr/bin/env bash
# One command from a fresh Debian machine: install the packages, build pith,
# clean a bundled seed, and score pith on the bundled corpora.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
echo "== pith on a scraped seed (corpus/seeds/004_527eed6de149b5d5.txt) =="
build/pith corpus/seeds/004_527eed6de149b5d5.txt
echo
echo "== pith on the bundled corpora =="
build/bench/pith_eval --corpus corpus
