"""The one place where text changes: resolve overlaps, apply, compose, replay, revert.

Edits of one pass are in the offsets of that pass's input. :func:`compose`
folds them into the list of changes in ORIGINAL offsets, merging an edit with
an earlier change whose output it touches, so the log stays a sorted list of
non-overlapping spans of the original. That is what makes :func:`replay`
(original + log -> clean) and :func:`revert` (clean + log -> original) exact,
and lets any subset of changes be re-applied.
"""
from __future__ import annotations

import bisect
import difflib
from dataclasses import replace
from typing import Iterable, Sequence

from .model import Change, Edit, Safety, Status  # noqa: F401  Safety: the doctests build edits with it


class LogMismatch(ValueError):
    """The text does not hold what the log says it should at a change's span."""


def priority_key(edit: Edit) -> tuple:
    """Deterministic order for overlap resolution: safest, then most specific, then earliest."""
    return (edit.safety.rank, -edit.priority, edit.start, -(edit.end - edit.start), edit.rule_id, edit.after)


def resolve_overlaps(edits: Iterable[Edit]) -> tuple[list[Edit], list[Edit]]:
    """Keep the first of any overlapping pair in :func:`priority_key` order; return (kept, lost).

    >>> a = Edit("A", 0, 4, "x", "", Safety.SAFE); b = Edit("B", 2, 6, "y", "", Safety.UNSAFE)
    >>> [e.rule_id for e in resolve_overlaps([b, a])[0]]
    ['A']
    """
    kept: list[Edit] = []  # sorted by (start, end); pairwise non-overlapping, so their ends are sorted too
    keys: list[tuple[int, int]] = []
    lost: list[Edit] = []
    seen: set[tuple[int, int, str]] = set()
    for edit in sorted(edits, key=priority_key):
        if (edit.start, edit.end, edit.after) in seen:
            continue  # two rules proposing the same change: keep one, not a conflict
        # only kept edits that start at or before this one's end and end at or after its start can overlap it
        j = bisect.bisect_right(keys, (edit.end, float("inf"))) - 1
        while j >= 0 and kept[j].end >= edit.start and not edit.overlaps(kept[j]):
            j -= 1
        if j >= 0 and kept[j].end >= edit.start:
            lost.append(edit)
        else:
            at = bisect.bisect_left(keys, (edit.start, edit.end))
            kept.insert(at, edit)
            keys.insert(at, (edit.start, edit.end))
            seen.add((edit.start, edit.end, edit.after))
    return kept, lost


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply sorted, non-overlapping edits to ``text``.

    >>> apply_edits("the the cat", [Edit("S", 3, 7, "", "", Safety.SAFE)])
    'the cat'
    """
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos:
            raise ValueError(f"overlapping edits at {e.start}")
        out.append(text[pos:e.start])
        out.append(e.after)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def _current_spans(changes: Sequence[Change]) -> list[tuple[int, int]]:
    """Where each change's ``after`` sits in the current text (changes sorted by start)."""
    spans = []
    delta = 0
    for c in changes:
        s = c.start + delta
        spans.append((s, s + len(c.after)))
        delta += len(c.after) - (c.end - c.start)
    return spans


def _interacts(s: int, e: int, rs: int, re_: int) -> bool:
    if s == e or rs == re_:
        return s <= re_ and rs <= e
    return s < re_ and rs < e


