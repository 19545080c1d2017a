"""Registry of rule kinds: ``kind: substitute`` in YAML -> the class that implements it.

Kinds register themselves with :func:`register_kind`; every module of this
package is imported on first use, so adding a kind is adding a module.
"""
from __future__ import annotations

import importlib
import pkgutil
from typing import Sequence

from ..registry import RulePackError, RuleSpec
from .base import RuleKind, make_edit

KINDS: dict[str, type[RuleKind]] = {}
_loaded = False
# Which module defines each kind, so a kind is imported only when one of its rules first runs (a
# pre-commit check of a clean file never imports the spun packs' collocation tables). A kind not
# listed here is still found: every module is then imported (``tests/test_registry.py`` keeps this
# map equal to what that finds).
KIND_MODULES = {
    "anchored_name": "anchored_name", "asr_casing": "asr_casing", "companion_gap": "companion_gap", "corpus_company": "company", "context_swap": "context_swap", "filler": "filler", "folded_word": "folded_word",
    "corpus_name": "name_repair", "prose_casing": "prose_casing", "regex": "regex_edit",
    "remove_line": "remove_line", "segment": "segment", "seo_corpus_repeat": "seo_corpus",
    "seo_furniture": "seo_furniture", "seo_page": "seo_page", "spinner_collocation": "spinner_collocation",
    "spun_institution": "spinner_institutions", "spinner_lexicon": "spinner_lexicon",
    "spinner_names": "spinner_names", "thesaurus_context": "spinner_thesaurus", "stutter": "stutter",
    "substitute": "substitute", "transcript_entity": "transcript_entity", "typo": "typo", "unicode": "unicode_fixes",
}


def register_kind(cls: type[RuleKind]) -> type[RuleKind]:
    if not cls.name:
        raise TypeError(f"{cls.__name__} has no name")
    KINDS[cls.name] = cls
    return cls


def _discover() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for info in pkgutil.iter_modules(__path__):
        if info.name != "base":
            importlib.import_module(f"{__name__}.{info.name}")


def get_kind(name: str) -> type[RuleKind]:
    """The class of kind ``name``, importing only its own module when the map knows it."""
    if name not in KINDS and name in KIND_MODULES:
        importlib.import_module(f"{__name__}.{KIND_MODULES[name]}")
    if name not in KINDS:
        _discover()
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(name) from None


def validate_rule(rule: RuleSpec) -> None:
    """Raise :class:`RulePackError` (``file:line: ...``) if the rule's kind or parameters are wrong."""
    try:
        kind = get_kind(rule.kind)
    except KeyError:
        raise RulePackError(f"{rule.source}: rule {rule.id}: unknown kind {rule.kind!r} "
                            f"(known: {', '.join(sorted(KINDS))})") from None
    problems = kind.validate(rule)
    if problems:
        raise RulePackError(f"{rule.source}: rule {rule.id}: {'; '.join(problems)}")


class LazyMatcher:
    """A compiled kind, built on first use: a pre-commit check of a clean file never pays for the
    automata and guards of packs its detectors keep switched off (the spun packs, for instance)."""

    def __init__(self, kind: str, rules: list[RuleSpec], regex_timeout: float):
        self.kind_name, self.rules, self.regex_timeout = kind, rules, regex_timeout
        self._compiled: RuleKind | None = None

    @property
    def kind(self) -> type[RuleKind]:
        return get_kind(self.kind_name)

    @property
    def respects_protected(self) -> bool:
        return self.kind.respects_protected

    @property
    def compiled(self) -> RuleKind:
        if self._compiled is None:
            self._compiled = self.kind(self.rules, regex_timeout=self.regex_timeout)
        return self._compiled

    def propose(self, doc):
        return self.compiled.propose(doc)

    def __getattr__(self, name: str):
        return getattr(self.compiled, name)


def compile_rules(rules: Sequence[RuleSpec], regex_timeout: float = 5.0) -> list[LazyMatcher]:
    """One matcher per (pack, kind, gate): the unit that keeps matching cost flat in the number of rules."""
    groups: dict[tuple[str, str, tuple[str, ...]], list[RuleSpec]] = {}
    for rule in rules:  # rules with different gates compile apart, so a gated matcher is skipped whole
        groups.setdefault((rule.pack, rule.kind, rule.requires), []).append(rule)
    return [LazyMatcher(kind, group, regex_timeout) for (_, kind, _), group in sorted(groups.items())]


__all__ = ["KINDS", "RuleKind", "compile_rules", "get_kind", "make_edit", "register_kind", "validate_rule"]
