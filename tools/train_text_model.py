#!/usr/bin/python3
"""Train text mode's line model (include/pith/text_model.hpp) and write it as a header.

Data: `pith_eval --dump-features` writes, for every line of corpus/seeds, corpus/textset and
corpus/wcxb-text, the model's inputs (text_model::inputs: the line's features, the rules'
verdicts, its neighbours') and the line's label (K main content / D not / E either). Lines
labelled E are left out.

Model: gradient-boosted regression trees (scikit-learn's HistGradientBoostingClassifier, TREES
trees of depth DEPTH, log loss). Trees rather than a logistic regression because the inputs
interact: a run of short title lines is chrome beside paragraphs and content on a listing page;
in cross-validation (5 folds by domain) the trees reach WCXB-text 0.856 at text-set 0.863, where two
stacked logistic regressions reached 0.845 at 0.859. Each page weighs the same in total (a line weighs 1/lines of its
page); the seeds weigh SEED_WEIGHT pages each, enough that the fitted model gets every seed line
right. The fit is deterministic: fixed random_state, no early stopping, one thread (the
histogram sums are parallel and a different thread count could change the last bits).

Size: each tree costs every line of every document a walk (text mode's time goes with TREES),
so the forest is the smallest that cross-validates as well as the 200 trees at rate 0.1 (keep
0.25, flip 0.37: WCXB-text 0.8568, text set 0.8616) it replaced. CV (WCXB-text, text set; seed
lines wrong: 0 in every row):
    keep 0.25 flip 0.37, rate 0.1:  50 trees 0.8390 0.8587   100 trees 0.8514 0.8600   150 trees 0.8565 0.8624
    keep 0.25 flip 0.37, rate 0.2:  60 trees 0.8539 0.8577    80 trees 0.8562 0.8604   100 trees 0.8576 0.8604   120 trees 0.8573 0.8614
    keep 0.25 flip 0.38, rate 0.2: 100 trees 0.8563 0.8630   120 trees 0.8551 0.8649

Decision (text_model::apply): a line the rules kept stays from probability kThreshold, a line
they dropped comes back from kFlipThreshold. The default run prints the cross-validated scores
and the seeds' mismatches for a grid of the two. Reproduce the header:
    /usr/bin/python3 tools/train_text_model.py --write
(threshold and flip default to KEEP_THRESHOLD and FLIP_THRESHOLD below).

Cross-validation: FOLDS folds split by group (the WCXB page's domain; the text-set page
itself), the seeds always in training. Reported overall and per fold: WCXB-text segment F1
(bench/segments.hpp's definition, without the duplicate step), text-set shingle F1; beside the
same numbers for the rules alone (the rule_keep input).

usage: train_text_model.py [--eval PATH/pith_eval] [--features TSV] [--folds N] [--seed-weight W]
                           [--threshold T] [--flip F] [--write]
  (no --write)  cross-validate and print the grid
  --write       fit on everything and write include/pith/detail/text_model_weights.hpp
Needs numpy and scikit-learn (Debian: python3-numpy python3-sklearn; run with /usr/bin/python3
when another python3 comes first).
"""
import argparse
import gzip
import os
import hashlib
import json
import pathlib
import re
import subprocess
from collections import defaultdict

import numpy as np

# One OpenMP thread, set before scikit-learn loads its runtime: the fitted trees are then the
# same on every machine (the histogram sums are split across threads otherwise).
os.environ["OMP_NUM_THREADS"] = "1"
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
HEADER = ROOT / "include" / "pith" / "detail" / "text_model_weights.hpp"
FOLDS = 5
SEED_WEIGHT = 80.0   # each seed page counts as this many pages: the seeds must stay exact
TREES = 100          # boosting rounds: CV's equal of 200 at rate 0.1 (with FLIP_THRESHOLD 0.38), at half the cost per line (docstring's table)
DEPTH = 3            # each tree combines at most three inputs: interactions, not memorised lines
LEARNING_RATE = 0.2  # shrinkage per tree: twice 0.1's step, so fewer trees reach the same fit
MIN_LEAF = 50        # a leaf holds at least this many lines: no rule from a handful of lines
L2 = 1.0             # ridge on leaf values: leaves with little weight stay near zero
KEEP_THRESHOLD = 0.25  # CV grid: the best WCXB-text score whose text-set score stays >= 0.86
FLIP_THRESHOLD = 0.38  # ... overturning a rule's drop takes more confidence (0.38: the 100 trees' CV on both sets at the 200 trees' level)
RULE_KEEP = 23       # index of the rules' keep verdict among the inputs
CHECK_ROWS = 8       # seed lines whose inputs and probability go into the header as a test of the C++ trees
TOK = re.compile(r"\w+")