def compose(original: str, current: str, changes: list[Change], winners: Sequence[Edit],
            make_change) -> list[Change]:
    """Fold one pass's applied ``winners`` (offsets in ``current``) into ``changes`` (original offsets).

    ``make_change(edit, start, end, before, after, absorbed)`` builds the
    record; ``absorbed`` are the earlier changes merged into it.

    >>> from cleaner.model import Change
    >>> mk = lambda e, s, t, b, a, ab: Change(e.rule_id, s, t, b, a, "", e.safety, Status.APPLIED)
    >>> orig = "a  b c"
    >>> c1 = compose(orig, orig, [], [Edit("R1", 1, 3, " ", "", Safety.SAFE)], mk)
    >>> c2 = compose(orig, "a b c", c1, [Edit("R2", 0, 3, "A B", "", Safety.SAFE)], mk)
    >>> [(c.rule, c.start, c.end, c.before, c.after) for c in c2]
    [('R2', 0, 4, 'a  b', 'A B')]
    """
    spans = _current_spans(changes)
    starts = [s for s, _ in spans]

    def to_original(x: int) -> int:
        """Map a current offset outside every change's output back to the original."""
        i = bisect.bisect_right(starts, x) - 1
        while i >= 0 and spans[i][1] > x:
            i -= 1  # x inside an output: callers never ask for that, but be safe
        if i < 0:
            return x
        return changes[i].end + (x - spans[i][1])

    # Group winners with the earlier changes they touch, then merge groups that share a change.
    groups: list[tuple[int, int, list[Edit], set[int]]] = []
    for w in sorted(winners, key=lambda e: (e.start, e.end)):
        absorbed = set()
        i = max(bisect.bisect_left(starts, w.start) - 1, 0)
        while i < len(spans) and spans[i][0] <= w.end:
            if _interacts(w.start, w.end, *spans[i]):
                absorbed.add(i)
            i += 1
        cs = min([w.start] + [spans[i][0] for i in absorbed])
        ce = max([w.end] + [spans[i][1] for i in absorbed])
        if groups and (groups[-1][3] & absorbed or cs < groups[-1][1]):
            gs, ge, ws, ab = groups.pop()
            groups.append((min(gs, cs), max(ge, ce), ws + [w], ab | absorbed))
        else:
            groups.append((cs, ce, [w], absorbed))

    absorbed_all: set[int] = set()
    new: list[Change] = []
    for cs, ce, ws, absorbed in groups:
        absorbed_all |= absorbed
        at_start = [changes[i].start for i in absorbed if spans[i][0] == cs]
        at_end = [changes[i].end for i in absorbed if spans[i][1] == ce]
        o_start = min(at_start) if at_start else to_original(cs)
        o_end = max(at_end) if at_end else to_original(ce)
        shifted = [replace(w, start=w.start - cs, end=w.end - cs) for w in ws]
        after = apply_edits(current[cs:ce], shifted)
        lead = max(ws, key=lambda w: (w.end - w.start, -w.start))
        new.append(make_change(lead, o_start, o_end, original[o_start:o_end], after,
                               [changes[i] for i in sorted(absorbed)] + [w for w in ws if w is not lead]))
    kept = [c for i, c in enumerate(changes) if i not in absorbed_all]
    return sorted(kept + new, key=lambda c: (c.start, c.end))


def map_to_original(changes: Sequence[Change], start: int, end: int) -> tuple[int, int] | None:
    """Original span of ``[start, end)`` of the current text, or None if it touches a change's output.

    >>> c = [Change("R", 1, 3, "  ", " ", "", Safety.SAFE, Status.APPLIED)]
    >>> map_to_original(c, 2, 3), map_to_original(c, 1, 2)
    ((3, 4), None)
    """
    return original_mapper(changes)(start, end)


def original_mapper(changes: Sequence[Change]):
    """:func:`map_to_original` for many spans of one text: the changes' output spans are computed once."""
    spans = _current_spans(changes)
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]  # sorted too: the outputs follow each other

    def to_original(start: int, end: int) -> tuple[int, int] | None:
        j = bisect.bisect_right(starts, end) - 1
        while j >= 0 and ends[j] >= start:
            if _interacts(start, end, *spans[j]):
                return None
            j -= 1
        i = bisect.bisect_right(ends, start) - 1
        delta = changes[i].end - ends[i] if i >= 0 else 0
        return start + delta, end + delta

    return to_original


def assign_out_offsets(changes: list[Change]) -> None:
    """Fill ``out_start``/``out_end`` of applied changes (sorted by start) in place."""
    delta = 0
    for c in sorted((c for c in changes if c.status is Status.APPLIED), key=lambda c: (c.start, c.end)):
        c.out_start = c.start + delta
        c.out_end = c.out_start + len(c.after)
        delta += len(c.after) - (c.end - c.start)


