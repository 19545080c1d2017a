"""Measure the SPN packs: detection scores, lexicon size by domain, and recall/precision on cases.

For every ``tests/cases/spun_*/`` the gold repairs are the word-level differences between
``input.txt`` and ``expected.txt``; the system's are those between ``input.txt`` and the
cleaned output (SPN rules only). Recall = gold repairs made exactly / gold repairs; precision
= system repairs that are gold / system repairs. ``spun_heldout_*`` cases were written after
the lexicon and never tuned on; they are reported apart. Clean controls must not change.

Usage: python3 scripts/eval_spun.py [--verbose]
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_asr import edits  # noqa: E402  (word-level diff, shared with the ASR evaluation)

from cleaner.config import CleanerConfig  # noqa: E402
from cleaner.detectors.spun import SpunDetector  # noqa: E402
from cleaner.engine import Engine  # noqa: E402
from cleaner.lexicon import read_rows  # noqa: E402
from cleaner.model import Document  # noqa: E402

CASES = ROOT / "tests" / "cases"


def score(engine: Engine, cases: list[Path], verbose: bool) -> dict:
    gold_n = sys_n = hit = 0
    for case in cases:
        src = (case / "input.txt").read_text(encoding="utf-8")
        gold = edits(src, (case / "expected.txt").read_text(encoding="utf-8"))
        got = edits(src, engine.clean_one(src, case.name).text)
        gold_n, sys_n, hit = gold_n + len(gold), sys_n + len(got), hit + len(gold & got)
        if verbose:
            words = src.split()
            for e in sorted(got - gold):
                print(f"  {case.name}: wrong  {' '.join(words[e[0]:e[1]])!r} -> {' '.join(e[2])!r}")
            for e in sorted(gold - got):
                print(f"  {case.name}: missed {' '.join(words[e[0]:e[1]])!r} -> {' '.join(e[2])!r}")
    return {"cases": len(cases), "gold": gold_n, "system": sys_n, "correct": hit,
            "recall": round(hit / gold_n, 3) if gold_n else None,
            "precision": round(hit / sys_n, 3) if sys_n else None}


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    engine = Engine(CleanerConfig(select=("SPN",)))
    det = SpunDetector()
    seeds = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))}
    detection = {k: (lambda f: {"score": round(f.score, 2), "detected": f.detected} if f else None)(
        det.detect(Document(t))) for k, t in seeds.items()}
    domains = Counter(cols[2] for _, cols in read_rows(ROOT / "rules/lexicons/spun_phrases.tsv", 3))
    tuned = sorted(p for p in CASES.glob("spun_*") if p.is_dir() and "heldout" not in p.name)
    heldout = sorted(p for p in CASES.glob("spun_heldout_*") if p.is_dir())
    report = {"detection": detection, "phrase_entries_by_domain": dict(domains.most_common()),
              "phrase_entries": sum(domains.values()),
              "word_entries": len(read_rows(ROOT / "rules/lexicons/spun_words.tsv", 2)),
              "tortured_entries": len(read_rows(ROOT / "rules/lexicons/tortured_phrases.tsv", 2)),
              "tuned_cases": score(engine, tuned, verbose), "heldout_cases": score(engine, heldout, verbose)}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
