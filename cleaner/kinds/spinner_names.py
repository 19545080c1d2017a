"""``spinner_names``: undo spinner swaps inside proper names ("Stimson Heart" -> "Stimson Center").

The contexts that make a word a name part are judged in ``cleaner.spinner.names``.

YAML parameters: ``lexicon`` (name-part TSV), ``given_names`` (one name per line).
"""
from __future__ import annotations

from typing import Iterator

from ..model import Document, Edit
from ..spinner.names import load
from . import register_kind
from .base import RuleKind, make_edit


@register_kind
class SpinnerNames(RuleKind):
    name = "spinner_names"
    required_params = ("lexicon", "given_names")

    def __init__(self, rules, regex_timeout: float = 5.0):
        super().__init__(rules, regex_timeout)
        self.repairers = [load(r.base_dir / r.params["lexicon"], r.base_dir / r.params["given_names"])
                          for r in self.rules]

    @classmethod
    def validate(cls, rule) -> list[str]:
        problems = super().validate(rule)
        for key in cls.required_params:
            if key in rule.params and not (rule.base_dir / str(rule.params[key])).is_file():
                problems.append(f"{key} file {rule.params[key]!r} not found")
        return problems

    def propose(self, doc: Document) -> Iterator[Edit]:
        for rule, repairer in zip(self.rules, self.repairers):
            for start, end, part, why in repairer.find(doc.text):
                yield make_edit(rule, doc.text, start, end, part.original,
                                evidence=(f"name part ({part.context}): {why}", f"lexicon line {part.line}"),
                                context=part.context)