def replay(original: str, changes: Iterable[Change], *, strict: bool = True) -> str:
    """Apply logged changes (original offsets) to the original; any non-overlapping subset works.

    >>> c = Change("R", 4, 7, "the", "", "", Safety.SAFE, Status.APPLIED)
    >>> replay("the the cat", [c])
    'the  cat'
    """
    out: list[str] = []
    pos = 0
    for c in sorted(changes, key=lambda c: (c.start, c.end)):
        if c.start < pos:
            raise LogMismatch(f"change {c.id or c.rule} at {c.start} overlaps an earlier change")
        if not 0 <= c.start <= c.end <= len(original):
            raise LogMismatch(f"change {c.id or c.rule}: span {c.start}-{c.end} is outside the text "
                              f"({len(original)} characters)")
        if strict and original[c.start:c.end] != c.before:
            raise LogMismatch(f"change {c.id or c.rule}: expected {c.before!r} at {c.start}, "
                              f"found {original[c.start:c.end]!r}")
        out.append(original[pos:c.start])
        out.append(c.after)
        pos = c.end
    out.append(original[pos:])
    return "".join(out)


def revert(clean: str, changes: Iterable[Change]) -> str:
    """Rebuild the original from the cleaned text and the applied changes of its log.

    >>> c = Change("R", 4, 8, "the ", "", "", Safety.SAFE, Status.APPLIED, out_start=4, out_end=4)
    >>> revert("the cat", [c])
    'the the cat'
    """
    out: list[str] = []
    pos = 0
    for c in sorted((c for c in changes if c.status is Status.APPLIED), key=lambda c: (c.out_start, c.out_end)):
        if c.out_start is None or c.out_end is None or c.out_start < pos or not c.out_start <= c.out_end <= len(clean):
            raise LogMismatch(f"change {c.id or c.rule} has no usable output span")
        if clean[c.out_start:c.out_end] != c.after:
            raise LogMismatch(f"change {c.id or c.rule}: expected {c.after!r} at output {c.out_start}, "
                              f"found {clean[c.out_start:c.out_end]!r}")
        out.append(clean[pos:c.out_start])
        out.append(c.before)
        pos = c.out_end
    out.append(clean[pos:])
    return "".join(out)


def align_offsets(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """Spans that differ between ``a`` and ``b``, widened to whole words, as (a0, a1, b0, b1).

    For libraries (ftfy, symspellpy) that return a whole fixed string: their
    offsets are never trusted, the two strings are aligned here instead.

    >>> align_offsets("CafÃ© au lait", "Café au lait")
    [(0, 5, 0, 4)]
    >>> align_offsets("same", "same")
    []
    """
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    groups: list[list[int]] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        if groups:
            g = groups[-1]
            gap = a[g[1]:i1]
            if not any(ch.isspace() for ch in gap):
                g[1], g[3] = i2, j2
                continue
        groups.append([i1, i2, j1, j2])
    out = []
    for i1, i2, j1, j2 in groups:
        while i1 > 0 and j1 > 0 and not a[i1 - 1].isspace() and a[i1 - 1] == b[j1 - 1]:
            i1, j1 = i1 - 1, j1 - 1
        while i2 < len(a) and j2 < len(b) and not a[i2].isspace() and a[i2] == b[j2]:
            i2, j2 = i2 + 1, j2 + 1
        if out and i1 < out[-1][1]:
            p = out.pop()
            i1, j1 = p[0], p[2]
        out.append((i1, i2, j1, j2))
    return out


def line_col(text: str, offset: int, line_starts: list[int] | None = None) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``.

    >>> line_col("ab\\ncd", 4)
    (2, 2)
    """
    if line_starts is None:
        line_starts = line_start_offsets(text)
    i = bisect.bisect_right(line_starts, offset) - 1
    return i + 1, offset - line_starts[i] + 1


def line_start_offsets(text: str) -> list[int]:
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts
