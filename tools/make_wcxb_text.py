#!/usr/bin/env python3
"""Build corpus/wcxb-text: the WCXB pages rendered to text as a naive scraper would, with line labels.

For every corpus/wcxb/html/<id>.html.gz:
  corpus/wcxb-text/<id>.txt.gz   the page rendered by tools/render_text.py (issue #2 §4), gzip
                                 (mtime 0, so the bytes are reproducible)
  corpus/wcxb-text/<id>.labels   one K/D per line: tools/label_lines.py against the page's
                                 ground_truth.main_content (K = the line is main content)
The `with` / `without` snippets that score text mode on this set stay in
corpus/wcxb/ground-truth/<id>.json (see tools/wcxb_segments.py and `pith_eval --set wcxbtext`).

usage: make_wcxb_text.py [--wcxb DIR] [--out DIR] [--jobs N]
Standard library only. WCXB is CC-BY-4.0 (Murrough Foley 2026); see corpus/wcxb/LICENSE.
"""
import argparse
import gzip
import json
import pathlib
import sys
from concurrent.futures import ProcessPoolExecutor

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import label_lines  # noqa: E402
import render_text  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent


def build_one(args):
    html_path, gt_path, out_dir = args
    pid = render_text.page_id(html_path)
    text = render_text.render_file(html_path)
    with open(out_dir / (pid + ".txt.gz"), "wb") as f:
        f.write(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    body = json.load(open(gt_path, encoding="utf-8"))["ground_truth"].get("main_content") or ""
    labels = label_lines.label(text.splitlines(), body)
    (out_dir / (pid + ".labels")).write_text("".join(l + "\n" for l in labels), encoding="utf-8")
    return labels.count("K"), labels.count("D")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wcxb", default=str(ROOT / "corpus" / "wcxb"))
    ap.add_argument("--out", default=str(ROOT / "corpus" / "wcxb-text"))
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    wcxb, out = pathlib.Path(a.wcxb), pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    jobs = []
    for html in sorted((wcxb / "html").glob("*.html.gz")):
        gt = wcxb / "ground-truth" / (render_text.page_id(html) + ".json")
        if gt.exists():
            jobs.append((html, gt, out))
    with ProcessPoolExecutor(max_workers=a.jobs) as ex:
        counts = list(ex.map(build_one, jobs, chunksize=8))
    nk = sum(c[0] for c in counts)
    nd = sum(c[1] for c in counts)
    print(f"rendered and labelled {len(jobs)} pages, {nk + nd} lines: K {nk}, D {nd}", file=sys.stderr)


if __name__ == "__main__":
    main()
