"""Spun-text detection: one score per document for how densely it uses an article spinner's wordings.

Evidence comes from two lexicons, weighed by how rarely honest text holds them:

* markers (weight 1): rows of ``spun_phrases.tsv`` flagged ``y`` and rows of ``spun_synonyms.tsv`` of
  kind ``marker`` ("international locations", "making an attempt", "final 12 months"): people
  essentially never write them;
* context phrases (0.4) and guarded ambiguous words (0.2) of ``spun_synonyms.tsv`` whose guards hold
  ("brand new", "amongst", "mentioned" in a reporting slot): an honest text holds a few, a spun
  one dozens.

The score is the weighted hits per 1,000 words; a document is spun when the score reaches
``MIN_SCORE`` and it shows at least ``MIN_DISTINCT`` distinct spun forms (one odd phrase repeated
is not a spinner's habit). Every SPN pack is gated on this one verdict.

Calibration (scripts/calibrate_spun.py, README "Spun text"): on 5,912 clean news articles (BBC
2004-05 and Reuters-21578) no article reaches score 6 with 6 distinct forms (one reaches 4), while
36 of 38 spun texts do (the seed 004, the hand-spun cases and articles; two short spun articles
whose swaps the lexicons do not know score under 4).
"""
from __future__ import annotations

import functools
import re
from collections import Counter

import ahocorasick

from ..lexicon import detector_lexicon, read_rows
from ..model import Document, Finding
from . import register_detector
from .base import Detector
from .spun_lexicon import spin_evidence

WORD = re.compile(r"\w+")
MIN_SCORE = 6.0  # weighted hits per 1,000 words ...
MIN_DISTINCT = 6  # ... and at least this many distinct spun forms


@functools.lru_cache(maxsize=2)
def marker_automaton(path) -> ahocorasick.Automaton:
    """Markers of ``spun_phrases.tsv`` (column 4 ``y``) plus those of ``spun_synonyms.tsv`` beside it
    (kind ``marker``), so every SPN pack is gated on the same evidence."""
    auto = ahocorasick.Automaton()
    for _, cols in read_rows(path, 4):
        if cols[3] == "y":
            _add_marker(auto, cols[0])
    synonyms = path.parent / "spun_synonyms.tsv"
    if synonyms.is_file():
        for _, cols in read_rows(synonyms, 4):
            if cols[3] == "marker":
                _add_marker(auto, cols[0])
    auto.make_automaton()
    return auto


def _add_marker(auto: ahocorasick.Automaton, marker: str) -> None:
    """A marker written with capitals ("Protection" for "Defence") matches only so written: in
    lowercase it is an ordinary word of honest text."""
    low = marker.lower()
    cased = {marker} if marker != low else set()
    if low in auto:
        old = auto.get(low)
        cased = set() if not old[1] or not cased else old[1] | cased  # any lowercase form: match any case
    auto.add_word(low, (low, frozenset(cased)))


def find_markers(text: str, auto: ahocorasick.Automaton) -> Counter:
    """Marker phrases found on word boundaries, with counts.

    >>> from cleaner.registry import rule_dirs
    >>> auto = marker_automaton(rule_dirs()[0] / "lexicons" / "spun_phrases.tsv")
    >>> dict(find_markers("Talks with international locations final 12 months.", auto))
    {'international locations': 1, 'final 12 months': 1}
    >>> dict(find_markers("Rules on data protection and worth of the analysis.", auto))
    {}
    """
    low = text.lower()
    found: Counter = Counter()
    if len(low) != len(text):
        return found
    for end, (key, cased) in auto.iter(low):
        start = end - len(key) + 1
        if (start == 0 or not low[start - 1].isalnum()) and (end + 1 == len(low) or not low[end + 1].isalnum()):
            written = text[start:end + 1]
            if cased and written not in cased:
                continue
            found[written if cased else key] += 1
    return found


def spin_score(text: str) -> tuple[float, int, Counter, dict[str, dict[str, int]]]:
    """(weighted hits per 1,000 words, distinct forms, marker hits, lexicon hits by row kind).

    >>> score, distinct, _, _ = spin_score("Talks with international locations stalled final 12 months.")
    >>> round(score), distinct
    (250, 2)
    """
    markers = find_markers(text, marker_automaton(detector_lexicon("spun_phrases.tsv")))
    _, found = spin_evidence(text)
    words = max(len(WORD.findall(text)), 1)
    marker_hits = max(sum(markers.values()), sum(found["marker"].values()))
    weighted = marker_hits + 0.4 * sum(found["phrase"].values()) + 0.2 * sum(found["word"].values())
    distinct_markers = {k.lower() for k in markers} | set(found["marker"])
    distinct = len(distinct_markers) + len(found["phrase"]) + len(found["word"])
    return 1000 * weighted / words, distinct, markers, found


@register_detector
class SpunDetector(Detector):
    kind = "spun"

    def detect(self, doc: Document) -> Finding | None:
        score, distinct, markers, found = spin_score(doc.text)
        if not distinct:
            return None
        ranked = [f"{k} x{v} (marker)" for k, v in markers.most_common(6)]
        ranked += [f"{f} x{n} ({kind})" for kind in ("phrase", "word")
                   for f, n in sorted(found[kind].items(), key=lambda x: -x[1])[:3]]
        reason = (f"spin_score: {len(found['marker']) + len(markers)} marker, {len(found['phrase'])} phrase, "
                  f"{len(found['word'])} word forms; {score:.1f} weighted per 1000 words")
        return Finding("spun", score, score >= MIN_SCORE and distinct >= MIN_DISTINCT, tuple(ranked[:10]), reason)
