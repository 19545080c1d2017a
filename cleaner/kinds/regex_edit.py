"""``regex``: a pattern and a replacement template, with LanguageTool-style antipatterns.

Rules of a pack are compiled into ONE alternation of named groups (patterns
with back-references are run on their own); each hit is re-matched with its
rule's own pattern to expand the replacement. The ``regex`` module's timeout
stops catastrophic backtracking from hanging a run.

YAML parameters: ``pattern``, ``replace`` (default ""), ``flags`` (any of
``i m s x``), ``antipatterns`` (patterns; a hit inside one of their matches is skipped),
``map`` (instead of ``replace``: the matched text is looked up in this mapping, e.g. "2" -> "two").
"""
from __future__ import annotations

from typing import Iterator

import regex

from ..model import Document, Edit
from ..registry import RuleSpec
from . import register_kind
from .base import RuleKind, make_edit

FLAG_BITS = {"i": regex.IGNORECASE, "m": regex.MULTILINE, "s": regex.DOTALL, "x": regex.VERBOSE}
BACKREF = regex.compile(r"\\[1-9]|\(\?P=|\\g<")
NAMED = regex.compile(r"\(\?P?<(?![=!])\w+>")


class RuleTimeout(RuntimeError):
    """A pack's patterns took longer than the configured timeout on one document."""


def compile_flags(flags) -> int:
    bits = 0
    for f in flags or ():
        bits |= FLAG_BITS[f]
    return bits


def scoped(pattern: str, flags) -> str:
    letters = "".join(sorted(set(flags or ())))
    return f"(?{letters}:{pattern})" if letters else f"(?:{pattern})"


@register_kind
class RegexEdit(RuleKind):
    name = "regex"
    required_params = ("pattern",)

    def __init__(self, rules, regex_timeout: float = 5.0):
        super().__init__(rules, regex_timeout)
        self.own = [regex.compile(r.params["pattern"], compile_flags(r.params.get("flags")) | regex.V0)
                    for r in self.rules]
        self.anti = [[regex.compile(a, compile_flags(r.params.get("flags"))) for a in r.params.get("antipatterns", ())]
                     for r in self.rules]
        combinable = [i for i, r in enumerate(self.rules) if not BACKREF.search(r.params["pattern"])]
        self.alone = [i for i in range(len(self.rules)) if i not in combinable]
        alternatives = [f"(?P<_r{i}>{scoped(NAMED.sub('(?:', self.rules[i].params['pattern']), self.rules[i].params.get('flags'))})"
                        for i in combinable]
        self.combined = regex.compile("|".join(alternatives)) if alternatives else None

    @classmethod
    def validate(cls, rule: RuleSpec) -> list[str]:
        problems = super().validate(rule)
        if not isinstance(rule.params.get("flags", "") or "", (str, list)):
            problems.append("flags must be a string or list of the letters i m s x")
            return problems
        bad = [f for f in rule.params.get("flags", ()) or () if f not in FLAG_BITS]
        if bad:
            problems.append(f"unknown regex flags {bad}")
            return problems
        anti = rule.params.get("antipatterns", []) or []
        if not isinstance(rule.params.get("pattern"), str) or not isinstance(rule.params.get("replace", ""), str):
            problems.append("pattern and replace must be strings")
        if not isinstance(anti, list) or not all(isinstance(a, str) for a in anti):
            problems.append("antipatterns must be a list of strings")
        if problems:
            return problems
        for key in ("pattern", *(f"antipatterns[{i}]" for i in range(len(rule.params.get("antipatterns", ()) or ())))):
            pat = rule.params.get("pattern") if key == "pattern" else rule.params["antipatterns"][int(key[13:-1])]
            try:
                regex.compile(str(pat), compile_flags(rule.params.get("flags")))
            except regex.error as exc:
                problems.append(f"{key} does not compile: {exc}")
        if not problems:  # a bad replacement template (``\\9``, ``\\g<nope>``) fails here, not mid-run
            own = regex.compile(rule.params["pattern"], compile_flags(rule.params.get("flags")) | regex.V0)
            refs = regex.findall(r"\\([1-9][0-9]*)|\\g<([^>]*)>", rule.params.get("replace", ""))
            for num, name in refs:
                ref = num or name
                if not (ref.isdigit() and int(ref) <= own.groups or ref in own.groupindex or ref == "0"):
                    problems.append(f"replace refers to group {ref!r}, which the pattern does not have")
            for ex in rule.examples:
                try:
                    own.sub(rule.params.get("replace", ""), ex.text, timeout=1.0)
                except TimeoutError:
                    problems.append(f"pattern took over 1s on the example {ex.text[:40]!r} "
                                    f"(catastrophic backtracking?)")
                    break
                except (regex.error, IndexError) as exc:
                    problems.append(f"replace cannot be applied: {exc}")
                    break
        return problems

    def _hits(self, text: str) -> Iterator[tuple[int, "regex.Match"]]:
        try:
            if self.combined is not None:
                for m in self.combined.finditer(text, timeout=self.regex_timeout):
                    i = int(m.lastgroup[2:])
                    own = self.own[i].match(text, m.start(), timeout=self.regex_timeout)
                    if own is not None and own.end() > own.start():
                        yield i, own
            for i in self.alone:
                for own in self.own[i].finditer(text, timeout=self.regex_timeout):
                    yield i, own
        except TimeoutError:
            raise RuleTimeout(f"rules {', '.join(r.id for r in self.rules)} exceeded the regex timeout "
                              f"of {self.regex_timeout}s") from None

    def propose(self, doc: Document) -> Iterator[Edit]:
        text = doc.text
        for i, m in self._hits(text):
            rule = self.rules[i]
            try:  # antipatterns are user patterns too: the same timeout
                if any(a.start() <= m.start() and m.end() <= a.end() for anti in self.anti[i]
                       for a in anti.finditer(text, max(0, m.start() - 200), m.end() + 200,
                                              timeout=self.regex_timeout)):
                    continue
            except TimeoutError:
                raise RuleTimeout(f"antipatterns of rule {rule.id} exceeded the regex timeout "
                                  f"of {self.regex_timeout}s") from None
            if "map" in rule.params:
                after = rule.params["map"].get(m.group(0))
                if after is None:
                    continue
            else:
                after = m.expand(rule.params.get("replace", ""))
            if after != m.group(0):
                yield make_edit(rule, text, m.start(), m.end(), after)
