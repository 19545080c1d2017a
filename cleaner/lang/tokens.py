"""Words with offsets, and the spans no word-level rule may touch.

Rules split, join and respell words; they must never do so inside a URL, an
e-mail address, a handle, a hashtag, inline code, or a token glued to digits
("5mn", "$10bn", "13:45:01"). :func:`shielded` finds those spans once per text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
SHIELD_RE = re.compile(
    r"""(?:https?://|ftp://|www\.)\S+           # URLs
      | [\w.+-]+@[\w-]+(?:\.[\w-]+)+            # e-mail addresses
      | (?<![\w@])[@#][\w_]+                     # handles and hashtags
      | `[^`\n]*`                                # inline code
      | \b[\w-]+(?:\.[\w-]+)+(?:/\S*)?           # domains, dotted identifiers, file names, e.g.
      | \S*\d\S*                                 # anything glued to a digit: 5mn, $10bn, 13:45, F-16
      | \b\w*_\w*\b                              # snake_case identifiers
      | \b[a-z]+[A-Z]\w*\b                       # camelCase identifiers
      | \S*[/\\<>{}=|]\S*                        # paths, markup, code-ish tokens
    """, re.X)


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()


def words(text: str) -> list[Word]:
    """Letter words (inner apostrophes kept) with their offsets.

    >>> [w.text for w in words("Kim’s 5mn shells, don't")]
    ['Kim’s', 'mn', 'shells', "don't"]
    """
    return [Word(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


class Shield:
    """Sorted shielded spans of one text, with a fast overlap test."""

    def __init__(self, text: str):
        self.spans = [(m.start(), m.end()) for m in SHIELD_RE.finditer(text) if m.end() > m.start()]
        self.starts = [s for s, _ in self.spans]

    def covers(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` touches a shielded span.

        >>> s = Shield("mail jane.doe@example.org or see https://x.com/a_b now; $10bn and costingmore")
        >>> s.covers(5, 9), s.covers(0, 4), s.covers(67, 78)
        (True, False, False)
        """
        i = bisect.bisect_right(self.starts, end)
        return any(s < end and start < e for s, e in self.spans[max(0, i - 3):i])


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
