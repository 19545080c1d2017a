"""Tortured-phrase detection: known fingerprints of paraphrased scientific text.

The fingerprints in ``rules/lexicons/tortured_phrases.tsv`` without a context guard (and the marker
rows of ``tortured_phrases_extra.tsv``) are essentially never written by scientists; one flags a
document. Measured: none of 5,936 clean news articles (BBC, Reuters-21578) and the 23 originals of
``tests/data/spun_articles`` holds a single one, while a paper-mill paragraph often holds just one.
"""
from __future__ import annotations

import functools

import ahocorasick

from ..lexicon import detector_lexicon, read_rows
from ..model import Document, Finding
from . import register_detector
from .base import Detector
from .spun import WORD, find_markers

MIN_DISTINCT = 1


@functools.lru_cache(maxsize=2)
def fingerprint_automaton(path) -> ahocorasick.Automaton:
    """Unguarded rows of ``tortured_phrases.tsv`` and unguarded marker rows of ``tortured_phrases_extra.tsv``
    beside it (SPN301's lexicon): a phrase either pack repairs is evidence for both."""
    auto = ahocorasick.Automaton()
    for _, cols in read_rows(path, 2):
        if len(cols) < 3 or not cols[2]:  # guarded rows are plain English too: no evidence alone
            key = cols[0].lower()
            auto.add_word(key, (key, frozenset()))  # the shape find_markers reads: (key, cased forms)
    extra = path.parent / "tortured_phrases_extra.tsv"
    if extra.is_file():
        for _, cols in read_rows(extra, 4):
            if cols[3] == "marker" and (len(cols) < 5 or not cols[4]):
                key = cols[0].lower()
                auto.add_word(key, (key, frozenset()))
    auto.make_automaton()
    return auto


@register_detector
class TorturedDetector(Detector):
    kind = "tortured"

    def detect(self, doc: Document) -> Finding | None:
        found = find_markers(doc.text, fingerprint_automaton(detector_lexicon("tortured_phrases.tsv")))
        if not found:
            return None
        words = max(len(WORD.findall(doc.text)), 1)
        hits = sum(found.values())
        return Finding("tortured", 1000 * hits / words, len(found) >= MIN_DISTINCT,
                       tuple(f"{k} x{v}" for k, v in found.most_common(8)),
                       f"tortured_phrases: {hits} hits, {len(found)} distinct")
