"""The document's language, and the lines of it that are in another one (cleaner/lang/langid.py).

``detected`` means "not (only) English": the finding is in every document record, and the engine
keeps English-only packs off a non-English document and off the foreign lines of an English one.
"""
from __future__ import annotations

from ..lang.langid import foreign_lines, identify
from ..lang.names import learnable
from ..model import Document, Finding
from . import register_detector
from .base import Detector


@register_detector
class LanguageDetector(Detector):
    kind = "language"

    def detect(self, doc: Document) -> Finding | None:
        if not doc.text.strip():
            return None
        # judged on the text as the character-level repairs will leave it (mojibake decoded), so a second
        # run, which starts from the repaired text, reaches the same verdict and changes nothing more
        text = learnable(doc.text)
        guess = identify(text)
        evidence = [f"{guess.lang} {guess.percent}% ({guess.how})"]
        if guess.english_share >= 0:
            evidence.append(f"common English words: {guess.english_share:.0%}")
        foreign = foreign_lines(text) if guess.is_english else []
        if foreign:
            langs = sorted({lang for _, _, lang in foreign})
            evidence.append(f"foreign lines: {len(foreign)} ({', '.join(langs)})")
        detected = not guess.is_english or bool(foreign)
        score = guess.percent / 100 if guess.reliable else 0.0
        return Finding("language", score, detected, tuple(evidence), guess.how, value=guess.lang)
