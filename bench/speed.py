#!/usr/bin/env python3
"""The speed table of README's Performance section, in one run.

    python3 bench/speed.py --build build            (after: bash bench/install-peers.sh)

Measures on the 123 pages of corpus/scrapinghub, one machine, one run:
  * pith HTML mode and Gumbo's parse alone, single thread (build/bench/pith_speed);
  * pith text mode on corpus/textset (the same pages rendered to text);
  * readability-lxml (Debian's python3-readability) and Readability.js
    (npm's @mozilla/readability on jsdom), single thread, same decoded pages,
    when installed — each as a ratio to pith measured in this run;
  * the CLI's -j 1 against -j 2 wall time over corpus/wcxb + corpus/scrapinghub;
  * peak memory of one `pith FILE` per page, beside the page's size.
Times are the best of --rounds runs; ratios are what to quote.
"""
import argparse
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def best_of(rounds, fn):
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def pages(corpus):
    files = sorted((corpus / "scrapinghub" / "html").glob("*.html.gz"))
    return files, [gzip.open(f).read().decode("utf-8", "replace") for f in files]


def readability_lxml(html_pages, rounds):
    try:
        from readability import Document  # Debian: python3-readability
    except ImportError:
        return None

    def run():
        for h in html_pages:
            try:
                Document(h).summary()
            except Exception:  # readability raises on some pages; the time still counts
                pass

    return best_of(rounds, run)


def readability_js(files, rounds):
    js = ROOT / "bench" / "peers" / "readability_js.mjs"
    if not shutil.which("node") or not (ROOT / "bench" / "peers" / "node_modules" / "jsdom").is_dir():
        return None
    out = subprocess.run(["node", str(js), str(rounds)] + [str(f) for f in files], capture_output=True, text=True)
    if out.returncode != 0:
        print("Readability.js failed:", out.stderr[-500:], file=sys.stderr)
        return None
    return float(out.stdout.strip())


def cli_jobs(pith, inputs, jobs, rounds):
    """Best wall time of each -j value, the runs interleaved (-j 1, -j 2, -j 1, ...) so that a
    slow spell of a shared machine weighs on both sides of the ratio, not on one."""
    best = {j: float("inf") for j in jobs}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(rounds):
            for j in jobs:
                t0 = time.perf_counter()
                subprocess.run([pith, f"-j{j}", "-o", tmp] + inputs, check=True)
                best[j] = min(best[j], time.perf_counter() - t0)
    return best


def peak_memory(pith, files):
    """Peak RSS of `pith FILE` per page, less that of `pith` on an empty file."""
    # /usr/bin/time reports each process's own peak (getrusage of children
    # would give the running maximum over all of them).
    time_bin = shutil.which("time") or "/usr/bin/time"
    if not os.path.exists(time_bin):
        return None
    def one(path):
        r = subprocess.run([time_bin, "-f", "%M", pith, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        return int(r.stderr.strip().splitlines()[-1]) * 1024
    # The baseline: a one-sentence page with an accent, so that ICU's data
    # and the lexicons are loaded as for any page.
    with tempfile.NamedTemporaryFile(suffix=".html") as tiny:
        tiny.write("<p>The café council met on Friday to discuss the budget for next year.</p>".encode())
        tiny.flush()
        base = one(tiny.name)
    rows = []
    for f in files:
        size = len(gzip.open(f).read())
        rows.append((size, max(0, one(f) - base)))
    return base, rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--corpus", default=str(ROOT / "corpus"))
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    build, corpus = Path(a.build), Path(a.corpus)
    pith = str(build / "pith")

    s = json.loads(subprocess.run([str(build / "bench" / "pith_speed"), "--corpus", str(corpus), "--rounds", str(max(a.rounds, 3)), "--json"],
                                  check=True, capture_output=True, text=True).stdout)
    files, html_pages = pages(corpus)
    n, mb = s["html_pages"], s["html_mb"]
    rows = [("pith, HTML mode", s["pith_html_s"]), ("Gumbo parse alone (floor)", s["gumbo_s"])]
    t = readability_lxml(html_pages, max(1, a.rounds - 1))
    rows.append(("readability-lxml 0.8.1", t))
    t = readability_js(files, max(1, a.rounds - 1))
    rows.append(("Readability.js on jsdom", t))

    print(f"Single thread, {int(n)} pages of corpus/scrapinghub ({mb:.1f} MB), best of {a.rounds} rounds\n")
    print("| system | MB/s | docs/s | ms/page | pith is faster by |")
    print("|---|---:|---:|---:|---:|")
    for name, secs in rows:
        if secs is None:
            print(f"| {name} | not installed | | | |")
            continue
        print(f"| {name} | {mb / secs:.1f} | {n / secs:.0f} | {1000 * secs / n:.2f} | {secs / s['pith_html_s']:.1f}x |")
    print(f"| pith, text mode (corpus/textset, {s['text_mb']:.1f} MB) | {s['text_mb'] / s['pith_text_s']:.1f} | "
          f"{s['text_docs'] / s['pith_text_s']:.0f} | {1000 * s['pith_text_s'] / s['text_docs']:.3f} | |")

    inputs = [str(p) for p in sorted((corpus / "wcxb" / "html").glob("*.html.gz")) + files]
    best = cli_jobs(pith, inputs, (1, 2), a.rounds)
    j1, j2 = best[1], best[2]
    print(f"\nCLI over {len(inputs)} pages (wcxb + scrapinghub, .gz, -o DIR): -j 1 {j1:.2f} s, -j 2 {j2:.2f} s: "
          f"{j1 / j2:.2f}x on {os.cpu_count()} cores")

    mem = peak_memory(pith, files)
    if mem:
        base, per = mem
        ratios = [m / size for size, m in per if size]
        worst = max(per, key=lambda r: r[1])
        print(f"\nPeak memory of `pith FILE` above the {base / 2**20:.1f} MiB of a one-line page, per page: "
              f"median {statistics.median(ratios):.1f}x the page's size, max {max(ratios):.1f}x; "
              f"largest {worst[1] / 2**20:.1f} MiB for a {worst[0] / 2**20:.2f} MiB page")


if __name__ == "__main__":
    main()
