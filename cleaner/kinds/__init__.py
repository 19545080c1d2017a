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
    _discover()
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(name) from None


def validate_rule(rule: RuleSpec) -> None:
    """Raise :class:`RulePackError` (``file:line: ...``) if the rule's kind or parameters are wrong."""
    _discover()
    if rule.kind not in KINDS:
        raise RulePackError(f"{rule.source}: rule {rule.id}: unknown kind {rule.kind!r} "
                            f"(known: {', '.join(sorted(KINDS))})")
    problems = KINDS[rule.kind].validate(rule)
    if problems:
        raise RulePackError(f"{rule.source}: rule {rule.id}: {'; '.join(problems)}")


class LazyMatcher:
    """A compiled kind, built on first use: a pre-commit check of a clean file never pays for the
    automata and guards of packs its detectors keep switched off (the spun packs, for instance)."""

    def __init__(self, kind: type[RuleKind], rules: list[RuleSpec], regex_timeout: float):
        self.kind, self.rules, self.regex_timeout = kind, rules, regex_timeout
        self.respects_protected = kind.respects_protected
        self._compiled: RuleKind | None = None

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
    _discover()
    groups: dict[tuple[str, str, tuple[str, ...]], list[RuleSpec]] = {}
    for rule in rules:  # rules with different gates compile apart, so a gated matcher is skipped whole
        groups.setdefault((rule.pack, rule.kind, rule.requires), []).append(rule)
    return [LazyMatcher(KINDS[kind], group, regex_timeout) for (_, kind, _), group in sorted(groups.items())]


__all__ = ["KINDS", "RuleKind", "compile_rules", "get_kind", "make_edit", "register_kind", "validate_rule"]
