"""Stretches of text without punctuation (transcript-like) and sentences of edited prose.

Auto-captions run for hundreds of words with no full stop or comma; edited prose
rarely goes 40 words without one. The asr detector scores a document by the share
of its words in such runs, the casing rules act only inside them (so a clean
summary appended to a transcript keeps its capitals), and the corpus learner reads
names only from punctuated prose (so a captioner's random capitals teach nothing).
"""
from __future__ import annotations

import bisect
import functools
import re
import sys
from typing import Iterator

from .tokens import WORD_RE, Word, words

BREAK_RE = re.compile(r"[.!?;:,…\"“”()\[\]|•·–—]|\n[ \t]*\n")
SENTENCE_END_RE = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s|$)|\n[ \t]*\n")


def runs(text: str, min_words: int = 40) -> list[tuple[int, int, int]]:
    """``(start, end, words)`` of every stretch between punctuation with at least ``min_words`` words.

    >>> t = "Hello, world. " + "so we went there and " * 10 + "then. End"
    >>> [(w, t[s:s + 6]) for s, e, w in runs(t)]
    [(51, ' so we')]
    """
    out, pos = [], 0
    for m in [*BREAK_RE.finditer(text), None]:
        end = m.start() if m else len(text)
        n = len(WORD_RE.findall(text, pos, end)) if end - pos > min_words * 2 else 0
        if n >= min_words:
            out.append((pos, end, n))
        pos = m.end() if m else end
    return out


def inside(spans: list[tuple[int, int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies within one of ``spans`` (sorted and disjoint, as :func:`runs` gives them).

    A bisection, not a scan: a long transcript has thousands of runs and each of its words asks.

    >>> inside([(0, 5, 1), (10, 20, 2)], 12, 15), inside([(0, 5, 1), (10, 20, 2)], 4, 11)
    (True, False)
    """
    i = bisect.bisect_right(spans, (start, sys.maxsize, sys.maxsize)) - 1
    return i >= 0 and end <= spans[i][1]


@functools.lru_cache(maxsize=2)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`prose_sentences` as a tuple, remembered for the last two texts: the corpus pass's
    learners (names, entities, contexts) each read the sentences of the same document in turn (two,
    not more: a document may be megabytes long)."""
    return tuple(prose_sentences(text))


def prose_sentences(text: str) -> Iterator[tuple[int, int]]:
    """Sentences of punctuated paragraphs: each ends with . ! ? and is no longer than 80 words.

    >>> t = "The visit to Seoul ended. they met in pongyang and " * 1 + "x " * 90
    >>> [t[s:e] for s, e in prose_sentences(t)]
    ['The visit to Seoul ended.']
    """
    pos = 0
    for m in SENTENCE_END_RE.finditer(text):
        start, end = pos, m.end()
        pos = m.end()
        if not m.group().strip():
            continue
        chunk = text[start:end]
        n = len(WORD_RE.findall(chunk))
        if 2 <= n <= 80 and not runs(chunk, 40):
            lead = len(chunk) - len(chunk.lstrip())
            yield start + lead, end


def run_words(text: str, min_words: int = 40) -> list[Word]:
    """The word tokens inside the text's unpunctuated runs (:func:`runs`): a transcript's caption
    words, which the ASR kinds repair while the punctuated prose around them keeps its own."""
    spans = runs(text, min_words)
    return [w for w in words(text) if inside(spans, w.start, w.end)] if spans else []
