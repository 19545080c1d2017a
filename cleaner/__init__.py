"""cleaner: find damaged text, repair it, and prove every change it made.

Public API::

    from cleaner import clean_text, clean_and_explain, CleanerConfig
    clean_text("Caf\u00c3\u00a9")            # -> "Café"
    result = clean_and_explain(text)   # CleanResult with .text, .changes, .profile
"""
from __future__ import annotations

__version__ = "0.1.0"

from .config import CleanerConfig  # noqa: E402


def clean_and_explain(text: str, config: CleanerConfig | None = None, doc_id: str = "-"):
    """Clean one text; return the :class:`cleaner.model.CleanResult` with every change explained."""
    from .engine import Engine

    return Engine(config or CleanerConfig()).clean_one(text, doc_id)


def clean_text(text: str, config: CleanerConfig | None = None) -> str:
    """Clean one text and return only the cleaned text."""
    return clean_and_explain(text, config).text


__all__ = ["CleanerConfig", "clean_and_explain", "clean_text", "__version__"]
