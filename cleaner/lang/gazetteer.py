"""The news gazetteer (``rules/lexicons/gazetteer.tsv``) as lookup tables.

Why data and not code: names change with the news; a contributor adds a row.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..lexicon import read_rows

PLACE_TYPES = frozenset({"country", "capital", "city", "region", "landmark"})


@dataclass(frozen=True)
class Gazetteer:
    names: dict  # lowercase name -> canonical ("north korea" -> "North Korea")
    types: dict  # canonical -> type
    common: frozenset  # canonical names whose lowercase form is also an ordinary word
    aliases: dict  # lowercase alias -> canonical ("pongyang" -> "Pyongyang")

    def is_place(self, name: str) -> bool:
        return self.types.get(name) in PLACE_TYPES

    @property
    def longest(self) -> int:
        return max((len(k.split()) for k in (*self.names, *self.aliases)), default=1)

    @functools.cached_property
    def phrases(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """First lowercase word -> (lowercase words, canonical name) of every multi-word name that is no
        ordinary phrase, longest first.

        >>> from cleaner.registry import BUNDLED_RULES
        >>> load(BUNDLED_RULES / "lexicons" / "gazetteer.tsv").phrases["vladimir"]
        [(('vladimir', 'putin'), 'Vladimir Putin')]
        """
        index: dict[str, list] = {}
        for low, canon in self.names.items():
            parts = tuple(low.split())
            if len(parts) > 1 and canon not in self.common and all(p.isalpha() for p in parts):
                index.setdefault(parts[0], []).append((parts, canon))
        for entries in index.values():
            entries.sort(key=lambda e: -len(e[0]))
        return index

    @functools.cached_property
    def surnames(self) -> dict[str, str]:
        """Lowercase surname -> full name, for listed people whose surname is one word nobody else listed has."""
        found: dict[str, list[str]] = {}
        for canon, kind in self.types.items():
            parts = canon.split()
            if kind == "person" and len(parts) > 1 and parts[-1].isalpha() and canon not in self.common:
                found.setdefault(parts[-1].lower(), []).append(canon)
        return {s: names[0] for s, names in found.items() if len(names) == 1 and len(s) > 2}


@functools.lru_cache(maxsize=8)
def load(path: Path) -> Gazetteer:
    """Read the gazetteer; aliases never shadow a real name.

    >>> from cleaner.registry import BUNDLED_RULES
    >>> g = load(BUNDLED_RULES / "lexicons" / "gazetteer.tsv")
    >>> g.names["seoul"], g.aliases["pongyang"], g.is_place("Seoul"), "China" in g.common
    ('Seoul', 'Pyongyang', True, True)
    """
    names, types, common, aliases = {}, {}, set(), {}
    for _, cols in read_rows(path, 2):
        name, kind = cols[0], cols[1]
        names[name.lower()] = name
        types[name] = kind
        if len(cols) > 2 and cols[2] == "y":
            common.add(name)
        if len(cols) > 3 and cols[3]:
            for alias in cols[3].split("|"):
                aliases[alias.strip().lower()] = name
    aliases = {a: n for a, n in aliases.items() if a not in names}
    return Gazetteer(names, types, frozenset(common), aliases)