# ---------------------------------------------------------------- data

def load_features(path):
    pages = {}  # (set, id) -> dict(group, lines, labels, X)
    with open(path, encoding="utf-8") as f:
        for row in f:
            parts = row.rstrip("\n").split("\t")
            key = (parts[0], parts[1])
            p = pages.get(key)
            if p is None:
                p = pages[key] = {"set": parts[0], "id": parts[1], "group": parts[2], "lines": [], "labels": [], "X": []}
            p["lines"].append(int(parts[3]))
            p["labels"].append(parts[4])
            p["X"].append([float(v) for v in parts[5:]])
    for p in pages.values():
        # The values C++ computes are floats; the dump prints them to 9 digits, which reads back as the
        # same float, so round to float: thresholds then split the exact values C++ compares.
        p["X"] = np.asarray(p["X"], dtype=np.float32).astype(np.float64)
        p["y"] = np.array([1.0 if c == "K" else 0.0 for c in p["labels"]])
        p["known"] = np.array([c in "KD" for c in p["labels"]])
    return list(pages.values())


def token_string(s):
    return " " + " ".join(TOK.findall(s.lower())) + " "


def attach_scoring(pages):
    """Rendered lines and the snippets (WCXB) or gold body (text set) each page is scored by."""
    have = {p["id"] for p in pages if p["set"] == "wcxbtext"}
    for gt in sorted((ROOT / "corpus" / "wcxb" / "ground-truth").glob("*.json")):
        if gt.stem not in have and (ROOT / "corpus" / "wcxb-text" / (gt.stem + ".txt.gz")).exists():
            if json.load(open(gt, encoding="utf-8"))["ground_truth"].get("with"):
                EMPTY_PAGES.append(gt.stem)
    tgold = json.load(open(ROOT / "corpus" / "textset" / "gold.json", encoding="utf-8"))
    for p in pages:
        if p["set"] == "wcxbtext":
            text = gzip.decompress((ROOT / "corpus" / "wcxb-text" / (p["id"] + ".txt.gz")).read_bytes()).decode("utf-8")
            g = json.load(open(ROOT / "corpus" / "wcxb" / "ground-truth" / (p["id"] + ".json"), encoding="utf-8"))["ground_truth"]
            p["with"] = [token_string(s) for s in g.get("with") or []]
            p["without"] = [token_string(s) for s in g.get("without") or []]
        elif p["set"] == "textset":
            text = (ROOT / "corpus" / "textset" / (p["id"] + ".txt")).read_text(encoding="utf-8")
            p["gold_shingles"] = shingles(tgold[p["id"]]["articleBody"])
        else:
            continue
        src = text.splitlines()
        p["text"] = [src[i] if i < len(src) else "" for i in p["lines"]]


def shingles(text, n=4):
    t = TOK.findall(text.lower())
    out = defaultdict(int)
    if not t:
        return out
    for i in range(max(1, len(t) - n + 1)):
        out[tuple(t[i:i + n])] += 1
    return out


def segment_pr(p, keep):
    out = token_string("\n".join(t for t, k in zip(p["text"], keep) if k))
    fw = sum(1 for s in p["with"] if len(s) > 1 and s in out)
    fwo = sum(1 for s in p["without"] if len(s) > 1 and s in out)
    prec = fw / (fw + fwo) if fw + fwo else 1.0
    return prec, fw / len(p["with"])


def shingle_pr(p, keep):
    g = p["gold_shingles"]
    s = shingles("\n".join(t for t, k in zip(p["text"], keep) if k))
    tp = sum(min(c, g.get(k, 0)) for k, c in s.items())
    fp = sum(max(0, c - g.get(k, 0)) for k, c in s.items())
    fn = sum(max(0, c - s.get(k, 0)) for k, c in g.items())
    if fp == fn == 0:
        return 1.0, 1.0
    prec = None if tp + fp == 0 else tp / (tp + fp)
    rec = None if tp + fn == 0 else tp / (tp + fn)
    return prec, rec


