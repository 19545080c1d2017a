"""``substitute``: swap words or phrases from a map, longest match first, with case transfer.

All substitute rules of a pack share one Aho-Corasick automaton (pyahocorasick),
so cost stays flat as lexicons grow. Matches must sit on word boundaries; an
optional ``near`` guard requires or forbids context words (LanguageTool's
``wrongWordInContext`` model). Protected terms are enforced by the engine.

YAML parameters: ``swap`` (mapping) and/or ``lexicon`` (TSV: from, to, ...),
``case_sensitive`` (default false), ``near: {require: [...], forbid: [...], window: 6}``.
"""
from __future__ import annotations

import re
from typing import Iterator

import ahocorasick

from ..lexicon import read_rows
from ..model import Document, Edit
from ..registry import RuleSpec
from . import register_kind
from .base import RuleKind, make_edit

WORD_RE = re.compile(r"\w+")


def transfer_case(source: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation pattern of ``source``.

    >>> transfer_case("Mentioned", "said"), transfer_case("ARMY", "military"), transfer_case("army", "military")
    ('Said', 'MILITARY', 'military')
    >>> transfer_case("Safety Council", "security council")
    'Security Council'
    """
    letters = [c for c in source if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    src_words, rep_words = source.split(" "), replacement.split(" ")
    if len(src_words) == len(rep_words) and len(src_words) > 1:
        return " ".join(transfer_case(s, r) for s, r in zip(src_words, rep_words))
    if source[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def lower_same_length(text: str) -> str:
    """``str.lower`` that never changes the length (a few characters lower to two code points).

    >>> len(lower_same_length("İstanbul")) == len("İstanbul")
    True
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def starts_sentence(text: str, start: int) -> bool:
    """True at the start of the text, of a line, or after sentence punctuation.

    >>> starts_sentence("Done. 1000's of", 6), starts_sentence("about 1000's", 6)
    (True, False)
    """
    before = text[:start].rstrip(" \t\"“'‘")
    return not before or before[-1] in ".!?\n"


def is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def entries_of(rule: RuleSpec) -> list[tuple[str, str]]:
    """The (from, to) pairs of a rule: inline ``swap`` plus its ``lexicon`` file."""
    pairs = [(str(k), str(v)) for k, v in (rule.params.get("swap") or {}).items() if k != "__line__"]
    if rule.params.get("lexicon"):
        for _, cols in read_rows(rule.base_dir / rule.params["lexicon"], 2):
            pairs.append((cols[0], cols[1]))
    return pairs


@register_kind
class Substitute(RuleKind):
    name = "substitute"

    def __init__(self, rules, regex_timeout: float = 5.0):
        super().__init__(rules, regex_timeout)
        self.automaton = ahocorasick.Automaton()
        table: dict[str, list[tuple[int, str, str]]] = {}
        for i, rule in enumerate(self.rules):
            sensitive = bool(rule.params.get("case_sensitive"))
            for src, dst in entries_of(rule):
                table.setdefault(src.lower(), []).append((i, src if sensitive else "", dst))
        for key, value in table.items():
            self.automaton.add_word(key, (len(key), value))
        self.empty = not table
        if not self.empty:
            self.automaton.make_automaton()

    @classmethod
    def validate(cls, rule: RuleSpec) -> list[str]:
        problems = super().validate(rule)
        if "swap" not in rule.params and "lexicon" not in rule.params:
            problems.append("substitute needs 'swap' or 'lexicon'")
        elif "lexicon" in rule.params and not (rule.base_dir / rule.params["lexicon"]).is_file():
            problems.append(f"lexicon file {rule.params['lexicon']!r} not found")
        near = rule.params.get("near")
        if near is not None and not isinstance(near, dict):
            problems.append("'near' must be a mapping with require/forbid/window")
        return problems

    def propose(self, doc: Document) -> Iterator[Edit]:
        if self.empty:
            return
        text = doc.text
        hay = lower_same_length(text)
        candidates = []
        for end_idx, (length, entries) in self.automaton.iter(hay):
            start, end = end_idx - length + 1, end_idx + 1
            if start > 0 and is_word_char(text[start]) and is_word_char(text[start - 1]):
                continue
            if end < len(text) and is_word_char(text[end - 1]) and is_word_char(text[end]):
                continue
            candidates.append((start, end, entries))
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        last_end = -1
        for start, end, entries in candidates:
            if start < last_end:
                continue
            source = text[start:end]
            for i, exact, dst in entries:
                rule = self.rules[i]
                if exact and source != exact:
                    continue
                if not self._context_ok(rule, hay, start, end):
                    continue
                after = dst if exact else transfer_case(source, dst)
                if after[:1].islower() and not source[:1].isalpha() and starts_sentence(text, start):
                    after = after[:1].upper() + after[1:]  # "1000's of" at a sentence start
                if after == source:
                    continue
                yield make_edit(rule, text, start, end, after)
                last_end = end
                break

    @staticmethod
    def _context_ok(rule: RuleSpec, hay: str, start: int, end: int) -> bool:
        near = rule.params.get("near")
        if not near:
            return True
        window = int(near.get("window", 6))
        left = WORD_RE.findall(hay[max(0, start - 12 * window):start])[-window:]
        right = WORD_RE.findall(hay[end:end + 12 * window])[:window]
        context = set(left) | set(right)
        require = {w.lower() for w in near.get("require", ()) or ()}
        forbid = {w.lower() for w in near.get("forbid", ()) or ()}
        if require and not (context & require):
            return False
        return not (context & forbid)
