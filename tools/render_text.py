#!/usr/bin/env python3
"""Render an HTML page to plain text the way a naive scraper would.

- Visible text only: the contents of script, style, noscript, template, svg, iframe,
  select, title and everything inside <head> are skipped, as are HTML comments.
- One line per block-level element: a block-level start or end tag (p, div, li, h1-h6,
  td, th, tr, br, section, article, ...) ends the current line; inline text is
  concatenated as is.
- White space (any Unicode space, also inside <pre>) folds to single spaces; lines are
  trimmed; empty lines are dropped. Entities are decoded (html.parser, convert_charrefs).

Input is read as UTF-8 (errors="replace"); a .gz file is decompressed transparently.

usage: render_text.py IN.html[.gz] > OUT.txt
       render_text.py --dir IN_DIR --out OUT_DIR     # IN_DIR/<id>.html[.gz] -> OUT_DIR/<id>.txt
Standard library only.
"""
import gzip
import pathlib
import sys
from html.parser import HTMLParser

BLOCK = frozenset("""
    p div li h1 h2 h3 h4 h5 h6 td th tr br section article nav header footer aside main
    ul ol dl dt dd table thead tbody tfoot caption form fieldset figure figcaption
    blockquote pre address hr details summary dialog menu center body html
""".split())

# Elements whose whole content is invisible. "title" belongs to <head>; it is listed
# so that a stray title outside an explicit head is skipped as well.
SKIP = frozenset("script style noscript template svg iframe select title head".split())

# Tags that may legitimately appear inside <head>; any other start tag there means the
# author forgot </head>, and the head is closed implicitly (as an HTML5 parser would).
HEAD_CONTENT = frozenset("title meta link base style script noscript template object".split())

# Void elements never get an end tag, so they must not open a skip region.
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


class _Renderer(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines = []
        self.current = []
        self.open_skip = {}          # skip tag name -> open count

    def _skipping(self):
        return any(self.open_skip.values())

    def _break(self):
        if self.current:
            line = " ".join("".join(self.current).split())
            if line:
                self.lines.append(line)
            self.current = []

    def handle_starttag(self, tag, attrs):
        if self.open_skip.get("head") and tag not in HEAD_CONTENT:
            self.open_skip["head"] = 0                     # implicit </head>
        if tag == "body":
            self.open_skip["head"] = 0
        if tag in SKIP and tag not in VOID:
            self.open_skip[tag] = self.open_skip.get(tag, 0) + 1
            return
        if tag in BLOCK and not self._skipping():
            self._break()

    def handle_startendtag(self, tag, attrs):
        # <br/>, <svg/>, <iframe .../>: never opens a region.
        if tag in SKIP:
            return
        if tag in BLOCK and not self._skipping():
            self._break()

    def handle_endtag(self, tag):
        if tag in SKIP:
            if self.open_skip.get(tag):
                self.open_skip[tag] -= 1
            return
        if tag in BLOCK and not self._skipping():
            self._break()

    def handle_data(self, data):
        if not self._skipping():
            self.current.append(data)

    # comments, doctype, processing instructions, CDATA: nothing visible
    def handle_comment(self, data):
        pass

    def close(self):
        super().close()
        self._break()


def render_html(html):
    """HTML string -> list of text lines."""
    parser = _Renderer()
    parser.feed(html)
    parser.close()
    return parser.lines


def read_html(path):
    path = pathlib.Path(path)
    data = path.read_bytes()
    if path.suffix == ".gz" or data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def render_file(path):
    lines = render_html(read_html(path))
    return "".join(line + "\n" for line in lines)


def page_id(path):
    name = path.name
    for suffix in (".gz", ".html", ".htm"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name


def main(argv):
    if len(argv) == 4 and argv[0] == "--dir" and argv[2] == "--out":
        in_dir, out_dir = pathlib.Path(argv[1]), pathlib.Path(argv[3])
    elif len(argv) == 4 and argv[0] == "--out" and argv[2] == "--dir":
        in_dir, out_dir = pathlib.Path(argv[3]), pathlib.Path(argv[1])
    elif len(argv) == 1 and not argv[0].startswith("-"):
        sys.stdout.buffer.write(render_file(argv[0]).encode("utf-8"))
        return
    else:
        sys.exit(__doc__)
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = sorted(p for p in in_dir.iterdir()
                   if p.name.endswith((".html", ".htm", ".html.gz", ".htm.gz")))
    for p in pages:
        (out_dir / (page_id(p) + ".txt")).write_text(render_file(p), encoding="utf-8")
    print(f"rendered {len(pages)} pages to {out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
