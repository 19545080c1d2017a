"""Repair rate on a published tortured-phrase list, three phrases to a paragraph.

The list (tortured form<TAB>established term, one pair a line) is not shipped: pass a copy of the
Problematic Paper Screener's public list or of the pairs in Cabanac, Labbé & Magazinov (2021),
arXiv:2107.06751. Each paragraph embeds three pairs in scientific prose; a pair counts as repaired
when the cleaned paragraph holds the established term where the tortured form was. Pairs already
rows of the tortured lexicons are reported apart ("known"): the rest measure the mechanism.

Usage: python3 scripts/eval_tortured.py PAIRS.tsv [--verbose]
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.config import CleanerConfig  # noqa: E402
from cleaner.engine import Engine  # noqa: E402
from cleaner.lexicon import read_rows  # noqa: E402

TEMPLATE = ("In this paper we propose a new method based on {0} for the analysis of sensor data. "
            "The experiments show that {1} improves the accuracy of the model, and we compare it with {2} "
            "on three public benchmarks. The results are discussed in Section 4.")


def main(argv: list[str]) -> int:
    pairs = [tuple(line.rstrip("\n").split("\t")[:2]) for line in Path(argv[0]).read_text(encoding="utf-8").splitlines()
             if "\t" in line and not line.startswith("#")]
    known = set()
    for name in ("tortured_phrases.tsv", "tortured_phrases_extra.tsv"):
        known |= {cols[0].lower() for _, cols in read_rows(ROOT / "rules" / "lexicons" / name, 2)}
    engine = Engine(CleanerConfig())
    hits = {"known": [0, 0], "new": [0, 0]}
    for i in range(0, len(pairs) - 2, 3):
        group = pairs[i:i + 3]
        text = TEMPLATE.format(*(p[0] for p in group))
        out = engine.clean_one(text, f"p{i}").text.lower()
        for tortured, term in group:
            bucket = hits["known" if tortured.lower() in known else "new"]
            bucket[1] += 1
            ok = term.lower() in out and tortured.lower() not in out
            bucket[0] += ok
            if "--verbose" in argv and not ok:
                print(f"  missed {tortured!r} -> {term!r}")
    for k, (ok, n) in hits.items():
        print(f"{k}: {ok}/{n} repaired ({100 * ok / max(n, 1):.0f}%)")
    total_ok, total = hits["known"][0] + hits["new"][0], hits["known"][1] + hits["new"][1]
    print(f"all: {total_ok}/{total} ({100 * total_ok / max(total, 1):.0f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
