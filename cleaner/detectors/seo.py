"""Page furniture in plain text: how many groups of SEO boilerplate a document carries.

The finding goes at the top of the diff log, so a reader sees at a glance that a
document came from a page with related links, share bars or a fake profile. The
SEO rules themselves judge each line in context and do not need this gate.
"""
from __future__ import annotations

from ..model import Document, Finding
from ..seo.classify import classify
from ..seo.lines import CLASS_NAMES
from . import register_detector
from .base import Detector


@register_detector
class SeoDetector(Detector):
    kind = "seo"

    def detect(self, doc: Document) -> Finding | None:
        found = classify(doc.text)
        strong = found.strong()
        if not found.groups:
            return None
        evidence = tuple(f"{CLASS_NAMES[g.cls]}: {found.texts[g.first].strip()[:50]!r}"
                         + (f" (+{g.last - g.first} lines)" if g.last > g.first else "") for g in strong[:5])
        unsure = len(found.groups) - len(strong)
        if unsure:
            evidence += (f"{unsure} unsure group(s) left as suggestions",)
        return Finding("seo", float(len(strong)), bool(strong), evidence, "page_furniture")
