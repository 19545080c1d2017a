"""The RuleKind protocol: a kind compiles the rules of one pack that use it, then proposes edits.

A kind is compiled once per pack with all of that pack's rules of this kind
(one automaton or one alternation), so matching cost does not grow with the
number of rules. ``propose`` never mutates text; it yields :class:`Edit`.
"""
from __future__ import annotations

from typing import ClassVar, Iterator, Sequence

from ..model import Document, Edit, Safety
from ..registry import RuleSpec


class RuleKind:
    """Base class for rule kinds. Subclasses set ``name`` and implement ``propose``."""

    name: ClassVar[str] = ""
    required_params: ClassVar[tuple[str, ...]] = ()
    # False for kinds that remove whole lines/blocks: a boilerplate line may mention a protected name.
    respects_protected: ClassVar[bool] = True

    def __init__(self, rules: Sequence[RuleSpec], regex_timeout: float = 5.0):
        self.rules = list(rules)
        self.regex_timeout = regex_timeout

    def propose(self, doc: Document) -> Iterator[Edit]:
        raise NotImplementedError

    @classmethod
    def validate(cls, rule: RuleSpec) -> list[str]:
        """Problems with a rule's parameters (empty when fine). Subclasses extend this."""
        return [f"kind {cls.name!r} needs parameter {p!r}" for p in cls.required_params if p not in rule.params]


def bad_choice(rule: RuleSpec, key: str, choices: tuple[str, ...]) -> list[str]:
    """A problem when the rule's ``key`` parameter is none of ``choices`` ("direction: lower | upper")."""
    return [] if rule.params.get(key) in choices else [f"{key} must be one of {', '.join(choices)}"]


def missing_files(rule: RuleSpec, keys: tuple[str, ...]) -> list[str]:
    """Problems for the file parameters among ``keys`` that the rule names but the pack lacks."""
    return [f"{key} file {rule.params[key]!r} not found" for key in keys
            if key in rule.params and not (rule.base_dir / str(rule.params[key])).is_file()]


def make_edit(rule: RuleSpec, text: str, start: int, end: int, after: str, *, message: str | None = None,
              safety: Safety | None = None, confidence: float = 1.0, evidence: tuple[str, ...] = (),
              **fields) -> Edit:
    """Build an edit for ``rule`` over ``text[start:end]``, formatting the rule's message."""
    before = text[start:end]
    return Edit(rule_id=rule.id, start=start, end=end, after=after,
                message=message or rule.format_message(before, after, **fields),
                safety=safety or rule.safety, confidence=confidence, evidence=tuple(evidence),
                priority=rule.priority)
