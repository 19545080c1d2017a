"""Score boilerplate removal on scraped pages (built by ``build.py``): line level and token level.

Systems, in one table per split (dev, heldout):

* ``raw``: every line kept;
* ``c4``: the C4 line filter (Raffel et al. 2020: keep lines ending in terminal punctuation with at
  least 3 words, drop lines naming javascript or holding a curly brace);
* ``cleaner``: ``cleaner clean`` with only the SEO rules (what it removes, judged against the labels);
* ``trafilatura``: trafilatura on the HTML (token level only; an HTML-aware reference), when installed
  and BENCHMARK_DIR is given.

Line level: the share of boilerplate lines removed and of article lines kept. Token level: the
benchmark's own measure (F1 of 4-word shingles against the ground-truth body, precision and recall
averaged over pages). Also counted: pages the transcript detector flags (it must not).

Usage: python3 benchmarks/pages/evaluate.py [--split dev|heldout] [--benchmark BENCHMARK_DIR] [--show N]
"""
from __future__ import annotations

import argparse
import difflib
import gzip
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from cleaner.config import CleanerConfig  # noqa: E402
from cleaner.detectors.asr import AsrDetector  # noqa: E402
from cleaner.engine import Engine  # noqa: E402
from cleaner.model import Document  # noqa: E402

TERMINAL = re.compile(r"[.!?\"”’']$")


def c4_keep(line: str) -> bool:
    return bool(TERMINAL.search(line.strip())) and len(line.split()) >= 3 and "javascript" not in line.lower() \
        and "{" not in line


def shingles(text: str, n: int = 4) -> Counter:
    toks = re.findall(r"\w+", text.lower())
    return Counter(tuple(toks[i:i + n]) for i in range(max(len(toks) - n + 1, 1)))


def prf(true: str, pred: str) -> tuple[float, float]:
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp, fn = sum(p.values()) - tp, sum(t.values()) - tp
    precision = 1.0 if fp == fn == 0 else (tp / (tp + fp) if tp + fp else 0.0)
    recall = 1.0 if fp == fn == 0 else (tp / (tp + fn) if tp + fn else 0.0)
    return precision, recall


def kept_lines(lines: list[str], out: str) -> list[bool]:
    """Which input lines survive in the output (line removals only; edits inside a line count as kept)."""
    out_lines = out.split("\n")
    keep = [False] * len(lines)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, lines, out_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(i1, i2):
                keep[k] = True
        elif tag == "replace":
            for k in range(i1, i2):  # an edited line: kept when some output line is close to it
                keep[k] = any(difflib.SequenceMatcher(None, lines[k], o).ratio() > 0.6 for o in out_lines[j1:j2])
    return keep


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--benchmark", type=Path)
    ap.add_argument("--data", type=Path, default=HERE / "data")
    ap.add_argument("--show", type=int, default=0, help="print the first N wrong line decisions")
    args = ap.parse_args(argv)
    pages = sorted((args.data / args.split).glob("*.txt"))
    engine = Engine(CleanerConfig(select=("SEO",)))
    asr = AsrDetector()
    rows = {name: {"b_removed": 0, "b": 0, "a_kept": 0, "a": 0, "p": [], "r": []} for name in ("raw", "c4", "cleaner")}
    rows["trafilatura"] = {"p": [], "r": []}
    asr_pages = shown = 0
    for path in pages:
        text = path.read_text(encoding="utf-8").rstrip("\n")
        lines = text.split("\n")
        labels = path.with_suffix(".labels").read_text(encoding="utf-8").strip()
        body = path.with_suffix(".body").read_text(encoding="utf-8")
        finding = asr.detect(Document(text))
        asr_pages += bool(finding and finding.detected)
        out = engine.clean_one(text, path.stem).text
        decisions = {"raw": [True] * len(lines), "c4": [c4_keep(x) for x in lines], "cleaner": kept_lines(lines, out)}
        for name, keep in decisions.items():
            row = rows[name]
            for k, lab in zip(keep, labels):
                if lab == "B":
                    row["b"] += 1
                    row["b_removed"] += not k
                else:
                    row["a"] += 1
                    row["a_kept"] += k
            kept_text = out if name == "cleaner" else "\n".join(x for x, k in zip(lines, keep) if k)
            p, r = prf(body, kept_text)
            row["p"].append(p)
            row["r"].append(r)
            if name == "cleaner" and shown < args.show:
                for x, k, lab in zip(lines, keep, labels):
                    if (lab == "A") != k and shown < args.show:
                        shown += 1
                        print(f"  {path.stem[:8]} {'LOST' if lab == 'A' else 'KEPT'}: {x[:110]!r}")
        if args.benchmark is not None:
            try:
                import trafilatura
            except ImportError:
                continue
            html_text = gzip.decompress((args.benchmark / "html" / f"{path.stem}.html.gz").read_bytes()).decode(
                "utf-8", errors="replace")
            p, r = prf(body, trafilatura.extract(html_text) or "")
            rows["trafilatura"]["p"].append(p)
            rows["trafilatura"]["r"].append(r)
    print(f"{args.split}: {len(pages)} pages; transcript detector fires on {asr_pages}")
    print("| system | boilerplate lines removed | article lines kept | token P | token R | token F1 |")
    print("|---|---|---|---|---|---|")
    for name, row in rows.items():
        if not row["p"]:
            continue
        p, r = statistics.mean(row["p"]), statistics.mean(row["r"])
        lines_b = f"{100 * row['b_removed'] / row['b']:.1f}%" if row.get("b") else "n/a"
        lines_a = f"{100 * row['a_kept'] / row['a']:.1f}%" if row.get("a") else "n/a"
        print(f"| {name} | {lines_b} | {lines_a} | {p:.3f} | {r:.3f} | {2 * p * r / (p + r):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
