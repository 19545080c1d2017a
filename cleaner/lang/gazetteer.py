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