def f1_of(rows):
    ps = [r[0] for r in rows if r[0] is not None]
    rs = [r[1] for r in rows if r[1] is not None]
    P = sum(ps) / len(ps) if ps else 0.0
    R = sum(rs) / len(rs) if rs else 0.0
    return (2 * P * R / (P + R) if P + R else 0.0), P, R


EMPTY_PAGES = []  # WCXB pages whose rendered text has no line (nothing to dump): recall 0 for every system


def scores(pages, keeps, with_empty=True):
    seg = [segment_pr(p, k) for p, k in zip(pages, keeps) if p["set"] == "wcxbtext" and p["with"]]
    if with_empty:
        seg += [(1.0, 0.0)] * len(EMPTY_PAGES)
    shi = [shingle_pr(p, k) for p, k in zip(pages, keeps) if p["set"] == "textset"]
    return f1_of(seg)[0] if seg else None, f1_of(shi)[0] if shi else None


# ---------------------------------------------------------------- model

def page_weights(pages):
    ws = []
    for p in pages:
        k = p["known"].sum()
        base = (SEED_WEIGHT if p["set"] == "seeds" else 1.0) / max(1, k)
        ws.append(np.where(p["known"], base, 0.0))
    return ws


def train(pages):
    X = np.concatenate([p["X"] for p in pages])
    y = np.concatenate([p["y"] for p in pages])
    w = np.concatenate(page_weights(pages))
    m = w > 0
    assert np.isfinite(X[m]).all(), "text_model::inputs must be finite: the C++ trees have no missing-value branch"
    clf = HistGradientBoostingClassifier(max_iter=TREES, max_depth=DEPTH, learning_rate=LEARNING_RATE,
                                         min_samples_leaf=MIN_LEAF, l2_regularization=L2,
                                         early_stopping=False, random_state=0)
    clf.fit(X[m], y[m], sample_weight=w[m] * m.sum() / w[m].sum())  # weights scaled to mean 1 for min_samples_leaf
    return clf


def predict(p, clf):
    return clf.predict_proba(p["X"])[:, 1]


def below_or_equal_float(t):
    """The largest float32 <= t: for a float input x, x > t exactly when x > this float, so the C++
    trees can compare in float and still split every line as scikit-learn's double thresholds do."""
    f = np.float32(t)
    if float(f) > t:
        f = np.nextafter(f, np.float32(-np.inf), dtype=np.float32)
    return f


def perfect_trees(clf):
    """The fitted trees as complete binary trees of depth DEPTH, stored level by level (node k's
    children are 2k+1 and 2k+2), so that C++ walks each in DEPTH branch-free steps. A leaf reached
    early is padded with splits whose two sides end in the same value. Returns (base score,
    inputs [trees][inner], thresholds [trees][inner] as float32, leaves [trees][2**DEPTH])."""
    inner, n_leaves = 2 ** DEPTH - 1, 2 ** DEPTH
    inputs = np.zeros((len(clf._predictors), inner), dtype=np.int64)
    thresholds = np.zeros((len(clf._predictors), inner), dtype=np.float32)
    leaves = np.zeros((len(clf._predictors), n_leaves), dtype=np.float64)
    for t, (pred,) in enumerate(clf._predictors):
        nodes = pred.nodes

        def fill(nd, pos, depth):
            if depth == DEPTH:
                assert nodes[nd]["is_leaf"], "a tree deeper than DEPTH"
                leaves[t, pos - inner] = nodes[nd]["value"]
            elif nodes[nd]["is_leaf"]:  # padding: both ways lead to this leaf's value
                fill(nd, 2 * pos + 1, depth + 1)
                fill(nd, 2 * pos + 2, depth + 1)
            else:
                assert not nodes[nd]["is_categorical"]
                inputs[t, pos] = nodes[nd]["feature_idx"]
                thresholds[t, pos] = below_or_equal_float(float(nodes[nd]["num_threshold"]))
                fill(int(nodes[nd]["left"]), 2 * pos + 1, depth + 1)
                fill(int(nodes[nd]["right"]), 2 * pos + 2, depth + 1)
        fill(0, 0, 0)
    return float(np.ravel(clf._baseline_prediction)[0]), inputs, thresholds, leaves


