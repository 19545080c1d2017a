"""``filler``: remove speech fillers ("uh", "um", a captioner's lone "H") from transcripts.

The lexicon (``lexicons/fillers.tsv``) says, per filler, how safe removal is and
whether it must sit between two lowercase words (a lone "H" next to a name may be
an initial). One edit removes the filler and one adjacent space, or a following
comma, so no double spaces are left behind; a filler between two commas takes both, and one
that opens a sentence hands its capital to the next word ("Um, so" -> "So").

YAML parameters: ``lexicon`` (TSV: form, safety, where, note).
"""
from __future__ import annotations

import re
from typing import Iterator

from ..lexicon import read_rows
from ..model import Document, Edit, Safety
from ..registry import RuleSpec
from . import register_kind
from .base import RuleKind, make_edit


def _lower_word_at(text: str, i: int, step: int, numbers: bool = False) -> bool:
    """Is the nearest word from position ``i`` (going by ``step``) a lowercase word (or a number) on the same line?"""
    while 0 <= i < len(text) and text[i] in " \t":
        i += step
    return 0 <= i < len(text) and (text[i].isalpha() and text[i].islower() or numbers and text[i].isdigit())


@register_kind
class Filler(RuleKind):
    name = "filler"
    required_params = ("lexicon",)

    def __init__(self, rules, regex_timeout: float = 5.0):
        super().__init__(rules, regex_timeout)
        self.table: list[tuple[RuleSpec, dict[str, tuple[Safety, str]]]] = []
        for rule in self.rules:
            rows = {cols[0]: (Safety(cols[1]) if len(cols) > 1 and cols[1] else rule.safety,
                              cols[2] if len(cols) > 2 else "any")
                    for _, cols in read_rows(rule.base_dir / rule.params["lexicon"], 1)}
            self.table.append((rule, rows))
        forms = sorted({f for _, rows in self.table for f in rows}, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w'’-])(" + "|".join(map(re.escape, forms)) + r")(?![\w'’-])")

    @classmethod
    def validate(cls, rule: RuleSpec) -> list[str]:
        problems = super().validate(rule)
        if "lexicon" in rule.params and not (rule.base_dir / rule.params["lexicon"]).is_file():
            problems.append(f"lexicon file {rule.params['lexicon']!r} not found")
        return problems

    def propose(self, doc: Document) -> Iterator[Edit]:
        text = doc.text
        for m in self.pattern.finditer(text):
            for rule, rows in self.table:
                if m.group(1) not in rows:
                    continue
                safety, where = rows[m.group(1)]
                numbers = where == "between-lower-or-number"
                if where.startswith("between-lower") and not (_lower_word_at(text, m.start() - 1, -1, numbers)
                                                              and _lower_word_at(text, m.end(), 1, numbers)):
                    break
                start, end, after = removal(text, m.start(), m.end())
                yield make_edit(rule, text, start, end, after, safety=safety if safety.rank > rule.safety.rank
                                else rule.safety, filler=m.group(1))
                break


SENTENCE_START = re.compile(r"(?:^|[.!?…][\"”’)]*[ \t]+)\Z")


def removal(text: str, start: int, end: int) -> tuple[int, int, str]:
    """``(start, end, replacement)`` that deletes a filler and leaves the sentence as if it had never been said.

    Auto-punctuated captions put the filler between commas ("the, uh, minister"): both commas go with it.
    A filler that opens a sentence ("Um, so we") hands its capital to the next word.

    >>> t = "Um, so the, uh, minister said. Uh, back to you and uh more"
    >>> [(t[s:e], a) for s, e, a in (removal(t, m.start(), m.end()) for m in re.finditer(r"\\b(Uh|Um|uh)\\b", t))]
    [('Um, s', 'S'), (', uh,', ''), ('Uh, b', 'B'), ('uh ', '')]
    """
    if text[start - 2:start] == ", " and text[end:end + 2] == ", ":
        return start - 2, end + 1, ""
    start, end = span_with_space(text, start, end)
    if SENTENCE_START.search(text, 0, start) and end < len(text) and text[end].islower() and \
            text[start:end].strip(" ,")[:1].isupper():
        return start, end + 1, text[end].upper()
    return start, end, ""


def span_with_space(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a word's span so that deleting it leaves single spacing.

    >>> t = "had a uh more, uh, I think um."
    >>> [t[slice(*span_with_space(t, m.start(), m.end()))] for m in re.finditer(r"\\b(uh|um)\\b", t)]
    ['uh ', 'uh, ', ' um']
    """
    if text[end:end + 2] == ", ":
        return start, end + 2
    if end < len(text) and text[end] == " " and (start == 0 or text[start - 1] in " \n\t"):
        return start, end + 1
    if start > 0 and text[start - 1] == " ":
        return start - 1, end
    return start, end
