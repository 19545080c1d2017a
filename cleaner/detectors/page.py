"""Is this document a scraped web page (every visible block of the page on a line of its own)?

The page rule (SEO012) judges each line against the page's article block; on an edited article,
where every line is a paragraph or a heading, that judgement has nothing to find and could only
do harm, so it runs only where the document has a page's shape (:func:`cleaner.seo.page_features.
page_shape`): many lines, most of them short non-sentences, in long menu-like runs, with lines
repeated on the page or legal and widget wording. The transcript detector asks the same question,
so that a menu's unpunctuated words are never taken for speech.
"""
from __future__ import annotations

from ..model import Document, Finding
from ..seo.page_features import page_shape
from . import register_detector
from .base import Detector


@register_detector
class PageDetector(Detector):
    kind = "page"

    def detect(self, doc: Document) -> Finding | None:
        shape = page_shape(doc.text)
        if shape is None:
            return None
        return Finding("page", shape.menu_share, shape.is_page, shape.evidence(),
                       "scraped_page" if shape.is_page else "not_a_page")
