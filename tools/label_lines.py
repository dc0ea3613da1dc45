#!/usr/bin/env python3
"""Label each line of a rendered page K (article body) or D (boilerplate) against a gold body.

Both texts are reduced to word tokens (\\w+, case-folded; in scripts written without
spaces -- CJK, kana, Thai, ... -- each character is a token); the gold body is one token
sequence G. A line is K when most of its tokens appear, as a contiguous or nearly
contiguous run, in a part of G that no other line has used yet:

1. Long lines (>= 3 tokens). For every 3-token shingle of the line we look up its
   positions in G; shingles that agree on the offset (gold position - line position,
   within a small drift tolerance) form a cluster, and clusters that follow each other
   in both the line and G (<= 6 gold tokens apart) are joined into one placement. A
   placement is a candidate when it covers >= 50% of the line's shingles, or >= 80% of
   the gold paragraphs it spans (>= 10 shingles; a paragraph cut up by inline junk).
2. Alignment. Among all candidates we choose the monotone chain (line order = gold
   order, gold spans not overlapping) with the most covered gold tokens, preferring
   contiguous runs of lines and, on ties, the earlier copy. (Covered tokens, not a
   shingle count, so one hidden line holding the whole body does not beat its visible
   paragraphs.) Chosen lines are K and their gold is consumed, so a second copy of a
   paragraph (a "Highlights" box, a repeated article) finds its gold used and is D.
3. Out-of-order lines (a caption the gold puts elsewhere, ...): a long line left out of
   the chain is still K when >= 50% of its shingles hit gold positions not yet
   consumed (the multiset of remaining gold shingles); those positions are consumed.
4. Short lines (< 3 tokens) are K only when their token sequence occurs verbatim at
   unconsumed gold positions inside the gold gap between the neighbouring K lines
   (before the first / after the last K line the gap runs to the start / end of G),
   and, in addition, either the line is a whole gold line, or a gold paragraph starts
   with it, or it lies between two K lines.
5. Lines without any word token are D.

usage: label_lines.py --gold GROUND_TRUTH.json --dir TEXTSET_DIR
           writes TEXTSET_DIR/gold.json ({id: {"articleBody": ...}}) and
           TEXTSET_DIR/<id>.labels for every TEXTSET_DIR/<id>.txt with a gold entry
       label_lines.py PAGE.txt GOLD.txt      # prints "label<TAB>line" for one page
Standard library only.
"""
import bisect
import json
import pathlib
import re
import sys

# Word tokens; in scripts written without spaces (CJK, kana, Thai, ...; hangul too) every
# character is a token, so that "アプリKindle" and "アプリ Kindle" tokenise alike.
_CHAR_SCRIPTS = ("\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff"
                 "\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff")
TOKEN = re.compile(f"[{_CHAR_SCRIPTS}]|[^\\W{_CHAR_SCRIPTS}]+", re.UNICODE)
N = 3              # shingle length
MIN_SHARE = 0.5    # share of a line's shingles that must be found in the gold
OVERLAP_SLACK = 2  # tokens two consecutive chain spans may overlap (fuzzy edges)
GOLD_GAP = 6       # gold tokens that may be missing between two pieces of one line
PARA_SHARE = 0.8   # ... or share of the spanned gold paragraphs a line must cover
PARA_MIN = 10      # ... with at least this many shingles


def tokens(text):
    return [t.casefold() for t in TOKEN.findall(text)]


def shingle_list(toks):
    return [tuple(toks[i:i + N]) for i in range(len(toks) - N + 1)]


