"""The SEO label lexicon: phrases of page furniture, matched on lower-cased word tokens.

Matching on tokens rather than raw strings makes "Share this:", "SHARE THIS" and
"share  this" the same entry, and lets a line be *covered* by phrases (every word
of "Share this: Facebook Twitter" belongs to some furniture phrase), which is how
widget lines are recognised without listing every combination.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import regex

from ..lexicon import read_rows
from ..registry import BUNDLED_RULES, RulePackError

TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*")
ROLES = {"line", "weak", "marker", "label", "navlabel", "colonlabel", "navnoun", "lead", "topic",
         "self", "contact", "meta", "block"}
CLASSES = {"link", "nav", "ad", "comment", "share", "newsletter", "cookie", "footer", "profile"}
PROFILE_ROLES = ("self", "contact", "meta", "block")
# Function words may sit between furniture phrases ("Facebook and Twitter") without breaking coverage.
FILLERS = frozenset("a an and or the to of on in for with by at our your this via us you".split())


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Lower-cased word tokens with their offsets.

    >>> [t for t, _, _ in tokens("Don’t miss: SHARE this!")]
    ["don't", 'miss', 'share', 'this']
    """
    return [(m.group().lower().replace("’", "'"), m.start(), m.end()) for m in TOKEN.finditer(text)]


def words(text: str) -> tuple[str, ...]:
    """Lower-cased word tokens (no offsets: one regex pass over the lower-cased text).

    >>> words("Don’t miss: SHARE this!")
    ("don't", 'miss', 'share', 'this')
    """
    return tuple(TOKEN.findall(text.lower().replace("’", "'")))


@dataclass(frozen=True)
class Hit:
    """A lexicon phrase found in a line: its class, role and token span."""

    cls: str
    role: str
    start: int  # token index
    end: int
    phrase: str


class Lexicon:
    """Phrases indexed by their first token, longest first (deterministic matching)."""

    def __init__(self, rows: list[tuple[str, str, str]]):
        self.index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        for phrase, cls, role in rows:
            toks = words(phrase)
            if toks:
                self.index.setdefault(toks[0], []).append((toks, cls, role))
        for entries in self.index.values():
            entries.sort(key=lambda e: (-len(e[0]), e[0], e[1], e[2]))

    def at(self, toks: tuple[str, ...], i: int, roles: set[str] | frozenset[str] | tuple[str, ...],
           classes: set[str] | None = None) -> Hit | None:
        """The longest phrase with one of ``roles`` starting at token ``i``."""
        for phrase, cls, role in self.index.get(toks[i], ()) if i < len(toks) else ():
            if role in roles and (classes is None or cls in classes) and toks[i:i + len(phrase)] == phrase:
                return Hit(cls, role, i, i + len(phrase), " ".join(phrase))
        return None

    def find(self, toks: tuple[str, ...], roles, classes: set[str] | None = None) -> list[Hit]:
        """Every non-overlapping phrase with one of ``roles``, scanning left to right."""
        hits, i = [], 0
        while i < len(toks):
            hit = self.at(toks, i, roles, classes)
            if hit:
                hits.append(hit)
                i = hit.end
            else:
                i += 1
        return hits

    def cover(self, toks: tuple[str, ...], roles=("line", "weak")) -> list[Hit] | None:
        """The phrases that cover every word of ``toks`` (fillers and numbers may be left over), else None.

        >>> lex = Lexicon([("share this", "share", "line"), ("facebook", "share", "weak")])
        >>> lex.cover(words("Share this: Facebook and 3 more")) is None
        True
        >>> [h.phrase for h in lex.cover(words("Share this: Facebook and Facebook"))]
        ['share this', 'facebook', 'facebook']
        """
        hits, i = [], 0
        while i < len(toks):
            hit = self.at(toks, i, roles)
            if hit:
                hits.append(hit)
                i = hit.end
            elif toks[i] in FILLERS or toks[i].isdigit():
                i += 1
            else:
                return None
        return hits or None

    def phrase_roles(self, toks: tuple[str, ...], roles) -> set[tuple[str, str]]:
        """(class, role) pairs of phrases equal to the whole of ``toks``."""
        if not toks:
            return set()
        return {(cls, role) for phrase, cls, role in self.index.get(toks[0], ()) if phrase == toks and role in roles}


@functools.lru_cache(maxsize=8)
def load(path: Path) -> Lexicon:
    """Read ``seo_labels.tsv`` (phrase, class, role, note); unknown classes or roles fail with file:line."""
    rows = []
    for n, cols in read_rows(path, 3):
        phrase, cls, role = cols[0], cols[1], cols[2]
        if cls not in CLASSES or role not in ROLES:
            raise RulePackError(f"{path}:{n}: unknown class {cls!r} or role {role!r}")
        rows.append((phrase, cls, role))
    return Lexicon(rows)


DEFAULT_PATH = BUNDLED_RULES / "lexicons" / "seo_labels.tsv"  # rules/ in place, or cleaner/_rules in a wheel
