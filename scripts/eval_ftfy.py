"""Measure cleaner's default ``clean`` on ftfy's public test corpus (tests/data/ftfy_cases, Apache-2.0).

A case counts as matched when cleaner's output equals ftfy's ``fixed`` after both are folded the
same way: curly quotes to straight ones (ftfy uncurls them; cleaner keeps typographic quotes, which
are correct text) and NFC (ftfy normalises; cleaner never does, as NFD is not damage). Negative
cases (``negative.json``) must come back byte for byte unchanged apart from that folding.
Every default rule runs, as a user's ``cleaner clean`` would.

Usage: python3 scripts/eval_ftfy.py [--verbose] [--select MOJ]
"""
from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.config import CleanerConfig  # noqa: E402
from cleaner.engine import Engine  # noqa: E402

CASES = ROOT / "tests" / "data" / "ftfy_cases"
QUOTES = str.maketrans({"\u02bc": "'", "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})


def fold(text: str) -> str:
    """The comparison form: straight quotes, NFC."""
    return unicodedata.normalize("NFC", text.translate(QUOTES))


def load_cases() -> list[tuple[str, dict]]:
    return [(path.stem, case) for path in sorted(CASES.glob("*.json"))
            for case in json.loads(path.read_text(encoding="utf-8"))]


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    select = argv[argv.index("--select") + 1].split(",") if "--select" in argv else None
    engine = Engine(CleanerConfig(select=select) if select else CleanerConfig())
    matched: dict[str, list[int]] = {}
    for source, case in load_cases():
        out = engine.clean_one(case["original"], case["label"]).text
        ok = fold(out) == fold(case["fixed"])
        tally = matched.setdefault(source, [0, 0])
        tally[0] += ok
        tally[1] += 1
        if verbose and not ok:
            print(f"MISS [{source}] {case['label']}\n  in : {case['original']!r}\n  out: {out!r}\n"
                  f"  want: {case['fixed']!r}")
    for source, (ok, n) in matched.items():
        print(f"{source:16} {ok}/{n}")
    total_ok = sum(ok for ok, _ in matched.values())
    total = sum(n for _, n in matched.values())
    print(f"{'total':16} {total_ok}/{total}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