def raw_scores(X, base, inputs, thresholds, leaves):
    """text_model::raw_score, in numpy (X as float32, as C++ has it): the check that the written
    trees are the fitted model."""
    X = X.astype(np.float32)
    rows = np.arange(len(X))
    z = np.full(len(X), base)
    for t in range(len(inputs)):
        pos = np.zeros(len(X), dtype=np.int64)
        for _ in range(DEPTH):
            pos = 2 * pos + 1 + (X[rows, inputs[t][pos]] > thresholds[t][pos])
        z += leaves[t][pos - (2 ** DEPTH - 1)]
    return z


# ---------------------------------------------------------------- CV

def fold_of(group):
    return int(hashlib.sha1(group.encode("utf-8")).hexdigest(), 16) % FOLDS


def cv_probs(pages):
    probs = [None] * len(pages)
    for k in range(FOLDS):
        clf = train([p for p in pages if p["set"] == "seeds" or fold_of(p["group"]) != k])
        for i, p in enumerate(pages):
            if p["set"] != "seeds" and fold_of(p["group"]) == k:
                probs[i] = predict(p, clf)
        print(f"  fold {k} fitted", flush=True)
    return probs


def decide(p, pr, t_keep, t_flip):
    """text_model::apply's decision (before its duplicate step)."""
    rule = p["X"][:, RULE_KEEP] > 0.5
    return np.where(rule, pr >= t_keep, pr >= t_flip)


def seeds_wrong(seeds, clf, t_keep, t_flip):
    return sum(int(((decide(p, predict(p, clf), t_keep, t_flip) != (p["y"] > 0.5)) & p["known"]).sum()) for p in seeds)


def cross_validate(pages, t_keep, t_flip):
    probs = cv_probs(pages)
    clf = train(pages)
    seeds = [p for p in pages if p["set"] == "seeds"]
    ev = [(p, pr) for p, pr in zip(pages, probs) if pr is not None]
    ps = [p for p, _ in ev]
    rules = scores(ps, [p["X"][:, RULE_KEEP] > 0.5 for p in ps])
    print(f"CV {FOLDS} folds by domain/page; rules alone: WCXB-text segment F1 {rules[0]:.4f}, textset shingle F1 {rules[1]:.4f}")
    for tk in (0.2, 0.25, 0.3, 0.35):
        for tf in (tk + 0.05, tk + 0.1, tk + 0.15):
            s = scores(ps, [decide(p, pr, tk, tf) for p, pr in ev])
            print(f"  keep {tk:.2f} flip {tf:.2f}: WCXB-text {s[0]:.4f} textset {s[1]:.4f}  seed lines wrong in-sample {seeds_wrong(seeds, clf, tk, tf)}")
    s = scores(ps, [decide(p, pr, t_keep, t_flip) for p, pr in ev])
    print(f"  chosen keep {t_keep:.2f} flip {t_flip:.2f}: WCXB-text {s[0]:.4f} textset {s[1]:.4f}  seed lines wrong in-sample {seeds_wrong(seeds, clf, t_keep, t_flip)}")
    fmt = lambda v: "  -   " if v is None else f"{v:.4f}"
    for k in range(FOLDS):
        fk = [(p, pr) for p, pr in ev if fold_of(p["group"]) == k]
        s = scores([p for p, _ in fk], [decide(p, pr, t_keep, t_flip) for p, pr in fk], False)
        r = scores([p for p, _ in fk], [p["X"][:, RULE_KEEP] > 0.5 for p, _ in fk], False)
        print(f"  fold {k}: {len(fk):4d} pages  model WCXB {fmt(s[0])} textset {fmt(s[1])}   rules WCXB {fmt(r[0])} textset {fmt(r[1])}")


# ---------------------------------------------------------------- header

def float_literal(v):
    """A C++ float literal that reads back as the same float ("1f" is not one)."""
    t = f"{float(v):.9g}"
    return (t if any(c in t for c in ".en") else t + ".0") + "f"


