"""``remove_line``: delete whole lines that match a pattern (boilerplate furniture).

All line patterns of a pack form one anchored alternation tried on each line.
A removed line takes its line break with it, plus the blank lines after it
when a blank line already precedes it, so paragraphs stay separated by one
blank line instead of gaining holes.

YAML parameters: ``patterns`` (list, each must match the whole stripped line),
``flags`` (``i`` etc.), ``max_chars`` (longer lines are never removed; default 200).
"""
from __future__ import annotations

from typing import Iterator

import regex

from ..model import Document, Edit
from ..registry import RuleSpec
from . import register_kind
from .base import RuleKind, make_edit
from .regex_edit import RuleTimeout, compile_flags, scoped


def iter_lines(text: str) -> Iterator[tuple[int, int, int]]:
    r"""(start, content_end, next_start) for every line; content excludes the line break.

    >>> list(iter_lines("a\r\nbb\n"))
    [(0, 1, 3), (3, 5, 6)]
    """
    pos, n = 0, len(text)
    while pos < n:
        nl = text.find("\n", pos)
        nxt = n if nl == -1 else nl + 1
        end = nl if nl != -1 else n
        if end > pos and text[end - 1] == "\r":
            end -= 1
        yield pos, end, nxt
        pos = nxt


def removal_span(text: str, start: int, next_start: int) -> tuple[int, int]:
    r"""Widen a line's removal so paragraphs keep exactly their old separation.

    After a blank line (or at the start), the blank lines that follow go too;
    at the end of the text, the blank lines before it go instead.

    >>> t = "para\n\nSee also X\n\nmore\n"
    >>> s, e = removal_span(t, 6, 17); t[:s] + t[e:]
    'para\n\nmore\n'
    >>> t = "para\n\nSee also X\n"
    >>> s, e = removal_span(t, 6, 17); t[:s] + t[e:]
    'para\n'
    """
    end = next_start
    prev_start = text.rfind("\n", 0, max(start - 1, 0)) + 1
    if start == 0 or not text[prev_start:start].strip():
        while end < len(text):
            nl = text.find("\n", end)
            line_end = len(text) if nl == -1 else nl + 1
            if text[end:line_end].strip():
                break
            end = line_end
    if start > 0 and not text[end:].strip():
        end = len(text)
        content_end = len(text[:start].rstrip())
        nl = text.find("\n", content_end)
        start = nl + 1 if nl != -1 and nl < start else start
    return start, end


@register_kind
class RemoveLine(RuleKind):
    name = "remove_line"
    required_params = ("patterns",)
    respects_protected = False

    def __init__(self, rules, regex_timeout: float = 5.0):
        super().__init__(rules, regex_timeout)
        alts = []
        for i, r in enumerate(self.rules):
            joined = "|".join(f"(?:{p})" for p in r.params["patterns"])
            alts.append(f"(?P<_r{i}>{scoped(joined, r.params.get('flags'))})")
        self.line_re = regex.compile(r"\A[ \t]*(?:" + "|".join(alts) + r")[ \t]*\Z")

    @classmethod
    def validate(cls, rule: RuleSpec) -> list[str]:
        problems = super().validate(rule)
        pats = rule.params.get("patterns")
        if not isinstance(pats, list) or not pats:
            return problems + ["'patterns' must be a non-empty list"]
        for i, p in enumerate(pats):
            try:
                regex.compile(str(p), compile_flags(rule.params.get("flags")))
            except (regex.error, KeyError) as exc:
                problems.append(f"patterns[{i}] does not compile: {exc}")
        return problems

    def propose(self, doc: Document) -> Iterator[Edit]:
        text = doc.text
        for start, end, nxt in iter_lines(text):
            line = text[start:end]
            if not line.strip():
                continue
            try:
                m = self.line_re.match(line, timeout=self.regex_timeout)
            except TimeoutError:
                raise RuleTimeout(f"rules {', '.join(r.id for r in self.rules)} exceeded the regex timeout "
                                  f"of {self.regex_timeout}s") from None
            if m is None:
                continue
            rule = self.rules[int(m.lastgroup[2:])]
            if len(line) > int(rule.params.get("max_chars", 200)):
                continue
            s, e = removal_span(text, start, nxt)
            yield make_edit(rule, text, s, e, "", line=line.strip())
