"""Is this document technical (a changelog, a README, code documentation)? Many code characters.

Technical text names modules, packages and functions in lowercase ("mainloop", "searchengine",
"tempfile", "serde") that no dictionary knows and that look exactly like words run together or
misspelled. In news prose such names are rare, and the run-together and typo rules (SPC001,
TYP002) are safe there; in a technical document they only suggest.

The score is the number of characters that belong to code, paths, markup and handles
(``@ # / \\ < > { } = | _ ` ``) per whitespace-separated token, counted with ``str.count`` (about
7 ms per MB, so it costs nothing next to the rules). Measured: clean and damaged news (samples,
tests/cases, licence texts) at most 0.036; a changelog 0.085, a README 0.24, a package notice 0.47.
"""
from __future__ import annotations

from ..model import Document, Finding
from . import register_detector
from .base import Detector

CODE_CHARS = "@#/\\<>{}=|_`"
MIN_TOKENS = 200
MIN_SCORE = 0.06
REPORT_SCORE = 0.03  # below this the document gets no finding at all (nothing to report)


def code_chars_per_token(text: str) -> tuple[float, int]:
    """``(score, tokens)``.

    >>> code_chars_per_token("see `idlelib/mainloop.py` and test_main()")[0]
    1.0
    """
    tokens = sum(text.count(c) for c in " \n\t") + 1  # whitespace-separated tokens, counted without splitting
    codes = sum(text.count(c) for c in CODE_CHARS)
    return (codes / tokens if tokens else 0.0), tokens


@register_detector
class TechnicalDetector(Detector):
    kind = "technical"

    def detect(self, doc: Document) -> Finding | None:
        score, tokens = code_chars_per_token(doc.text)
        if tokens < MIN_TOKENS or score < REPORT_SCORE:
            return None
        return Finding("technical", round(score, 4), score >= MIN_SCORE,
                       (f"{score:.3f} code, path or markup characters per token over {tokens} tokens",),
                       "code_characters" if score >= MIN_SCORE else "prose")