def write_header(clf, pages, threshold, flip):
    base, inputs, thresholds, leaves = perfect_trees(clf)
    # The written trees must be the fitted model: same additions in the same order.
    X = np.concatenate([p["X"] for p in pages[:50]])
    ref = clf._raw_predict(X).ravel()
    assert np.abs(raw_scores(X, base, inputs, thresholds, leaves) - ref).max() < 1e-12, "written trees disagree with scikit-learn"
    seeds = sorted((p for p in pages if p["set"] == "seeds"), key=lambda p: p["id"])
    rows = np.concatenate([p["X"] for p in seeds])
    pick = np.linspace(0, len(rows) - 1, CHECK_ROWS).round().astype(int)
    check_x = rows[pick]
    check_p = clf.predict_proba(check_x)[:, 1]
    n_pages, n_lines = len(pages), int(sum(p["known"].sum() for p in pages))
    trees = ",\n    ".join(
        "{{" + ", ".join(str(int(v)) for v in inputs[t]) + "}, {" + ", ".join(float_literal(v) for v in thresholds[t]) + "}, {"
        + ", ".join(repr(float(v)) for v in leaves[t]) + "}}" for t in range(len(inputs)))
    check_lines = ",\n    ".join("{" + ", ".join(float_literal(v) for v in row) + "}" for row in check_x)
    text = f"""// pith/detail/text_model_weights.hpp — GENERATED by tools/train_text_model.py --write; do not edit.
// {len(inputs)} gradient-boosted regression trees of depth {DEPTH} (learning rate {LEARNING_RATE}) over
// text_model::inputs, fitted on {n_pages} pages ({n_lines} labelled lines) of corpus/seeds,
// corpus/textset and corpus/wcxb-text.
#pragma once

#include <cstddef>
#include <cstdint>

namespace pith {{
namespace text_model {{
namespace detail {{

inline constexpr std::size_t kTreeDepth = {DEPTH};
inline constexpr std::size_t kTreeInner = (std::size_t{{1}} << kTreeDepth) - 1;
inline constexpr std::size_t kTreeLeaves = std::size_t{{1}} << kTreeDepth;

/// A complete binary tree stored level by level: inner node k sends a line to node 2k+1 when its
/// input number `input[k]` is <= `threshold[k]`, else to 2k+2; node kTreeInner + j is `leaf[j]`,
/// the amount the tree adds to the line's score.
struct Tree {{
  std::uint8_t input[kTreeInner];
  float threshold[kTreeInner];
  double leaf[kTreeLeaves];
}};

inline constexpr bool kTrained = true;
inline constexpr std::size_t kTextModelInputs = {clf.n_features_in_};
/// A line the rules kept stays when the model's probability reaches this (cross-validated choice).
inline constexpr float kThreshold = {threshold:.3f}f;
/// A line the rules dropped comes back from this probability (cross-validated, seeds exact).
inline constexpr float kFlipThreshold = {flip:.3f}f;
/// The score every line starts from (log-odds of main content in the training lines).
inline constexpr double kBaseScore = {base!r};
inline constexpr std::size_t kTrees = {len(inputs)};
inline constexpr Tree kForest[kTrees] = {{
    {trees}}};

/// Seed lines' inputs and the probability the trainer gave them: the C++ trees must agree.
inline constexpr std::size_t kCheckRows = {CHECK_ROWS};
inline constexpr float kCheckInputs[kCheckRows][kTextModelInputs] = {{
    {check_lines}}};
inline constexpr double kCheckProbabilities[kCheckRows] = {{{", ".join(repr(float(v)) for v in check_p)}}};

}}  // namespace detail
}}  // namespace text_model
}}  // namespace pith
"""
    HEADER.write_text(text, encoding="utf-8")
    print(f"wrote {HEADER.relative_to(ROOT)}: {len(inputs)} trees")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval", default=str(ROOT / "build" / "bench" / "pith_eval"))
    ap.add_argument("--features", help="an existing --dump-features TSV (default: run --eval)")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--folds", type=int, default=FOLDS)
    ap.add_argument("--threshold", type=float, default=KEEP_THRESHOLD)
    ap.add_argument("--flip", type=float, default=FLIP_THRESHOLD)
    ap.add_argument("--seed-weight", type=float, default=SEED_WEIGHT)
    a = ap.parse_args()
    globals()["FOLDS"] = a.folds
    globals()["SEED_WEIGHT"] = a.seed_weight
    path = a.features
    if not path:
        path = "/tmp/pith_text_model_features.tsv"
        subprocess.run([a.eval, "--corpus", str(ROOT / "corpus"), "--dump-features", path], check=True)
    pages = load_features(path)
    attach_scoring(pages)
    print(f"{len(pages)} pages, {sum(p['known'].sum() for p in pages)} labelled lines")
    if a.write:
        write_header(train(pages), pages, a.threshold, a.flip)
    else:
        cross_validate(pages, a.threshold, a.flip)


if __name__ == "__main__":
    main()
