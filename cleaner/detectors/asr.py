"""Is this document an automatic transcript? Long unpunctuated runs, fillers, stutters, lowercase starts.

ASR-only rules (filler removal, stutter collapse, re-casing, misheard names) are
safe in a caption and harmful in prose ("Soul music", "er" as a surname), so they
``require: [asr]``. The score is the share of the document's words that sit in
runs of 40+ words with no punctuation at all; fillers ("uh", "um") and immediate
word repeats add evidence for transcripts that were auto-punctuated; five or more fillers at
three or more per hundred words are speech by themselves ("Um, so the, uh, minister"). A scraped
web page (the ``page`` detector's shape: menus, repeats, legal lines) is never a transcript.
"""
from __future__ import annotations

import re

from ..lang.regions import runs
from ..lang.tokens import WORD_RE
from ..model import Document, Finding
from ..seo.page_features import page_shape
from . import register_detector
from .base import Detector

FILLER_RE = re.compile(r"(?<![\w'’-])(?:uh|um|uhm|umm|uhh|erm)(?![\w'’-])", re.I)
STUTTER_RE = re.compile(r"\b(\w+)\s+\1\b", re.I)
LOWER_START_RE = re.compile(r"[.!?]\s+[a-z]")
MIN_RUN_WORDS = 100  # one caption run this long is already unlike prose
MIN_SHARE = 0.25
# Captions are lowercase but for names and "I" (the seeds' transcript: 14% capitalised). A run of words
# without punctuation that is a third Title Case is a scraped menu or a list of headlines, not speech.
MAX_RUN_CAPITALS = 0.25


@register_detector
class AsrDetector(Detector):
    kind = "asr"

    def detect(self, doc: Document) -> Finding | None:
        text = doc.text
        total = len(doc.words)
        if total < 30:
            return None
        long_runs = runs(text, 40)
        in_runs = sum(n for _, _, n in long_runs)
        share = in_runs / total
        fillers = len(FILLER_RE.findall(text))
        stutters = len(STUTTER_RE.findall(text))
        lower_starts = len(LOWER_START_RE.findall(text))
        per100 = 100 * (fillers + stutters) / total
        capitals = capitalised_share(text, long_runs)
        by_runs = in_runs >= MIN_RUN_WORDS and share >= MIN_SHARE and capitals <= MAX_RUN_CAPITALS
        dense = fillers >= 5 and 100 * fillers / total >= 3.0  # "Um, so the, uh, minister": auto-punctuated speech
        by_speech = fillers >= 3 and per100 >= 1.0 and (lower_starts >= 3 or share >= 0.1 or dense)
        if not (long_runs or fillers or stutters):
            return None
        page = page_shape(text)
        if page is not None and page.is_page:  # a menu's words are unpunctuated too, and never speech
            return Finding("asr", 0.0, False, ("a scraped web page, not a transcript", *page.evidence()), "scraped_page")
        score = min(1.0, share + per100 / 5)
        evidence = (f"{in_runs} of {total} words in {len(long_runs)} unpunctuated run(s) of 40+ words"
                    + (f", {capitals:.0%} of them capitalised" if long_runs else ""),
                    f"fillers {fillers}, repeated words {stutters}, lowercase sentence starts {lower_starts}")
        return Finding("asr", score, by_runs or by_speech, evidence,
                       "unpunctuated_transcript" if by_runs else "speech_fillers" if by_speech else "prose")


def capitalised_share(text: str, long_runs) -> float:
    """Share of the words of the unpunctuated runs that start with a capital letter.

    >>> capitalised_share("Home News Sport Weather", [(0, 23, 4)]), capitalised_share("so we met Kim", [(0, 13, 4)])
    (1.0, 0.25)
    """
    total = capitals = 0
    for start, end, _ in long_runs:
        found = WORD_RE.findall(text, start, end)
        total += len(found)
        capitals += sum(w[:1].isupper() for w in found)
    return capitals / total if total else 0.0