class Gold:
    def __init__(self, body):
        self.toks = tokens(body)
        self.used = [False] * len(self.toks)
        self.index = {}
        for p, sh in enumerate(shingle_list(self.toks)):
            self.index.setdefault(sh, []).append(p)
        # token start positions of gold lines/paragraphs, and their token tuples
        self.line_starts = {}   # start position -> token tuple of the gold line
        self.paras = []         # (start, end) token ranges of the gold lines
        pos = 0
        for raw in body.split("\n"):
            t = tokens(raw)
            if t:
                self.line_starts[pos] = tuple(t)
                self.paras.append((pos, pos + len(t)))
            pos += len(t)

    def para_shingles(self, a, b):
        """Shingle count of the gold lines overlapping the token range [a, b)."""
        return sum(max(1, e - s - N + 1) for s, e in self.paras if s < b and e > a)

    def free(self, a, b):
        return not any(self.used[a:b])

    def consume(self, a, b):
        for i in range(max(0, a), min(len(self.used), b)):
            self.used[i] = True


def candidates(line_toks, gold, respect_used=False):
    """Placements of a long line in the gold: list of (covered, start, end, positions),
    covered = number of gold tokens the matched shingles cover (the alignment weight:
    unlike a shingle count it does not favour one long line over the same text in
    several lines).

    Shingles agreeing on the offset (within a drift tolerance) form a cluster; clusters
    that follow each other both in the line and in the gold (gold gap <= GOLD_GAP tokens)
    are joined, so a gold paragraph interrupted by inline junk in the page (hover cards,
    link teasers) is one placement. A placement is accepted when it covers >= MIN_SHARE
    of the line's shingles, or when it covers >= PARA_SHARE of the gold paragraphs it
    spans (and at least PARA_MIN shingles)."""
    shs = shingle_list(line_toks)
    n = len(shs)
    tol = max(2, n // 10)
    pairs = []  # (offset, line shingle index, gold position)
    for i, sh in enumerate(shs):
        for p in gold.index.get(sh, ()):
            if respect_used and not gold.free(p, p + N):
                continue
            pairs.append((p - i, i, p))
    if not pairs:
        return []
    pairs.sort()
    clusters, cur = [], [pairs[0]]
    for pr in pairs[1:]:
        if pr[0] - cur[-1][0] <= tol:
            cur.append(pr)
        else:
            clusters.append(cur)
            cur = [pr]
    clusters.append(cur)
    maps = []
    for cl in clusters:
        # one gold position per line shingle: the one closest to the median offset
        offs = sorted(d for d, _, _ in cl)
        med = offs[len(offs) // 2]
        best = {}
        for d, i, p in cl:
            if i not in best or abs(p - i - med) < abs(best[i] - i - med):
                best[i] = p
        maps.append(best)
    maps.sort(key=lambda m: min(m.values()))
    groups = []  # each: dict line shingle index -> gold position
    for m in maps:
        lo_p, lo_i = min(m.values()), min(m)
        for g in groups:
            end_p, end_i = max(g.values()) + N, max(g)
            if end_p - OVERLAP_SLACK <= lo_p <= end_p + GOLD_GAP and lo_i > end_i:
                g.update(m)
                break
        else:
            groups.append(dict(m))
    out = []
    for g in groups:
        hits = len(g)
        positions = sorted(g.values())
        s, e = positions[0], positions[-1] + N
        if hits / n >= MIN_SHARE or (hits >= PARA_MIN and hits >= PARA_SHARE * gold.para_shingles(s, e)):
            covered = len({q for p in positions for q in range(p, p + N)})
            out.append((covered, s, e, positions))
    return out


def label(lines, gold_body):
    gold = Gold(gold_body)
    toks = [tokens(l) for l in lines]
    labels = ["D"] * len(lines)
    span = {}  # line index -> (start, end) in gold

    # 1-2. candidates of long lines, best monotone chain
    cands = []  # (line, hits, start, end, positions)
    for li, t in enumerate(toks):
        if len(t) >= N:
            for hits, s, e, pos in candidates(t, gold):
                cands.append((li, hits, s, e, pos))
    best = [0.0] * len(cands)
    prev = [-1] * len(cands)
    GAP = 1e-4  # penalty per line skipped between two chain members
    for j, (lj, hj, sj, ej, _) in enumerate(cands):
        best[j] = hj
        for i in range(j):
            li, hi, si, ei, _ = cands[i]
            if li < lj and sj >= ei - OVERLAP_SLACK and si < sj:
                v = best[i] + hj - GAP * (lj - li - 1)
                if v > best[j] + 1e-12:
                    best[j], prev[j] = v, i
    if cands:
        j = max(range(len(cands)), key=lambda k: (best[k], -k))
        chain = []
        while j >= 0:
            chain.append(j)
            j = prev[j]
        for j in reversed(chain):
            li, _, s, e, pos = cands[j]
            labels[li] = "K"
            span[li] = (s, e)
            for p in pos:
                gold.consume(p, p + N)

    # 3. long lines outside the chain, against the gold not yet consumed
    for li, t in enumerate(toks):
        if len(t) >= N and labels[li] == "D":
            cs = candidates(t, gold, respect_used=True)
            if cs:
                hits, s, e, pos = max(cs, key=lambda c: c[0])
                labels[li] = "K"
                span[li] = (s, e)
                for p in pos:
                    gold.consume(p, p + N)

    # 4. short lines, placed in the gold gap between their K neighbours
    k_lines = sorted(span)
    for li, t in enumerate(toks):
        if not t or len(t) >= N:
            continue
        k = bisect.bisect_left(k_lines, li)
        before = k_lines[k - 1] if k > 0 else None
        after = k_lines[k] if k < len(k_lines) else None
        lo = span[before][1] - OVERLAP_SLACK if before is not None else 0
        hi = span[after][0] + OVERLAP_SLACK if after is not None else len(gold.toks)
        between = before is not None and after is not None
        tt = tuple(t)
        for p in range(max(0, lo), max(0, hi - len(t) + 1)):
            if tuple(gold.toks[p:p + len(t)]) != tt or not gold.free(p, p + len(t)):
                continue
            gline = gold.line_starts.get(p)
            whole = gline == tt
            starts = gline is not None and gline[:len(t)] == tt
            if whole or starts or between:
                labels[li] = "K"
                span[li] = (p, p + len(t))
                gold.consume(p, p + len(t))
                break
    return labels


def build_textset(gold_path, out_dir):
    out_dir = pathlib.Path(out_dir)
    truth = json.load(open(gold_path, encoding="utf-8"))
    if isinstance(truth, dict) and set(truth) == {"version", "output"}:
        truth = truth["output"]
    pages = sorted(p for p in out_dir.glob("*.txt"))
    gold, nk, nd = {}, 0, 0
    for page in pages:
        pid = page.name[:-4]
        if pid not in truth:
            continue
        body = truth[pid].get("articleBody", "")
        gold[pid] = {"articleBody": body}
        lines = page.read_text(encoding="utf-8").splitlines()
        labels = label(lines, body)
        nk += labels.count("K")
        nd += labels.count("D")
        (out_dir / (pid + ".labels")).write_text("".join(l + "\n" for l in labels), encoding="utf-8")
    with open(out_dir / "gold.json", "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False, indent=0, sort_keys=True)
        f.write("\n")
    total = max(1, nk + nd)
    print(f"labelled {len(gold)} pages, {nk + nd} lines: K {nk} ({nk / total:.1%}), "
          f"D {nd} ({nd / total:.1%})", file=sys.stderr)


def main(argv):
    if len(argv) == 4 and argv[0] == "--gold" and argv[2] == "--dir":
        build_textset(argv[1], argv[3])
    elif len(argv) == 2 and not argv[0].startswith("-"):
        lines = pathlib.Path(argv[0]).read_text(encoding="utf-8").splitlines()
        body = pathlib.Path(argv[1]).read_text(encoding="utf-8")
        out = "".join(f"{lab}\t{line}\n" for lab, line in zip(label(lines, body), lines))
        sys.stdout.buffer.write(out.encode("utf-8"))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
