"""``context_swap``: replace a phrase only when the words around it agree (LanguageTool's wrongWordInContext).

Each lexicon row carries its own guard: ``require`` words (one must be near) and
``forbid`` words (none may be near), within a window of words. So "security
counsel" becomes "security council" next to "UN" or "resolution", and stays next
to "hired". Matching is case-insensitive on whole words, longest phrase first,
with any run of spaces between words; replacements with capitals ("Netanyahu",
"President Xi") are used as written, others take the case of the text.

YAML parameters: ``lexicon`` (TSV: wrong, right, require, forbid, window, note).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..lexicon import read_rows
from ..model import Document, Edit
from ..registry import RuleSpec
from . import register_kind
from .base import RuleKind, make_edit
from .substitute import transfer_case

WORD_RE = re.compile(r"[\w'’]+")


@dataclass(frozen=True)
class Entry:
    rule: int
    right: str
    require: frozenset
    forbid: frozenset
    window: int


def _words(cell: str) -> frozenset:
    return frozenset(w.strip().lower() for w in cell.split("|") if w.strip())


@register_kind
class ContextSwap(RuleKind):
    name = "context_swap"
    required_params = ("lexicon",)

    def __init__(self, rules, regex_timeout: float = 5.0):
        super().__init__(rules, regex_timeout)
        self.entries: dict[str, Entry] = {}
        for i, rule in enumerate(self.rules):
            for _, cols in read_rows(rule.base_dir / rule.params["lexicon"], 2):
                cols = (*cols, "", "", "", "")
                key = " ".join(cols[0].lower().split())
                self.entries.setdefault(key, Entry(i, cols[1], _words(cols[2]), _words(cols[3]),
                                                   int(cols[4]) if cols[4].isdigit() else 6))
        keys = sorted(self.entries, key=len, reverse=True)
        alt = "|".join(r"\s+".join(map(re.escape, k.split())) for k in keys)
        self.pattern = re.compile(rf"(?<![\w'’-])(?:{alt})(?![\w'’-])", re.I) if keys else None

    @classmethod
    def validate(cls, rule: RuleSpec) -> list[str]:
        problems = super().validate(rule)
        if "lexicon" in rule.params and not (rule.base_dir / rule.params["lexicon"]).is_file():
            problems.append(f"lexicon file {rule.params['lexicon']!r} not found")
        return problems

    def propose(self, doc: Document) -> Iterator[Edit]:
        if self.pattern is None:
            return
        text = doc.text
        for m in self.pattern.finditer(text):
            entry = self.entries[" ".join(m.group().lower().split())]
            left = WORD_RE.findall(text[max(0, m.start() - 15 * entry.window):m.start()])[-entry.window:]
            right = WORD_RE.findall(text[m.end():m.end() + 15 * entry.window])[:entry.window]
            context = {w.lower() for w in left + right}
            if entry.require and not context & entry.require or context & entry.forbid:
                continue
            after = cased(m.group(), entry.right)
            if after != m.group():
                rule = self.rules[entry.rule]
                yield make_edit(rule, text, m.start(), m.end(), after,
                                evidence=tuple(f"context: {w}" for w in sorted(context & entry.require)))


def cased(source: str, right: str) -> str:
    """The replacement in the case of the source, unless it carries capitals of its own.

    >>> cased("Access of Evil", "axis of evil"), cased("net and yahoo", "Netanyahu"), cased("the u s", "the US")
    ('Axis of Evil', 'Netanyahu', 'the US')
    """
    if any(c.isupper() for c in right):
        return right[0].upper() + right[1:] if source[:1].isupper() else right
    return transfer_case(" ".join(source.split()), right)
