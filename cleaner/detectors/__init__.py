"""Registry of document-level detectors: kind -> class. Every module here is imported on first use."""
from __future__ import annotations

import importlib
import pkgutil

from ..model import Document, Finding, Profile
from .base import Detector

DETECTORS: dict[str, type[Detector]] = {}
_loaded = False


def register_detector(cls: type[Detector]) -> type[Detector]:
    if not cls.kind:
        raise TypeError(f"{cls.__name__} has no kind")
    DETECTORS[cls.kind] = cls
    return cls


def all_detectors() -> list[Detector]:
    global _loaded
    if not _loaded:
        _loaded = True
        for info in pkgutil.iter_modules(__path__):
            if info.name != "base":
                importlib.import_module(f"{__name__}.{info.name}")
    return [DETECTORS[k]() for k in sorted(DETECTORS)]


def profile_document(doc: Document, detectors: list[Detector] | None = None) -> Profile:
    """Run every detector on ``doc``; findings go at the top of the diff log."""
    findings: dict[str, Finding] = {}
    for det in detectors if detectors is not None else all_detectors():
        finding = det.detect(doc)
        if finding is not None:
            findings[finding.kind] = finding
    return Profile(findings)


__all__ = ["DETECTORS", "Detector", "all_detectors", "profile_document", "register_detector"]
