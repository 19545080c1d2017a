"""Has this prose lost its spaces and case (a scraper that dropped tags)? Function words glued to neighbours.

A live blog scraped with its tags dropped shows "andinjured", "ofthe", "inLondon" every few lines,
and along with them the other marks of markup lost: random capitals ("the Club believe") and
sentences that start in lowercase. Those two are ordinary style choices in edited text ("the
Government"), so the casing rules that repair them (TYP005, TYP006) run only where this detector
sees the glue: three or more glued function words, at two or more per 1,000 words.

Cheap: only tokens wordfreq has rarely seen (and a camelCase pattern) are segmented.
"""
from __future__ import annotations

from ..adapters import symspell_adapter as sym
from ..kinds.segment import CAMEL_GLUE, COMMON_GLUE_ZIPF, GLUE_EVIDENCE, glued_function_word, split_parts
from ..lang.vocab import zipf
from ..model import Document, Finding
from . import register_detector
from .base import Detector

MIN_GLUED = 3
MIN_PER_1000 = 2.0
MIN_WORDS = 50


@register_detector
class GluedDetector(Detector):
    kind = "glued"

    def detect(self, doc: Document) -> Finding | None:
        text = doc.text
        tokens = doc.words
        if len(tokens) < MIN_WORDS:
            return None
        kinds = {t for t in set(tokens) if len(t) >= 4 and t.islower() and not sym.unigram_count(t)
                 and zipf(t) < COMMON_GLUE_ZIPF and (parts := split_parts(t)) and glued_function_word(parts)}
        glued = [t for t in tokens if t in kinds]  # each distinct token judged once, dictionary words first
        camel = [m.group() for m in CAMEL_GLUE.finditer(text)
                 if m.group(1).lower().rstrip("'’s") in GLUE_EVIDENCE and zipf(m.group().lower()) == 0]
        found = glued + camel
        if not found:
            return None
        rate = 1000 * len(found) / len(tokens)
        return Finding("glued", round(rate, 2), len(found) >= MIN_GLUED and rate >= MIN_PER_1000,
                       (f"{len(found)} glued function words in {len(tokens)} words ({rate:.1f} per 1,000): "
                        + ", ".join(found[:6]),), "glued_words")
