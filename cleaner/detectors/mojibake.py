"""Mojibake density: lines that ftfy's badness measure flags, per thousand characters."""
from __future__ import annotations

from ..adapters.ftfy_adapter import looks_like_mojibake
from ..model import Document, Finding
from . import register_detector
from .base import Detector


@register_detector
class MojibakeDetector(Detector):
    kind = "mojibake"

    def detect(self, doc: Document) -> Finding | None:
        text = doc.text
        if text.isascii():
            return None
        bad = [line for line in text.splitlines() if looks_like_mojibake(line)]
        if not bad:
            return None
        score = 1000 * len(bad) / max(len(text), 1)
        return Finding("mojibake", score, True, tuple(line.strip()[:60] for line in bad[:3]), "ftfy_is_bad")
