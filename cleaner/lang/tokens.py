"""Words with offsets, and the spans no word-level rule may touch.

Rules split, join and respell words; they must never do so inside a URL, an
e-mail address, a handle, a hashtag, inline code, or a token glued to digits
("5mn", "$10bn", "13:45:01"). :func:`shielded` finds those spans once per text.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re
from typing import NamedTuple

WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
TOKEN_RE = re.compile(r"\S+")
# A whitespace-delimited token is shielded whole when it looks like a URL, an address, a handle, a
# hashtag, code or a number: a digit or one of @ # / \ < > { } = | _ ` anywhere, "word.word", or camelCase.
SPECIAL_RE = re.compile(r"[\d@#/\\<>{}=|_`]|\w\.\w|[a-z][A-Z]")
CODE_RE = re.compile(r"`[^`\n]*`")
# "bitflags 2.13.2", "tempfile v3": a token followed by a version number is a package or program name.
VERSION_HINT_RE = re.compile(r"\d\.\d+\.\d|\sv\d")  # cheap pre-filter: most texts have no version number
VERSIONED_RE = re.compile(r"(?<!\S)[^\W\d_][\w.-]*(?=[ \t]+v?\d+\.\d+\.\d+(?![\w.])|[ \t]+v\d+(?:\.\d+)*(?![\w.]))")


class Word(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()


@functools.lru_cache(maxsize=8)
def words(text: str) -> list[Word]:
    """Letter words (inner apostrophes kept) with their offsets; cached, so callers must not mutate it.

    >>> [w.text for w in words("Kim’s 5mn shells, don't")]
    ['Kim’s', 'mn', 'shells', "don't"]
    """
    return [Word(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


class Shield:
    """Sorted shielded spans of one text, with a fast overlap test."""

    def __init__(self, text: str):
        spans = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text) if SPECIAL_RE.search(m.group())]
        spans += [(m.start(), m.end()) for m in CODE_RE.finditer(text)] if "`" in text else []
        spans += [(m.start(), m.end()) for m in VERSIONED_RE.finditer(text)] if VERSION_HINT_RE.search(text) else []
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.ends = [e for _, e in self.spans]
        self.reach = list(itertools.accumulate(self.ends, max))  # furthest end among spans so far

    def covers(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` touches a shielded span.

        >>> s = Shield("mail jane.doe@example.org or see https://x.com/a_b now; $10bn and costingmore")
        >>> s.covers(5, 9), s.covers(0, 4), s.covers(67, 78)
        (True, False, False)
        >>> s = Shield("- bitflags 2.13.2 and zerocopy v0.7; costingmore 2.5bn")
        >>> s.covers(2, 10), s.covers(23, 31), s.covers(37, 48)
        (True, True, False)
        """
        i = bisect.bisect_left(self.starts, end)
        return i > 0 and self.reach[i - 1] > start


@functools.lru_cache(maxsize=8)
def shield(text: str) -> Shield:
    """The :class:`Shield` of a text, cached across the rules of one pass."""
    return Shield(text)


def plain_word(text: str, w: Word) -> bool:
    """A word bounded by spaces or ordinary punctuation, not glued to digits, hyphens or symbols.

    >>> t = "e-mail costingmore x@y 5mn"
    >>> [plain_word(t, w) for w in words(t)]
    [False, False, True, False, False, False]
    """
    before = text[w.start - 1] if w.start else " "
    after = text[w.end] if w.end < len(text) else " "
    return before not in "-@#_/\\.&+" and not before.isalnum() and after not in "-@_/\\&+" and not after.isalnum() \
        and not (after == "." and w.end + 1 < len(text) and text[w.end + 1].isalnum())
