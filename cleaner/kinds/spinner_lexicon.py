"""``spinner_lexicon``: reverse an article spinner's swaps from ``lexicons/spun_synonyms.tsv``.

Each rule picks the row kinds it applies (``entry_kinds: [marker]``, ``[phrase]`` or
``[word]``), so markers, context phrases and guarded ambiguous words keep separate codes
and safety. Matching, case transfer, article repair and guards live in ``cleaner.spinner``.

YAML parameters: ``lexicon`` (TSV path relative to the pack), ``entry_kinds`` (list).
"""
from __future__ import annotations

from typing import Iterator

from ..model import Document, Edit
from ..spinner.lexicon import KINDS, load
from . import register_kind
from .base import RuleKind, make_edit


@register_kind
class SpinnerLexicon(RuleKind):
    name = "spinner_lexicon"
    required_params = ("lexicon", "entry_kinds")

    def __init__(self, rules, regex_timeout: float = 5.0):
        super().__init__(rules, regex_timeout)
        self.lexicons = [load(r.base_dir / r.params["lexicon"], tuple(r.params["entry_kinds"])) for r in self.rules]

    @classmethod
    def validate(cls, rule) -> list[str]:
        problems = super().validate(rule)
        kinds = rule.params.get("entry_kinds") or []
        if any(k not in KINDS for k in kinds):
            problems.append(f"entry_kinds must be among {', '.join(KINDS)}")
        path = rule.base_dir / str(rule.params.get("lexicon", ""))
        if "lexicon" in rule.params and not path.is_file():
            problems.append(f"lexicon file {rule.params['lexicon']!r} not found")
        return problems

    def propose(self, doc: Document) -> Iterator[Edit]:
        for rule, lexicon in zip(self.rules, self.lexicons):
            for m in lexicon.find(doc.text):
                e = m.entry
                evidence = (f"lexicon: {e.spun} -> {e.original} ({e.domain}, {e.kind}, line {e.line})",)
                if e.guard:
                    evidence += (f"guard: {e.guard[:120]}",)
                yield make_edit(rule, doc.text, m.start, m.end, m.after, evidence=evidence, domain=e.domain,
                                entry=e.spun)
