"""Shapes of single lines: prose, headline, label + value, bullet, wrapped continuation.

jusText classifies blocks by length, punctuation and link density; in plain
text only length, punctuation, case and neighbours are left, so these helpers
use exactly those. They never look at the lexicon.
"""
from __future__ import annotations

from typing import Sequence

import regex

BULLET = regex.compile(r"^[ \t]*(?:[•·▪►▸◦‣*+>»\-–—]|\d{1,2}[.)])[ \t]+")
WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*")
SENTENCE_END = regex.compile(r"(?<![.…])[.!?]['\"’”)\]]*\s*$")
ELLIPSIS_END = regex.compile(r"(?:\.{2,}|…)\s*$")
LABEL_VALUE = regex.compile(r"^[ \t]*([\p{L}][\p{L}\p{N} .'’&/()-]{0,40}?)[ \t]*:[ \t]*(.*?)[ \t]*$")
OPENING_QUOTE = tuple("\"'“‘«„")
FUNCTION_WORDS = frozenset("the a an of to in on and that was is are were has have had said for with by "
                           "from at as it he she they we who which this be been will would".split())


def strip_bullet(line: str) -> str:
    """The line without a list marker.

    >>> strip_bullet("  • Putin is in North Korea"), strip_bullet("2. Five settings")
    ('Putin is in North Korea', 'Five settings')
    """
    return BULLET.sub("", line, count=1).strip()


def has_bullet(line: str) -> bool:
    return BULLET.match(line) is not None


def word_list(text: str) -> list[str]:
    return WORD.findall(text)


TRAILING_INVISIBLE = regex.compile(r"[\s\p{Cf}]+$")


def ends_sentence(text: str) -> bool:
    """True when the text ends like a sentence (a full stop, ? or !, maybe before a closing quote).

    >>> ends_sentence('he said.'), ends_sentence('"Never," she added.”'), ends_sentence('Like Loading…')
    (True, True, False)

    Invisible format characters after the stop (a scraper keeps U+2063 or U+200B at a line's end) do not hide it:

    >>> ends_sentence('Stir to mix well.\u2063')
    True
    """
    text = TRAILING_INVISIBLE.sub("", text)
    return bool(SENTENCE_END.search(text)) and not ELLIPSIS_END.search(text)


def is_prose(text: str) -> bool:
    """A sentence with a verb, roughly: eight or more words, function words, a sentence ending.

    >>> is_prose("Read more about the plans in the report the council published in March.")
    True
    >>> is_prose("Zelensky makes one last trip to DC to meet with Biden and push Congress for help")
    False
    """
    words = word_list(text)
    if len(words) < 8 or not ends_sentence(text):
        return False
    return sum(w.lower() in FUNCTION_WORDS for w in words) >= 2


def starts_lower(text: str) -> bool:
    """True when the first letter of the text is lower case.

    >>> starts_lower("the report"), starts_lower("“The report"), starts_lower("1 juvenile dead")
    (True, False, False)
    """
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


def is_headline(text: str, max_words: int = 25) -> bool:
    """A headline-like line: short, not opening in lower case, not ending in a full stop.

    >>> is_headline("1 juvenile dead, 9 injured in St. Louis shooting, police say")
    True
    >>> is_headline("the council said it would appeal.")
    False
    """
    words = word_list(text)
    if not words or len(words) > max_words or starts_lower(text):
        return False
    stripped = text.rstrip()
    return not (stripped.endswith(".") and not ELLIPSIS_END.search(stripped))


def label_value(line: str, max_label_words: int = 4) -> tuple[str, str] | None:
    """Split a ``Label: value`` line; None when the line is not of that shape.

    >>> label_value("Birthday: 1993-07-01"), label_value("Last Updated:")
    (('Birthday', '1993-07-01'), ('Last Updated', ''))
    >>> label_value("Mr Kim said: the relationship is strong") is None
    True
    """
    m = LABEL_VALUE.match(line)
    if not m:
        return None
    label = m.group(1).strip()
    words = word_list(label)
    if not words or len(words) > max_label_words or starts_lower(label):
        return None
    if any(w.lower() in ("said", "says", "told", "added") for w in words):
        return None
    return label, m.group(2)


def opens_with_quote(text: str) -> bool:
    return text.lstrip().startswith(OPENING_QUOTE)


def is_wrapped_continuation(prev: str | None, line: str, nxt: str | None) -> bool:
    """True when ``line`` sits inside a hard-wrapped paragraph rather than standing alone.

    ``prev``/``nxt`` are the directly adjacent lines (None when a blank line or the
    text edge separates them). A long neighbour above that does not end a sentence,
    or a neighbour below that goes on in lower case, makes this line part of prose.

    >>> prev = "The Commissioners thank the staff for their work during a difficult winter and"
    >>> is_wrapped_continuation(prev, "Related works", None)
    True
    >>> is_wrapped_continuation("Leave a Reply", "Cancel reply", "Your email address will not be published.")
    False
    """
    if prev is not None and len(prev.strip()) >= 50 and not ends_sentence(prev) and not prev.rstrip().endswith(":"):
        return True
    if nxt is not None and starts_lower(nxt.strip()) and not has_bullet(nxt) and not ends_sentence(line):
        return True
    return False


def paragraph_prose(texts: Sequence[str], skip: set[int] | frozenset[int] = frozenset()) -> set[int]:
    """Lines of paragraphs (runs of adjacent non-blank lines) that read as prose when joined.

    Judging the paragraph, not the line, keeps hard-wrapped prose: a wrapped line seldom
    ends a sentence, but its paragraph does.

    >>> sorted(paragraph_prose(["The Commissioners thank the staff for their work", "during a difficult winter.",
    ...                         "", "END OF TERMS AND CONDITIONS"], set()))
    [0, 1]
    """
    out: set[int] = set()
    para: list[int] = []
    for i, line in enumerate([*texts, ""]):
        if WORD.search(line) and i not in skip:  # a line without words ("```", " *") ends a paragraph
            para.append(i)
            continue
        if para and is_prose(" ".join(texts[j].strip() for j in para)):
            out.update(para)
        para = []
    return out
