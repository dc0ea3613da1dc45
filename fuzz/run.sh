#!/usr/bin/env bash
# Runs both fuzz targets for SECONDS each, seeded from corpus/.
#   bash fuzz/run.sh BUILD_DIR SECONDS        (CI: 60 s each)
#   bash fuzz/run.sh build-asan 3600          (longer, by hand)
set -euo pipefail
build=${1:-build-asan}; secs=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/html" "$work/text"
# Seeds: a few pages and texts of the corpus, gunzipped, capped at 256 KiB each.
i=0
for f in "$root"/corpus/scrapinghub/html/*.html.gz; do
  [ -e "$f" ] || break
  { zcat "$f" 2>/dev/null || true; } | head -c 262144 >"$work/html/$i.html" || true  # head closes the pipe early
  i=$((i + 1)); [ $i -ge 40 ] && break
done
cp "$root"/corpus/seeds/*.txt "$work/text/" 2>/dev/null || true
i=0
for f in "$root"/corpus/textset/*.txt; do
  [ -e "$f" ] || break
  head -c 65536 "$f" >"$work/text/t$i.txt"; i=$((i + 1)); [ $i -ge 20 ] && break
done
for t in html text; do
  rc=0
  "$build/fuzz/fuzz_clean_$t" "$work/$t" -max_total_time="$secs" -max_len=262144 -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="$work/" >"$work/$t.log" 2>&1 || rc=$?
  grep -E "stat::number_of_executed_units|^Done|ERROR|SUMMARY" "$work/$t.log" || true
  if [ $rc -ne 0 ]; then
    echo "fuzz_clean_$t found a problem (exit $rc):"; tail -n 40 "$work/$t.log"; ls "$work"/crash-* "$work"/timeout-* "$work"/oom-* 2>/dev/null
    exit 1
  fi
done
