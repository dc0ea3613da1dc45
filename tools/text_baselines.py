#!/usr/bin/env python3
"""Baselines on the text-mode dev set (corpus/textset): which lines to keep.

  all     keep every line
  c4      the C4 line rules (Raffel et al. 2020, "Colossal Clean Crawled Corpus"):
          keep a line when it ends in a terminal punctuation mark (. ! ? optionally
          followed by closing quotes/brackets), has at least 3 words (white-space
          separated), does not contain "javascript" (any case) and contains no "{".
          The page-level C4 filters (5-sentence minimum, lorem ipsum, bad words, page
          dropped on "{") and the policy/cookie line filter are not applied.
  oracle  keep the lines labelled K in <id>.labels

The kept lines of each page are joined with newlines and written to
/tmp/pith_text_baselines/<name>.json ({id: {"articleBody": ...}}), then scored with
../shared/tools/shingle_f1.py against gold.json (4-token shingles, precision and recall
averaged over documents). The "segment" scores compare the kept lines with the K lines
of the .labels files: per document precision = |kept & K| / |kept|, recall =
|kept & K| / |K|, F1 from the two (every line counts once); each is averaged over
documents (precision over documents that keep something, recall over documents with
K lines, F1 over all documents, 1.0 when both sets are empty).

usage: text_baselines.py [--textset DIR] [--scorer PATH] [--out DIR]
Standard library only.
"""
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
TERMINAL = re.compile(r"[.!?][\"'”’»)\]]*$")


def c4_keep(line):
    line = line.strip()
    return (bool(TERMINAL.search(line)) and len(line.split()) >= 3
            and "javascript" not in line.lower() and "{" not in line)


BASELINES = {
    "all": lambda line, label: True,
    "c4": lambda line, label: c4_keep(line),
    "oracle": lambda line, label: label == "K",
}


def load_textset(d):
    pages = {}
    for txt in sorted(d.glob("*.txt")):
        pid = txt.name[:-4]
        lines = txt.read_text(encoding="utf-8").splitlines()
        labels = (d / (pid + ".labels")).read_text(encoding="utf-8").split()
        if len(labels) != len(lines):
            sys.exit(f"{pid}: {len(lines)} lines but {len(labels)} labels")
        pages[pid] = (lines, labels)
    return pages


def segment_scores(pages, keep):
    ps, rs, fs = [], [], []
    for lines, labels in pages.values():
        kept = [keep(l, y) for l, y in zip(lines, labels)]
        gold = [y == "K" for y in labels]
        tp = sum(k and g for k, g in zip(kept, gold))
        nk, ng = sum(kept), sum(gold)
        if nk:
            ps.append(tp / nk)
        if ng:
            rs.append(tp / ng)
        if nk == ng == 0:
            fs.append(1.0)
        else:
            fs.append(2 * tp / (nk + ng))
    mean = lambda xs: sum(xs) / len(xs) if xs else 0.0
    return mean(fs), mean(ps), mean(rs)


def main(argv):
    textset = ROOT / "corpus" / "textset"
    scorer = ROOT.parent / "shared" / "tools" / "shingle_f1.py"
    out = pathlib.Path("/tmp/pith_text_baselines")
    it = iter(argv)
    for a in it:
        if a == "--textset":
            textset = pathlib.Path(next(it))
        elif a == "--scorer":
            scorer = pathlib.Path(next(it))
        elif a == "--out":
            out = pathlib.Path(next(it))
        else:
            sys.exit(__doc__)
    pages = load_textset(textset)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, keep in BASELINES.items():
        pred = {pid: {"articleBody": "\n".join(l for l, y in zip(lines, labels) if keep(l, y))}
                for pid, (lines, labels) in pages.items()}
        path = out / f"{name}.json"
        path.write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    res = subprocess.run([sys.executable, str(scorer), str(textset / "gold.json"), *map(str, paths)],
                         capture_output=True, text=True, check=True)
    shingle = {}
    for row in res.stdout.splitlines()[1:]:
        f = row.split()
        if len(f) == 4:
            shingle[f[0]] = tuple(map(float, f[1:]))
    n_lines = sum(len(v[0]) for v in pages.values())
    n_k = sum(v[1].count("K") for v in pages.values())
    print(f"text-mode dev set: {len(pages)} pages, {n_lines} lines, {n_k} K ({n_k / n_lines:.1%})")
    print()
    print("| baseline | shingle F1 | shingle P | shingle R | segment F1 | segment P | segment R | lines kept |")
    print("|---|---|---|---|---|---|---|---|")
    for name, keep in BASELINES.items():
        f1, p, r = shingle[name]
        sf, sp, sr = segment_scores(pages, keep)
        kept = sum(keep(l, y) for lines, labels in pages.values() for l, y in zip(lines, labels))
        print(f"| {name} | {f1:.3f} | {p:.3f} | {r:.3f} | {sf:.3f} | {sp:.3f} | {sr:.3f} | {kept / n_lines:.1%} |")


if __name__ == "__main__":
    main(sys.argv[1:])
