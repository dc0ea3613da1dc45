#!/usr/bin/env bash
# End-to-end checks of the pith CLI: exit codes, stdin, gzip, -o DIR, and a
# batch with hostile files that must not stop the good ones.
set -u
: "${PITH:?path to the pith binary}" "${SRC:?source dir}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fails=$((fails + 1)); fi
}

"$PITH" --version >"$tmp/v" 2>&1; rc=$?
check "--version exits 0" test $rc -eq 0
check "--version names pith" grep -q '^pith ' "$tmp/v"
"$PITH" --no-such-flag >/dev/null 2>&1; rc=$?
check "unknown flag exits 2" test $rc -eq 2
"$PITH" --help >"$tmp/h" 2>&1; rc=$?
check "--help exits 0" test $rc -eq 0

seed="$SRC/corpus/seeds/004_527eed6de149b5d5.txt"
"$PITH" <"$seed" >"$tmp/stdin.out"; rc=$?
check "stdin text exits 0" test $rc -eq 0
check "stdin text keeps the body" grep -q 'NATO allies met on Friday in the North Atlantic Council' "$tmp/stdin.out"
check "stdin text drops chrome" bash -c "! grep -q 'Share this post' '$tmp/stdin.out'"

printf '<html><head><title>T</title></head><body><nav><a href="/">Home</a></nav><article><p>%s</p><p>%s</p></article></body></html>' \
  "The council met on Friday to discuss the budget, and members agreed that the new plan would be published next week after a final review." \
  "Officials said the changes were needed because the old rules had not been updated for more than ten years." >"$tmp/page.html"
gzip -c "$tmp/page.html" >"$tmp/page.html.gz"
"$PITH" "$tmp/page.html.gz" >"$tmp/gz.out"; rc=$?
check "gzip html exits 0" test $rc -eq 0
check "gzip html is cleaned" grep -q 'The council met on Friday' "$tmp/gz.out"
check "gzip html drops nav" bash -c "! grep -qx 'Home' '$tmp/gz.out'"
"$PITH" --format=json "$tmp/page.html" >"$tmp/page.json"; rc=$?
check "json exits 0" test $rc -eq 0
check "json has blocks" grep -q '"blocks"' "$tmp/page.json"

: >"$tmp/empty.txt"
head -c 4096 /dev/urandom >"$tmp/random.bin"
printf '\x89PNG\r\n\x1a\n' >"$tmp/image.png"; head -c 2000 /dev/urandom >>"$tmp/image.png"
"$PITH" -o "$tmp/out" "$tmp/page.html" "$tmp/missing.html" "$tmp/image.png" "$tmp/empty.txt" "$seed" 2>"$tmp/err"; rc=$?
check "batch with bad files exits 1" test $rc -eq 1
check "missing file named on stderr" grep -q 'missing.html' "$tmp/err"
check "binary file named on stderr" grep -q 'image.png' "$tmp/err"
check "good html still written" test -s "$tmp/out/page.html.txt"
check "seed still written" test -s "$tmp/out/004_527eed6de149b5d5.txt.txt"
check "empty file gives empty output" test -f "$tmp/out/empty.txt.txt" -a ! -s "$tmp/out/empty.txt.txt"
"$PITH" "$tmp/random.bin" >/dev/null 2>&1; rc=$?
check "random bytes: no crash (exit 0 or 1)" test $rc -le 1

"$PITH" --max-bytes 100 "$tmp/page.html" >/dev/null 2>"$tmp/err2"; rc=$?
check "--max-bytes refuses large input" test $rc -eq 1
head -c 3000000 /dev/zero | gzip -c >"$tmp/bomb.gz"
"$PITH" --max-bytes 1000000 "$tmp/bomb.gz" >/dev/null 2>"$tmp/err3"; rc=$?
check "gzip bomb stops at --max-bytes" test $rc -eq 1

"$PITH" -j 2 "$seed" "$tmp/page.html" "$seed" >"$tmp/order.out"; rc=$?
check "-j 2 exits 0" test $rc -eq 0
first=$(grep -n 'The council met on Friday' "$tmp/order.out" | head -1 | cut -d: -f1)
lastseed=$(grep -n 'NATO allies met on Friday in the North Atlantic' "$tmp/order.out" | tail -1 | cut -d: -f1)
check "-j 2 keeps input order" test "${first:-0}" -lt "${lastseed:-0}"

if [ "$fails" -eq 0 ]; then echo "cli: all checks passed"; exit 0; fi
echo "cli: $fails checks failed"; exit 1
