"""Repair words inside proper names that a spinner swapped ("Shin Gained-sik" -> "Shin Won-sik").

A spinner treats "Won", "Town" or "Center" inside a name like any word. A row of
``rules/lexicons/spun_name_parts.tsv`` names the swapped word and the *context* in which it
can only be a name part: inside a run of capitalised words (``org``), after a given name or
a title (``person``), before a surname (``first``), hyphen-joined to a lowercase syllable
of a Korean or Chinese given name (``syllable``), or capitalised inside a sentence (``cap``,
for words such as "Unbiased" that are never capitalised otherwise). Outside those contexts nothing changes.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import ahocorasick

from ..lexicon import read_rows, read_words
from ..registry import RulePackError
from .guards import Context, compile_guard

CONTEXTS = ("org", "person", "first", "syllable", "cap")
CONNECTORS = frozenset("of for and the on de du del della van von & at in".split())
STOP_CAPS = frozenset("""The A An In On At For But And If When As It He She They We I This That These Those His Her
    Their Its Our After Before While Since Although Though Because Why How What Who Where Which There Here So
    Yet Or Nor Then Also Meanwhile However Mr Mrs Ms Dr""".split())
TITLES = frozenset("""Mr Mrs Ms Miss Dr Sir Dame Lord Lady Prof Professor President Senator Sen Rep Governor Gov
    Mayor Judge Justice General Gen Captain Capt Colonel Col Lieutenant Lt Sergeant Sgt Rev Reverend Bishop
    Father Chancellor Minister Secretary Speaker Prince Princess King Queen Commissioner Ambassador Chairman
    Coach Manager Admiral Marshal Cardinal Pope Sheikh""".split())
WORD_BEFORE = re.compile(r"([A-Za-z][\w’'.-]*)\s+$")
WORD_AFTER = re.compile(r"^\s+([A-Za-z][\w’'.-]*)")
SYLLABLE_AFTER = re.compile(r"^-[a-z]{1,5}\b")
HYPHEN_NAME_AFTER = re.compile(r"^\s+[A-Z][a-z]{1,6}-[a-z]{1,5}\b")


@dataclass(frozen=True)
class NamePart:
    spun: str
    original: str
    context: str
    guard: str
    example: str
    line: int


def read_parts(path: Path) -> list[NamePart]:
    parts = []
    for line, cols in read_rows(path, 3):
        cols = tuple(cols) + ("",) * (5 - len(cols))
        if cols[2] not in CONTEXTS:
            raise RulePackError(f"{path}:{line}: context must be one of {', '.join(CONTEXTS)}")
        try:
            compile_guard(cols[3])
        except (ValueError, re.error) as exc:
            raise RulePackError(f"{path}:{line}: bad guard: {exc}") from None
        parts.append(NamePart(cols[0], cols[1], cols[2], cols[3], cols[4], line))
    return parts


def is_cap(word: str | None) -> bool:
    return bool(word) and word[0].isupper() and word not in STOP_CAPS


def neighbours(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The capitalised-name neighbours of a span, skipping one connector word ("Center for X").

    >>> neighbours("senior fellow at the Stimson Heart think-tank", 29, 34)
    ('Stimson', None)
    >>> neighbours("the Heart for Strategic Studies", 4, 9)
    (None, 'Strategic')
    """
    left = WORD_BEFORE.search(text[max(0, start - 40):start])
    prev = left.group(1) if left else None
    if prev and prev.lower() in CONNECTORS and left:
        more = WORD_BEFORE.search(text[max(0, start - 80):start - len(left.group(0))])
        prev = more.group(1) if more else None
    right = WORD_AFTER.match(text[end:end + 40])
    nxt = right.group(1) if right else None
    if nxt and nxt.lower() in CONNECTORS and right:
        more = WORD_AFTER.match(text[end + len(right.group(0)):end + 80])
        nxt = more.group(1) if more else None
    return (prev if is_cap(prev) else None), (nxt if is_cap(nxt) else None)


class NameRepairer:
    """All name-part rows, matched case-sensitively through one automaton."""

    def __init__(self, parts: list[NamePart], given: frozenset[str]):
        self.given = given
        self.automaton = ahocorasick.Automaton()
        table: dict[str, list[NamePart]] = {}
        for p in parts:
            table.setdefault(p.spun, []).append(p)
        for key, rows in table.items():
            self.automaton.add_word(key, (len(key), tuple(rows)))
        self.empty = not table
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text: str) -> Iterator[tuple[int, int, NamePart, str]]:
        if self.empty:
            return
        for end_idx, (length, rows) in self.automaton.iter(text):
            start, end = end_idx - length + 1, end_idx + 1
            if (start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-")) or \
                    (end < len(text) and text[end].isalnum()):
                continue
            for part in rows:
                why = self.context_holds(text, start, end, part.context)
                if why and compile_guard(part.guard)(Context(text, start, end)):
                    yield start, end, part, why
                    break

    def context_holds(self, text: str, start: int, end: int, context: str) -> str:
        """Why the span is a name part in ``context`` ("" when it is not)."""
        if context == "syllable":
            if SYLLABLE_AFTER.match(text[end:end + 8]):
                return "joined to a given-name syllable"
            if HYPHEN_NAME_AFTER.match(text[end:end + 20]):
                return "surname before a hyphenated given name"
            return ""
        left = WORD_BEFORE.search(text[max(0, start - 40):start])
        prev = left.group(1).rstrip(".") if left else None
        if context == "person":
            if prev in self.given or prev in TITLES:
                return f"after the given name or title {prev!r}"
            if prev and prev[0].isupper() and left:
                before = WORD_BEFORE.search(text[max(0, start - 80):start - len(left.group(0))])
                if before and before.group(1) in self.given:
                    return f"after the name {before.group(1)} {prev}"
            return ""
        if context == "first":
            nxt = WORD_AFTER.match(text[end:end + 40])
            return f"before the surname {nxt.group(1)!r}" if nxt and is_cap(nxt.group(1)) else ""
        if context == "cap":
            before = text[:start].rstrip(" \t\"“‘'(")
            return "" if not before or before[-1] in ".!?:\n" else "capitalised inside a sentence"
        span = text[start:end]
        if " " in span and all(w[:1].isupper() for w in span.split()):
            return f"the whole name {span!r}"
        prev_cap, next_cap = neighbours(text, start, end)
        if prev_cap or next_cap:
            return f"inside the name with {prev_cap or next_cap!r}"
        return ""


@functools.lru_cache(maxsize=4)
def load(path: Path, given_path: Path) -> NameRepairer:
    given = read_words(given_path) if given_path.is_file() else frozenset()
    return NameRepairer(read_parts(path), given)
