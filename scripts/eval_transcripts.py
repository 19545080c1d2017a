"""Measure transcript and run-together repair on ``tests/data/transcripts`` (dev and held-out apart).

Each case lists its damaged spots (``damage.tsv``: damaged, correct, kind, in text order). A
transcript (``t*``: ``caption.txt``) is cleaned with its companion article (``article.txt``) in the
corpus, as ``cleaner clean DIR`` would learn it; a run-together text (``r*``: ``damaged.txt``) with
the other texts of its half. A spot is repaired when the cleaned text reads the correct form there:
the smallest window around the spot that no applied change crosses, with every change inside it
applied, equals the original window with the spot replaced (spaces collapsed; letter case counts
for ``name`` and ``case`` spots only). Also counted: applied changes that touch no damaged spot
(each a possible damage to honest text) and honest phrases (``honest.tsv``) that did not survive.

Usage: python3 scripts/eval_transcripts.py [--split dev|heldout|all] [--verbose] [--kind KIND]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.config import CleanerConfig  # noqa: E402
from cleaner.corpus import learn  # noqa: E402
from cleaner.engine import Engine  # noqa: E402

DATA = ROOT / "tests" / "data" / "transcripts"
CASED = {"name", "case"}


def read_tsv(path: Path, columns: int) -> list[list[str]]:
    if not path.is_file():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            rows.append((cols + [""] * columns)[:columns])
    return rows


def locate(text: str, rows: list[list[str]]) -> list[tuple[int, int, str, str]]:
    """(start, end, correct, kind) of every damaged spot, found in order; a spot across a caption
    line break is found with the break read as a space."""
    flat = text.replace("\n", " ")
    out, pos = [], 0
    for damaged, correct, kind in rows:
        at = flat.find(damaged, pos)
        if at < 0:
            raise ValueError(f"damaged spot {damaged!r} not found after offset {pos}")
        out.append((at, at + len(damaged), correct, kind))
        pos = at + len(damaged)
    return out


def norm(text: str, cased: bool) -> str:
    text = " ".join(text.split())
    return text if cased else text.lower()


def judge(src: str, changes, spot: tuple[int, int, str, str], spots) -> bool:
    start, end, correct, kind = spot
    lo, hi = start, end
    grown = True
    while grown:  # widen to whole changes and whole words
        grown = False
        for c in changes:
            if c.start < hi and c.end > lo or (c.start == c.end and lo <= c.start <= hi):
                if c.start < lo or c.end > hi:
                    lo, hi, grown = min(lo, c.start), max(hi, c.end), True
    while lo > 0 and not src[lo - 1].isspace():
        lo -= 1
    while hi < len(src) and not src[hi].isspace():
        hi += 1
    inside = sorted((c for c in changes if lo <= c.start and c.end <= hi), key=lambda c: c.start)
    got, pos = [], lo
    for c in inside:
        got.append(src[pos:c.start] + c.after)
        pos = c.end
    got.append(src[pos:hi])
    expected, pos = [], lo  # every spot the window holds reads its correct form (one change may mend two)
    for s, e, right, _ in sorted(x for x in spots if lo <= x[0] and x[1] <= hi):
        expected.append(src[pos:s] + right)
        pos = e
    expected.append(src[pos:hi])
    return norm("".join(got), kind in CASED) == norm("".join(expected), kind in CASED)


def cases(split: str) -> list[Path]:
    halves = ("dev", "heldout") if split == "all" else (split,)
    return sorted(p for h in halves for p in (DATA / h).glob("*") if (p / "damage.tsv").is_file())


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=("dev", "heldout", "all"))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--kind", help="show only the missed spots of this kind")
    args = ap.parse_args(argv)
    engine = Engine(CleanerConfig())
    folders = cases(args.split)
    inputs = {f: (f / ("caption.txt" if f.name.startswith("t") else "damaged.txt")).read_text(encoding="utf-8")
              for f in folders}
    blog_corpus = learn([(f.name, t) for f, t in inputs.items() if f.name.startswith("r")])
    per_kind: dict[str, Counter] = {}
    stray = honest_lost = honest_total = 0
    for folder, src in inputs.items():
        if folder.name.startswith("t"):
            corpus = learn([(folder.name, src), (folder.name + "/article", (folder / "article.txt").read_text(encoding="utf-8"))])
        else:
            corpus = blog_corpus
        result = engine.clean_one(src, folder.name, corpus)
        changes = result.applied
        spots = locate(src, read_tsv(folder / "damage.tsv", 3))
        for spot in spots:
            ok = judge(src, changes, spot, spots)
            count = per_kind.setdefault(spot[3], Counter())
            count["spots"] += 1
            count["repaired"] += ok
            if not ok and (args.verbose or args.kind == spot[3]):
                print(f"  {folder.name} MISSED {spot[3]}: {src[spot[0]:spot[1]]!r} -> {spot[2]!r}")
        for c in changes:
            if not any(c.start < e and c.end > s or (c.start == c.end and s <= c.start <= e) for s, e, _, _ in spots):
                stray += 1
                if args.verbose:
                    print(f"  {folder.name} STRAY {c.rule}: {src[c.start:c.end]!r} -> {c.after!r}")
        for phrase, why in read_tsv(folder / "honest.tsv", 2):
            honest_total += 1
            if phrase not in result.text:
                honest_lost += 1
                print(f"  {folder.name} HONEST LOST: {phrase!r} ({why})")
    spots = sum(c["spots"] for c in per_kind.values())
    repaired = sum(c["repaired"] for c in per_kind.values())
    print(f"{args.split}: {len(folders)} cases, {spots} damaged spots, {repaired} repaired "
          f"({100 * repaired / max(spots, 1):.1f}%); {stray} applied changes outside any spot; "
          f"honest phrases kept {honest_total - honest_lost}/{honest_total}")
    for kind, c in sorted(per_kind.items()):
        print(f"  {kind:10s} {c['repaired']:4d}/{c['spots']:<4d} {100 * c['repaired'] / c['spots']:.0f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
