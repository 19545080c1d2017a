"""Spin evidence from the spinner lexicon: how densely a document uses the spinner's wordings.

Counts, per 1,000 words, the rows of ``rules/lexicons/spun_synonyms.tsv`` that match with their
guards holding: marker phrases weigh 1, context phrases 0.4, guarded ambiguous words 0.2 (an
honest text can hold a few of the latter, a spun one holds dozens). A document is flagged when
the weighted density reaches ``MIN_SCORE`` AND it shows enough *distinct* spun forms, so a short
clean sentence with one odd phrase ("amongst", "whereas") never qualifies.

Calibration (scripts/eval_spun_lexicon.py): clean text scores at most 1.0 on the seeds 000-003
and the licence texts in /usr/share/common-licenses; the spun seed 004 scores 54 and the
hand-spun cases 22-99. The thresholds sit well inside that gap. Gates the SPN2xx pack.
"""
from __future__ import annotations

import re

from ..lexicon import detector_lexicon
from ..model import Document, Finding
from ..spinner.lexicon import load
from . import register_detector
from .base import Detector

WORD = re.compile(r"\w+")
WEIGHTS = {"marker": 1.0, "phrase": 0.4, "word": 0.2}
MIN_SCORE = 10.0  # weighted hits per 1,000 words ...
MIN_DISTINCT = 6  # ... and at least this many distinct spun forms,
MIN_DISTINCT_WITH_MARKER = 4  # or this many when at least one is a marker phrase


def spin_evidence(text: str) -> tuple[float, dict[str, dict[str, int]]]:
    """(weighted hits per 1,000 words, {kind: {spun form: count}}).

    >>> score, found = spin_evidence("Talks with international locations stalled final 12 months.")
    >>> sorted(found["marker"]), score > 100
    (['final 12 months', 'international locations'], True)
    """
    path = detector_lexicon("spun_synonyms.tsv")
    found: dict[str, dict[str, int]] = {kind: {} for kind in WEIGHTS}
    weighted = 0.0
    for m in load(path).find(text):  # one pass over all rows: each position is judged once
        forms = found[m.entry.kind]
        key = m.entry.spun.lower()
        forms[key] = forms.get(key, 0) + 1
        weighted += WEIGHTS[m.entry.kind]
    words = max(len(WORD.findall(text)), 1)
    return 1000 * weighted / words, found


@register_detector
class SpunLexiconDetector(Detector):
    kind = "spun_lexicon"

    def detect(self, doc: Document) -> Finding | None:
        score, found = spin_evidence(doc.text)
        distinct = sum(len(v) for v in found.values())
        if not distinct:
            return None
        markers = len(found["marker"])
        detected = score >= MIN_SCORE and (distinct >= MIN_DISTINCT or
                                           (markers and distinct >= MIN_DISTINCT_WITH_MARKER))
        ranked = sorted(((n, f, k) for k, forms in found.items() for f, n in forms.items()),
                        key=lambda x: (x[2] != "marker", -x[0], x[1]))
        evidence = tuple(f"{f} x{n} ({k})" for n, f, k in ranked[:10])
        reason = (f"spinner_lexicon: {markers} marker, {len(found['phrase'])} phrase, "
                  f"{len(found['word'])} word forms; {score:.1f} weighted per 1000 words")
        return Finding("spun_lexicon", score, bool(detected), evidence, reason)
