"""The thesaurus read backwards: for a word a spinner can write, the words it can stand for.

Rows come from ``rules/lexicons/thesaurus_reverse.tsv`` (built from the WordNet-derived MyThes
thesaurus by ``scripts/build_thesaurus.py``) plus the hand-written spinner lexicon
(``spun_synonyms.tsv``), whose originals go first: they are the spinner habits seen before.
One Aho-Corasick automaton over every form finds all candidates in one pass over a document.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import ahocorasick

from ..lexicon import read_rows
from .guards import vetoes
from .lexicon import on_boundary, read_entries


@dataclass(frozen=True)
class Form:
    spun: str
    candidates: tuple[str, ...]
    habits: frozenset  # candidates the hand-written spinner lexicon lists for this form (seen spinner habits)
    vetoes: tuple = ()  # (original, negative guard clauses of its lexicon row): contexts where the habit never holds


class ReverseThesaurus:
    def __init__(self, table: dict[str, tuple[str, ...]], habits: dict[str, frozenset] | None = None,
                 vetoes: dict[str, tuple] | None = None):
        self.table = table
        self.habits = habits or {}
        self.vetoes = vetoes or {}
        self.automaton = ahocorasick.Automaton()
        for key in table:
            self.automaton.add_word(key, key)
        if table:
            self.automaton.make_automaton()

    def candidates(self, form: str) -> tuple[str, ...]:
        return self.table.get(form.lower(), ())

    def find(self, text: str) -> Iterator[tuple[int, int, Form]]:
        """Every form on word boundaries, longest first where forms overlap at one start."""
        if not self.table:
            return
        hay = text.lower()
        if len(hay) != len(text):
            return
        best: dict[int, int] = {}
        for end_idx, key in self.automaton.iter(hay):
            start = end_idx - len(key) + 1
            if on_boundary(text, start, end_idx + 1) and end_idx + 1 > best.get(start, -1):
                best[start] = end_idx + 1
        last = -1
        for start in sorted(best):
            if start >= last:
                end = best[start]
                last = end
                key = hay[start:end]
                yield start, end, Form(key, self.table[key], self.habits.get(key, frozenset()), self.vetoes.get(key, ()))


@functools.lru_cache(maxsize=4)
def load(reverse_path: Path, lexicon_path: Path | None = None) -> ReverseThesaurus:
    table: dict[str, list[str]] = {}
    habits: dict[str, set] = {}
    vetoed: dict[str, list] = {}
    if lexicon_path is not None and lexicon_path.is_file():
        for e in read_entries(lexicon_path, check_guards=False):
            if e.spun == e.spun.lower() and e.original == e.original.lower() and not e.spun.isdigit():
                table.setdefault(e.spun, []).append(e.original)
                habits.setdefault(e.spun, set()).add(e.original)
                if vetoes(e.guard):
                    vetoed.setdefault(e.spun, []).append((e.original, vetoes(e.guard)))
    for _, cols in read_rows(reverse_path, 2):
        row = table.setdefault(cols[0], [])
        row.extend(c for c in cols[1].split("|") if c and c not in row)
    return ReverseThesaurus({k: tuple(v) for k, v in table.items()}, {k: frozenset(v) for k, v in habits.items()},
                            {k: tuple(v) for k, v in vetoed.items()})


def for_rule(rule) -> ReverseThesaurus:
    """The reverse thesaurus a rule names (``thesaurus``, optional ``lexicon``), relative to its pack."""
    lexicon = rule.params.get("lexicon")
    return load(rule.base_dir / rule.params["thesaurus"], rule.base_dir / lexicon if lexicon else None)
