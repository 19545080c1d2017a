"""Measure the SPN packs on the hand-spun articles of ``tests/data/spun_articles`` (dev and held-out apart).

For each article the gold repairs are the word-level differences between ``spun.txt`` and
``original.txt``; the system's are those between ``spun.txt`` and the cleaned text, with only the
SPN rules on (``scripts/spun_score.py`` judges each over the smallest window both alignments
share). Also reported: the spun score of every article, and whether every honest use of a spinner
word (``honest.tsv``) survives. Run with ``--corpus`` to clean each half as one corpus (the corpus
pass then learns word pairs across articles, as a real run would).

Usage: python3 scripts/eval_spun_articles.py [--verbose] [--corpus]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from spun_score import _anchors, score  # noqa: E402

from cleaner.config import CleanerConfig  # noqa: E402
from cleaner.corpus import learn  # noqa: E402
from cleaner.detectors.spun import SpunDetector  # noqa: E402
from cleaner.engine import Engine  # noqa: E402
from cleaner.model import Document  # noqa: E402

DATA = ROOT / "tests" / "data" / "spun_articles"


def honest_phrases(folder: Path) -> list[str]:
    path = folder / "honest.tsv"
    if not path.is_file():
        return []
    return [line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def honest_kept_at(src: str, gold: str, out: str, phrase: str) -> bool:
    """Every place the original and the spun text share ``phrase`` still reads ``phrase`` after cleaning."""
    s, g, o = src.split(), gold.split(), out.split()
    ag, ao = _anchors(s, g), _anchors(s, o)
    words = phrase.split()
    n = len(words)
    for i in range(len(s) - n + 1):
        if [w.strip(".,;:!?\"“”'’") for w in s[i:i + n]] != [w.strip(".,;:!?\"“”'’") for w in words]:
            continue
        if i in ag and i + n in ag and g[ag[i]:ag[i + n]] == s[i:i + n]:  # an honest use, not a spun one
            if i not in ao or i + n not in ao or o[ao[i]:ao[i + n]] != s[i:i + n]:
                return False
    return True


def evaluate(engine: Engine, folders: list[Path], verbose: bool, as_corpus: bool) -> dict:
    totals = {"gold": 0, "repaired": 0, "system": 0, "right": 0}
    honest_kept = honest_total = 0
    scores = {}
    texts = [(f.name, (f / "spun.txt").read_text(encoding="utf-8")) for f in folders]
    corpus = learn(texts) if as_corpus else None
    for folder, (name, src) in zip(folders, texts):
        gold = (folder / "original.txt").read_text(encoding="utf-8")
        out = engine.clean_one(src, name, corpus=corpus).text
        result = score(src, gold, out)
        for key in totals:
            totals[key] += result[key]
        finding = SpunDetector().detect(Document(src))
        scores[name] = round(finding.score, 1) if finding else 0.0
        for phrase in honest_phrases(folder):
            honest_total += 1
            kept = honest_kept_at(src, gold, out, phrase)
            honest_kept += kept
            if verbose and not kept:
                print(f"  {name}: honest use changed: {phrase!r}")
        if verbose:
            words = src.split()
            for i, j in result["wrong"]:
                print(f"  {name}: wrong edit at {' '.join(words[max(0, i - 3):j + 2])!r}")
    totals["recall"] = round(totals["repaired"] / max(totals["gold"], 1), 3)
    totals["precision"] = round(totals["right"] / max(totals["system"], 1), 3)
    totals["honest_kept"] = f"{honest_kept}/{honest_total}"
    totals["spun_scores"] = scores
    return totals


def main(argv: list[str]) -> int:
    verbose, as_corpus = "--verbose" in argv, "--corpus" in argv
    engine = Engine(CleanerConfig(select=("SPN",)))
    report = {half: evaluate(engine, sorted(p for p in (DATA / half).iterdir() if p.is_dir()), verbose, as_corpus)
              for half in ("dev", "heldout")}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
