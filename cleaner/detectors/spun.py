"""Spun-text detection: how densely a document uses phrases only article spinners write.

Markers are the rows of ``rules/lexicons/spun_phrases.tsv`` flagged ``y`` ("international
locations", "making an attempt", "final 12 months"): people essentially never write them, so
even a few per thousand words mark a document as spun. Requiring several *distinct* markers
keeps one odd phrase in honest text ("on this planet") from flipping a document.
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

WORD = re.compile(r"\w+")
MIN_DISTINCT = 3  # distinct markers that flag a document of any length ...
MIN_DISTINCT_DENSE = 2  # ... or this many, when they are dense:
MIN_PER_1000_WORDS = 4.0


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


@register_detector
class SpunDetector(Detector):
    kind = "spun"

    def detect(self, doc: Document) -> Finding | None:
        auto = marker_automaton(detector_lexicon("spun_phrases.tsv"))
        markers = find_markers(doc.text, auto)
        if not markers:
            return None
        words = max(len(WORD.findall(doc.text)), 1)
        hits = sum(markers.values())
        score = 1000 * hits / words
        distinct = len(markers)
        detected = distinct >= MIN_DISTINCT or (distinct >= MIN_DISTINCT_DENSE and score >= MIN_PER_1000_WORDS)
        evidence = tuple(f"{k} x{v}" for k, v in markers.most_common(8))
        return Finding("spun", score, detected, evidence, f"spin_markers: {hits} hits, {distinct} distinct, {words} words")
