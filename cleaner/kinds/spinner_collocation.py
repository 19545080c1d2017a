"""``spinner_collocation``: flag unlikely word pairs in spun documents, as suggestions only.

See ``cleaner.spinner.collocations`` for the statistics. The spun words the lexicon knows
(single-word rows of ``lexicon``) give concrete suggestions; other pairs are flagged as they
are, for a reviewer to read.

YAML parameters: ``lexicon`` (the spinner lexicon TSV), ``max_per_document`` (default 8).
"""
from __future__ import annotations

from typing import Iterator

from ..model import Document, Edit, Safety
from ..spinner.collocations import unlikely_pairs
from ..spinner.lexicon import read_entries
from . import register_kind
from .base import RuleKind, make_edit


@register_kind
class SpinnerCollocation(RuleKind):
    name = "spinner_collocation"
    required_params = ("lexicon",)

    def __init__(self, rules, regex_timeout: float = 5.0):
        super().__init__(rules, regex_timeout)
        self.known = []
        for r in self.rules:
            table: dict[str, tuple[str, ...]] = {}
            for e in read_entries(r.base_dir / r.params["lexicon"]):
                if " " not in e.spun and e.spun == e.spun.lower() and e.spun.isalpha():
                    table[e.spun] = table.get(e.spun, ()) + (e.original.lower(),)
            self.known.append(table)

    def propose(self, doc: Document) -> Iterator[Edit]:
        for rule, known in zip(self.rules, self.known):
            limit = int(rule.params.get("max_per_document", 8))
            for f in unlikely_pairs(doc.text, known, limit):
                yield make_edit(rule, doc.text, f.start, f.end, f.after, safety=Safety.SUGGESTION,
                                confidence=0.3, evidence=(f.why,), why=f.why)
