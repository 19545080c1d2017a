"""Huge documents are cleaned window by window, so memory follows the window, not the document.

The rules tokenise what they look at, and a token costs far more than the character it
stands for: a 20 MB transcript on one line took over 3 GiB when cleaned whole. A document
longer than ``window_chars`` is therefore cut into windows at the best boundary near each
limit (a blank line, else a line end, else a sentence end, else a space; a hard cut only
when a window holds none), each window is cleaned as a document of its own (own profile,
own passes, own change-ratio check), and the results are joined: changes shifted into the
document's offsets, counters summed, findings kept at each kind's highest score.

What this costs: an edit cannot span two windows (a stutter split by a window boundary stays),
and a detector judges each window, so a window with no damage of a kind runs none of that
kind's gated rules. Documents under the limit (nearly all) are cleaned whole, exactly as before.
"""
from __future__ import annotations

from dataclasses import replace

import re
import unicodedata
from typing import Callable

from .model import CleanResult, Finding, Profile, RuleCounters

# the kinds of boundary, best first; each is searched in the second half of a window
_BOUNDARIES = (re.compile(r"\n[ \t]*\n"), re.compile(r"\n"), re.compile(r"[.!?…][\"”’')\]]*[ \t]+"),
               re.compile(r"[ \t]+"))


def window_ends(text: str, size: int) -> list[int]:
    """End offsets of the windows of ``text`` (the last is ``len(text)``); each window is at most ``size``.

    >>> t = "one two. three four\\n\\nfive six seven"
    >>> [t[a:b] for a, b in zip([0, *window_ends(t, 24)], window_ends(t, 24))]
    ['one two. three four\\n\\n', 'five six seven']
    """
    ends, start = [], 0
    while len(text) - start > size:
        limit, floor = start + size, start + size // 2
        cut = None
        for pattern in _BOUNDARIES:
            last = None
            for last in pattern.finditer(text, floor, limit):
                pass
            if last is not None:
                cut = last.end()
                break
        if cut is None:  # no boundary at all: cut, but never before a combining mark
            cut = limit
            while cut > floor and unicodedata.combining(text[cut]):
                cut -= 1
        ends.append(cut)
        start = cut
    ends.append(len(text))
    return ends


def clean_in_windows(clean_whole: Callable[[str], CleanResult], text: str, doc_id: str, size: int) -> CleanResult:
    """Clean ``text`` window by window with ``clean_whole`` and join the results into one."""
    parts, start = [], 0
    for end in window_ends(text, size):
        parts.append((start, clean_whole(text[start:end])))
        start = end
    changes, counters, findings, warnings, rolled = [], {}, {}, [], []
    for offset, part in parts:
        for c in part.changes:
            c.start += offset
            c.end += offset
            changes.append(c)
        for rule, n in part.counters.items():
            total = counters.setdefault(rule, RuleCounters())
            for name, value in vars(n).items():
                setattr(total, name, getattr(total, name) + value)
        for kind, f in part.profile.findings.items():
            if kind not in findings or (f.detected, f.score) > (findings[kind].detected, findings[kind].score):
                findings[kind] = f
        warnings += part.warnings
        if part.rolled_back:
            rolled.append(f"characters {offset}-{offset + len(part.original)}: {part.rolled_back}")
    return CleanResult(doc_id, text, "".join(p.text for _, p in parts), Profile(_noted(findings, len(parts))),
                       changes, counters, max(p.passes for _, p in parts), all(p.converged for _, p in parts),
                       rolled_back="; ".join(rolled), warnings=warnings)


def _noted(findings: dict[str, Finding], windows: int) -> dict[str, Finding]:
    """Findings that say they are the highest of ``windows`` windows."""
    note = f"highest of {windows} windows"
    return {k: replace(f, reason=f"{f.reason}; {note}" if f.reason else note) for k, f in findings.items()}
