"""Removal spans for furniture groups: whole lines, paragraphs kept one blank line apart.

Neighbouring groups of different classes (a share bar, then a comment form) are
removed as one stretch, cut at group boundaries, so their edits touch without
overlapping and the text reads as if the whole stretch had been one removal.
"""
from __future__ import annotations

from typing import Sequence

from ..kinds.remove_line import removal_span
from .groups import Group

Line = tuple[int, int, int]  # start, content_end, next_start


def removal_spans(text: str, lines: Sequence[Line], texts: Sequence[str],
                  groups: Sequence[Group]) -> list[tuple[Group, int, int]]:
    r"""``(group, start, end)`` for each group; removable groups are cut from shared stretches.

    >>> from cleaner.kinds.remove_line import iter_lines
    >>> t = "Story.\n\nShare this:\n\nLeave a Reply\n"
    >>> ls = list(iter_lines(t)); tx = [t[s:e] for s, e, _ in ls]
    >>> gs = [Group("share", 2, 2, "strong", ""), Group("comment", 4, 4, "strong", "")]
    >>> [(g.cls, t[s:e]) for g, s, e in removal_spans(t, ls, tx, gs)]
    [('share', '\nShare this:\n\n'), ('comment', 'Leave a Reply\n')]
    """
    out: list[tuple[Group, int, int]] = []
    stretch: list[Group] = []

    def flush() -> None:
        if not stretch:
            return
        start, end = removal_span(text, lines[stretch[0].first][0], lines[stretch[-1].last][2])
        cuts = [start] + [lines[g.first][0] for g in stretch[1:]] + [end]
        out.extend((g, cuts[k], cuts[k + 1]) for k, g in enumerate(stretch))
        stretch.clear()

    for group in sorted((g for g in groups if g.removable), key=lambda g: g.first):
        if stretch and any(texts[i].strip() for i in range(stretch[-1].last + 1, group.first)):
            flush()
        stretch.append(group)
    flush()
    for group in groups:
        if not group.removable:
            start, end = removal_span(text, lines[group.first][0], lines[group.last][2])
            out.append((group, start, end))
    return sorted(out, key=lambda t: (t[1], t[2]))
