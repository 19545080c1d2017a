"""``seo_furniture``: remove page furniture recognised by shape and context (the SEO pack).

Every rule of this kind names one furniture class (``furniture: link``, ``share``,
``profile``, ``title`` ...). The document is classified once (cleaner/seo/classify.py)
and each rule turns the groups of its class into edits: one per line or per block,
removing whole lines. Groups the classifier is unsure of become suggestions.

YAML parameters: ``furniture`` (the class), ``lexicon`` (optional, relative to the pack;
default ``lexicons/seo_labels.tsv``).
"""
from __future__ import annotations

from typing import Iterator

from ..model import Document, Edit, Safety
from ..registry import RuleSpec
from ..seo.classify import classify, lexicon_for
from ..seo.lines import CLASS_NAMES
from ..seo.spans import removal_spans
from . import register_kind
from .base import RuleKind, make_edit

FURNITURE = frozenset(CLASS_NAMES) - {"corpus"}


@register_kind
class SeoFurniture(RuleKind):
    name = "seo_furniture"
    required_params = ("furniture",)
    respects_protected = False  # a related-link headline may well name a protected term

    def __init__(self, rules, regex_timeout: float = 5.0):
        super().__init__(rules, regex_timeout)
        self.by_class = {r.params["furniture"]: r for r in self.rules}
        self.lexicon = lexicon_for(self.rules[0].base_dir, self.rules[0].params.get("lexicon"))

    @classmethod
    def validate(cls, rule: RuleSpec) -> list[str]:
        problems = super().validate(rule)
        if "furniture" in rule.params and rule.params["furniture"] not in FURNITURE:
            problems.append(f"'furniture' must be one of {', '.join(sorted(FURNITURE))}")
        name = rule.params.get("lexicon")
        if name and not lexicon_for(rule.base_dir, name).is_file():
            problems.append(f"lexicon {name!r} not found next to the pack")
        return problems

    def propose(self, doc: Document) -> Iterator[Edit]:
        found = classify(doc.text, self.lexicon)
        groups = [g for g in found.groups if g.cls in self.by_class]
        for group, start, end in removal_spans(doc.text, found.lines, found.texts, groups):
            rule = self.by_class[group.cls]
            sure = group.removable
            first = found.texts[group.first].strip()
            yield make_edit(rule, doc.text, start, end, "",
                            safety=rule.safety if sure else Safety.SUGGESTION,
                            confidence=0.9 if sure else 0.5, evidence=group.evidence,
                            what=group.what, line=first[:70] + ("…" if len(first) > 70 else ""),
                            lines=group.last - group.first + 1)
