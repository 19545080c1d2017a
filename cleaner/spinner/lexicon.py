"""Load the spinner lexicon (``rules/lexicons/spun_synonyms.tsv``) and find guarded matches.

One Aho-Corasick automaton holds every row, keyed by the lowercased spun form, so the cost
per document does not grow with the lexicon. At each position the longest row whose case
rule and guard hold wins; a shorter row starting there is the fallback when the longer one's
guard fails ("p.c." before a word, else "p.c").
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import ahocorasick

from ..lexicon import read_rows
from ..registry import RulePackError
from .guards import Context, compile_guard

KINDS = ("marker", "phrase", "word")
ARTICLE_BEFORE = re.compile(r"(?<![\w’'-])([Aa]n?|AN)( )$")
AN_EXCEPTIONS = re.compile(r"^(?:uni|use|usu|uti|ura|eu|ewe|one|once|ukr|uk\b|us\b|u\.)", re.IGNORECASE)
SMALL_WORDS = frozenset("of and the for in on at to a an".split())
SILENT_H = re.compile(r"^(?:hour|honest|honou?r|heir)", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    spun: str
    original: str
    domain: str
    kind: str
    guard: str
    example: str
    line: int

    @property
    def exact_case(self) -> bool:
        return self.spun != self.spun.lower()


def needs_an(word: str) -> bool:
    """Whether a word takes "an" (by its first sound, roughly).

    >>> needs_an("important"), needs_an("real"), needs_an("hour"), needs_an("university")
    (True, False, True, False)
    """
    if SILENT_H.match(word):
        return True
    return word[:1].lower() in "aeiou" and not AN_EXCEPTIONS.match(word)


def transfer_case(source: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation of ``source`` (sentence case, all caps, title case).

    >>> transfer_case("Making an attempt", "trying"), transfer_case("WARFARE", "war")
    ('Trying', 'WAR')
    >>> transfer_case("Inventory Trade", "stock exchange"), transfer_case("Rule Of Regulation", "rule of law")
    ('Stock Exchange', 'Rule of Law')
    """
    letters = [ch for ch in source if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return replacement.upper()
    words = source.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words if w.lower() not in SMALL_WORDS):
        return " ".join(w if i and w in SMALL_WORDS else w[:1].upper() + w[1:]
                        for i, w in enumerate(replacement.split(" ")))
    if source[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def read_entries(path: Path, check_guards: bool = True) -> list[Entry]:
    """Rows of a spinner lexicon. ``check_guards`` compiles every guard now (tests, ``make check-rules``);
    at run time guards compile on first use, so a clean file's pre-commit check does not pay for them."""
    entries = []
    for line, cols in read_rows(path, 4):
        cols = tuple(cols) + ("",) * (6 - len(cols))
        spun, original, domain, kind, guard, example = cols[:6]
        if kind not in KINDS:
            raise RulePackError(f"{path}:{line}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
        if kind == "word" and not guard:
            raise RulePackError(f"{path}:{line}: a 'word' row needs a guard")
        if check_guards:
            try:
                compile_guard(guard)
            except (ValueError, re.error) as exc:
                raise RulePackError(f"{path}:{line}: bad guard: {exc}") from None
        entries.append(Entry(spun, original, domain, kind, guard, example, line))
    return entries


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    after: str
    entry: Entry


class SpinnerLexicon:
    """The rows of one lexicon file restricted to some kinds, compiled once."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.automaton = ahocorasick.Automaton()
        table: dict[str, list[Entry]] = {}
        for e in entries:
            table.setdefault(e.spun.lower(), []).append(e)
        for key, rows in table.items():
            self.automaton.add_word(key, (len(key), tuple(rows)))
        self.empty = not table
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text: str) -> Iterator[Match]:
        """Non-overlapping guarded matches, left to right, longest first at each start."""
        if self.empty:
            return
        hay = text.lower()
        if len(hay) != len(text):
            hay = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        by_start: dict[int, list[tuple[int, tuple[Entry, ...]]]] = {}
        for end_idx, (length, rows) in self.automaton.iter(hay):
            start, end = end_idx - length + 1, end_idx + 1
            if on_boundary(text, start, end):
                by_start.setdefault(start, []).append((end, rows))
        last_end = -1
        for start in sorted(by_start):
            if start < last_end:
                continue
            for end, rows in sorted(by_start[start], key=lambda c: -c[0]):
                match = self._first_passing(text, start, end, rows)
                if match:
                    yield match
                    last_end = end
                    break

    @staticmethod
    def _first_passing(text: str, start: int, end: int, rows: tuple[Entry, ...]) -> Match | None:
        source = text[start:end]
        ctx = Context(text, start, end)
        for e in rows:
            if e.exact_case and source != e.spun:
                continue
            try:
                guard = compile_guard(e.guard)
            except (ValueError, re.error) as exc:
                raise RulePackError(f"spinner lexicon line {e.line}: bad guard {e.guard!r}: {exc}") from None
            if not guard(ctx):
                continue
            after = e.original if e.exact_case else transfer_case(source, e.original)
            if after == source:
                continue
            return with_article(text, start, end, after, e)
        return None


def with_article(text: str, start: int, end: int, after: str, entry: Entry) -> Match:
    """Widen the edit over a preceding "a"/"an" when the replacement needs the other one.

    >>> e = Entry("actual", "real", "general", "word", "", "", 0)
    >>> m = with_article("faces an actual battle", 9, 15, "real", e); (m.start, m.after)
    (6, 'a real')
    """
    m = ARTICLE_BEFORE.search(text[max(0, start - 4):start])
    if not m:
        return Match(start, end, after, entry)
    article = m.group(1)
    has_n = article.lower() == "an"
    if has_n == needs_an(after):
        return Match(start, end, after, entry)
    new = ("an" if not has_n else "a")
    new = new.upper() if article.isupper() and len(article) > 1 else (new.capitalize() if article[0].isupper() else new)
    return Match(start - len(article) - 1, end, f"{new} {after}", entry)


def on_boundary(text: str, start: int, end: int) -> bool:
    """A match must not be part of a longer word or of a hyphenated compound ("e-commerce").

    >>> on_boundary("e-commerce deal", 2, 15), on_boundary("the commerce deal", 4, 17)
    (False, True)
    """
    first, last = text[start], text[end - 1]
    if first.isalnum() and start > 0:
        before = text[start - 1]
        if before.isalnum() or before == "_" or (before == "-" and start > 1 and text[start - 2].isalnum()):
            return False
    if last.isalnum() and end < len(text):
        after = text[end]
        if after.isalnum() or after == "_" or (after == "-" and end + 1 < len(text) and text[end + 1].isalnum()):
            return False
    return True


@functools.lru_cache(maxsize=16)
def load(path: Path, kinds: tuple[str, ...] = KINDS) -> SpinnerLexicon:
    return SpinnerLexicon([e for e in read_entries(path, check_guards=False) if e.kind in kinds])
