"""Word-level scoring of a repair against a gold text: which gold edits were made, which system edits were right.

Gold edits are the differences between the damaged input and the expected text; system edits those
between the input and the output. An edit is judged over the smallest window around it whose edges
line up in both alignments, so two adjacent swaps repaired as one edit still count as two repairs.
"""
from __future__ import annotations

import difflib


def _anchors(a: list[str], b: list[str]) -> dict[int, int]:
    """Positions of ``a`` whose boundary maps to one place in ``b`` (inside or at the edge of equal runs)."""
    out: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(i1, i2 + 1):
                out[k] = j1 + (k - i1)
        else:
            out.setdefault(i1, j1)
            out[i2] = j2
    return out


def _edits(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    return [(i1, i2) for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
            if tag != "equal"]


def score(src: str, gold: str, out: str) -> dict:
    s, g, o = src.split(), gold.split(), out.split()
    ag, ao = _anchors(s, g), _anchors(s, o)

    def window(i: int, j: int) -> tuple[list[str], list[str], list[str]]:
        while i > 0 and not (i in ag and i in ao):
            i -= 1
        while j < len(s) and not (j in ag and j in ao):
            j += 1
        return s[i:j], g[ag[i]:ag[j]], o[ao[i]:ao[j]]

    gold_edits, sys_edits = _edits(s, g), _edits(s, o)
    repaired = sum(want == got for _, want, got in (window(i, j) for i, j in gold_edits))
    right, wrong = 0, []
    for i, j in sys_edits:  # right: the window now reads closer to the gold text than the input did
        before, want, got = window(i, j)
        if _distance(got, want) < _distance(before, want):
            right += 1
        else:
            wrong.append((i, j))
    return {"gold": len(gold_edits), "repaired": repaired, "system": len(sys_edits), "right": right,
            "wrong": wrong}


def _distance(a: list[str], b: list[str]) -> int:
    """Word-level edit distance."""
    row = list(range(len(b) + 1))
    for x in a:
        prev, row[0] = row[0], row[0] + 1
        for k, y in enumerate(b, 1):
            prev, row[k] = row[k], min(row[k] + 1, row[k - 1] + 1, prev + (x != y))
    return row[-1]
