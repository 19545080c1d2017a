"""The spun score's calibration curve: false positives on clean text, recall on spun text, per threshold.

Clean text: any folders of plain-text articles (the figures in the README used BBC News 2004-05 and
Reuters-21578, which are not shipped: their licences allow research use only) plus the originals of
tests/data/spun_articles. Spun text: the spun articles, the spun cases and seed 004.

Usage: python3 scripts/calibrate_spun.py [CLEAN_DIR ...]
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.detectors.spun import MIN_DISTINCT, spin_score  # noqa: E402

THRESHOLDS = (2, 4, 6, 8, 10, 15, 20)


def main(argv: list[str]) -> int:
    data = ROOT / "tests" / "data" / "spun_articles"
    clean = [p.read_text(encoding="utf-8", errors="replace") for d in argv for p in sorted(Path(d).iterdir())
             if p.is_file()]
    clean += [p.read_text(encoding="utf-8") for p in sorted(data.glob("*/*/original.txt"))]
    spun = [p.read_text(encoding="utf-8") for p in sorted(data.glob("*/*/spun.txt"))]
    spun += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "cases").glob("spun_*/input.txt"))]
    spun += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("004_*.txt"))]
    c = [spin_score(t)[:2] for t in clean]
    s = [spin_score(t)[:2] for t in spun]
    print(f"clean texts {len(c)}, spun texts {len(s)}; a text is flagged at score >= T with >= {MIN_DISTINCT} distinct forms")
    print("| T (weighted hits / 1,000 words) | clean flagged | spun flagged |")
    print("|---|---|---|")
    for t in THRESHOLDS:
        fp = sum(score >= t and d >= MIN_DISTINCT for score, d in c)
        tp = sum(score >= t and d >= MIN_DISTINCT for score, d in s)
        print(f"| {t} | {fp} ({100 * fp / max(len(c), 1):.2f}%) | {tp}/{len(s)} ({100 * tp / max(len(s), 1):.0f}%) |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
