"""Turn an extraction benchmark's HTML pages into the plain text a naive scraper leaves, with line labels.

Source: Zyte's article-extraction-benchmark (https://github.com/scrapinghub/article-extraction-benchmark,
MIT licence): 181 news and blog pages with their ground-truth article body. Every visible block of a
page becomes one line (what `html2text`-less scrapers do: paragraphs, list items, headings, table
cells, menu entries, buttons); scripts, styles, templates and the head are dropped. Each line is
labelled ``A`` (article) when the ground-truth body holds it, else ``B`` (boilerplate). Pages CLD2
does not call English are left out. The pages' text belongs to their publishers, so the built data
is not committed: rebuild it from a checkout of the benchmark.

Usage: python3 benchmarks/pages/build.py BENCHMARK_DIR [OUT_DIR]   (OUT_DIR: benchmarks/pages/data)
Split: a page whose id starts with 0-7 is development, 8-f held out.
"""
from __future__ import annotations

import gzip
import html.parser
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from cleaner.lang.langid import identify  # noqa: E402

SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas", "math"}
BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "table",
         "section", "article", "header", "footer", "nav", "aside", "form", "figure", "figcaption", "blockquote",
         "pre", "dd", "dt", "dl", "main", "button", "option", "select", "label", "hr", "address", "details",
         "summary", "caption", "legend", "fieldset", "body", "html", "picture", "time"}
VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "base", "col", "embed", "track"}
NORM = re.compile(r"[^\w]+")


class NaiveScraper(html.parser.HTMLParser):
    """Visible text, one line per block element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.skip = 0

    def flush(self):
        text = " ".join("".join(self.buf).split())
        if text:
            self.lines.append(text)
        self.buf = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP and tag not in VOID:
            self.skip += 1
        elif tag in BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.buf.append(data)

    def close(self):
        super().close()
        self.flush()


def scrape(html_text: str) -> list[str]:
    parser = NaiveScraper()
    parser.feed(html_text)
    parser.close()
    return parser.lines


def norm(text: str) -> str:
    return " ".join(NORM.sub(" ", text.lower()).split())


def label(lines: list[str], body: str) -> list[str]:
    """``A`` for a line the article body holds (whole, or most of its word trigrams), else ``B``."""
    paragraphs = Counter(norm(p) for p in body.split("\n") if p.strip())
    flat = norm(body)
    words = flat.split()
    trigrams = {tuple(words[i:i + 3]) for i in range(len(words) - 2)}
    out = []
    for line in lines:
        n = norm(line)
        toks = n.split()
        if not toks:
            out.append("B")
        elif n in paragraphs or (len(toks) >= 4 and f" {n} " in f" {flat} "):
            out.append("A")
        elif len(toks) >= 6:
            grams = [tuple(toks[i:i + 3]) for i in range(len(toks) - 2)]
            out.append("A" if sum(g in trigrams for g in grams) >= 0.7 * len(grams) else "B")
        else:
            out.append("B")
    return _one_copy(lines, out, flat, paragraphs)


def _one_copy(lines: list[str], labels: list[str], flat: str, paragraphs: Counter) -> list[str]:
    """A line repeated on the page (a teaser of the title, the standfirst in a menu) is article only as
    many times as the body holds it: the copies nearest the article's other lines keep ``A``. A line
    that is one of the body's paragraphs (a heading) counts as often as that paragraph recurs, not as
    often as its words recur inside other paragraphs: a table of contents repeating "Dynamic Pricing"
    is not article because the prose mentions dynamic pricing."""
    centre = sorted(i for i, lab in enumerate(labels) if lab == "A")
    if not centre:
        return labels
    mid = centre[len(centre) // 2]
    copies: dict[str, list[int]] = {}
    for i, (line, lab) in enumerate(zip(lines, labels)):
        if lab == "A":
            copies.setdefault(norm(line), []).append(i)
    out = list(labels)
    for key, where in copies.items():
        room = max(1, paragraphs[key] or f" {flat} ".count(f" {key} "))
        for i in sorted(where, key=lambda k: abs(k - mid))[room:]:
            out[i] = "B"
    return out


def main(argv: list[str]) -> int:
    src = Path(argv[0])
    out = Path(argv[1]) if len(argv) > 1 else HERE / "data"
    out.mkdir(parents=True, exist_ok=True)
    truth = json.loads((src / "ground-truth.json").read_text(encoding="utf-8"))
    kept = 0
    for key, item in sorted(truth.items()):
        page = src / "html" / f"{key}.html.gz"
        if not page.is_file():
            continue
        html_text = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
        lines = scrape(html_text)
        text = "\n".join(lines)
        if identify(text).lang != "en":
            continue
        labels = label(lines, item.get("articleBody", ""))
        split = "dev" if key[0] in "01234567" else "heldout"
        (out / split).mkdir(exist_ok=True)
        (out / split / f"{key}.txt").write_text(text + "\n", encoding="utf-8")
        (out / split / f"{key}.labels").write_text("".join(labels) + "\n", encoding="utf-8")
        (out / split / f"{key}.body").write_text(item.get("articleBody", ""), encoding="utf-8")
        kept += 1
    print(f"{kept} English pages -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
