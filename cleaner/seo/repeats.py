"""Corpus-level evidence: lines repeated verbatim across many documents are site templates.

CCNet removes paragraphs that recur across a shard; here the same idea is kept
conservative, because news corpora repeat *prose* too (wire copy, shared quotes):
only lines of four words or more count, bylines, datelines, captions and
editorial notes never count, and a repeated line that reads as prose is only
suggested. The learner stores 8-byte hashes, so memory stays small on big corpora.
"""
from __future__ import annotations

import hashlib
from collections import Counter

import regex

from ..corpus import Learner, register_learner
from .shapes import strip_bullet, word_list

NAME = "seo_repeats"
MIN_WORDS = 4
DIGITS = regex.compile(r"\d")
NUMBER = regex.compile(r"(?<![\w.,])[-+(]?[$£€]?\d[\d.,:/%]*")
DATA_SHARE = 0.2  # a line whose words are this often numbers (two or more) is a data row, not a template
KEEP_SHAPES = regex.compile(
    r"^(?:by\s|live\s+reporting\s+by|reporting\s+by|written\s+by|additional\s+reporting|"
    r"(?:photo|picture|image|caption|pictured|credit|watch|video|listen|source)\s*:|"
    r"(?:this|the)\s+(?:story|article|post|report|page)\s+(?:has\s+been|was|will\s+be)\s+updated|"
    r"correction\b|clarification\b|editor'?s\s+note|update\b|updated\b)", regex.I)


def normalise(line: str) -> str:
    """CCNet's normalisation: case folded, digits as 0, spaces collapsed.

    >>> normalise("  Views: 5263 ") == normalise("views: 1234")
    True
    """
    return DIGITS.sub("0", " ".join(strip_bullet(line).split()).casefold())


def is_candidate(line: str) -> bool:
    """Lines that may count as template lines: four or more words, not a byline, caption or note.

    Digits are folded in the key (a counter: "Views: 5263"), so a line of several numbers would match
    every other row of its table: earnings ("Revs 291.8 mln vs 151.1 mln"), scores and team sheets
    are data, never templates.

    >>> is_candidate("Live reporting by Mark Wyatt"), is_candidate("Ask a question or make a comment")
    (False, True)
    >>> is_candidate("Revs 291.8 mln vs 151.1 mln"), is_candidate("Registered in England No. 4412")
    (False, True)
    """
    text = strip_bullet(line)
    words = len(text.split())
    if len(word_list(text)) < MIN_WORDS or KEEP_SHAPES.match(text):
        return False
    numbers = len(NUMBER.findall(text))
    return numbers < 2 or numbers < DATA_SHARE * words


def key(line: str) -> bytes:
    return hashlib.blake2b(normalise(line).encode("utf-8", "surrogatepass"), digest_size=8).digest()


@register_learner
class RepeatedLines(Learner):
    """Document frequency of candidate lines (each document counts a line once)."""

    name = NAME

    def __init__(self) -> None:
        self.counts: Counter[bytes] = Counter()

    def observe(self, doc_id: str, text: str) -> None:
        self.counts.update({key(line) for line in text.splitlines() if is_candidate(line)})

    def finish(self) -> dict[bytes, int]:
        return {k: n for k, n in self.counts.items() if n >= 2}
