"""The Detector protocol: look at a whole document, return a Finding, never edit.

Detectors decide which risky packs may run (a pack's ``requires: [spun]``),
as ftfy's ``is_bad`` gates decoding and datatrove filters return a reason.
"""
from __future__ import annotations

from typing import ClassVar

from ..model import Document, Finding


class Detector:
    """Subclasses set ``kind`` (the damage they detect) and implement :meth:`detect`."""

    kind: ClassVar[str] = ""

    def detect(self, doc: Document) -> Finding | None:
        raise NotImplementedError
