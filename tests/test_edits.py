"""Overlap resolution, composition across passes, replay and revert (the reversibility proof)."""
from __future__ import annotations

import random

from hypothesis import given, settings, strategies as st

from cleaner.edits import apply_edits, assign_out_offsets, compose, replay, resolve_overlaps, revert
from cleaner.model import Change, Edit, Safety, Status


def edit(rule, s, e, after, safety=Safety.SAFE, priority=0):
    return Edit(rule, s, e, after, "", safety, priority=priority)


def make(e, s, t, before, after, absorbed):
    return Change(e.rule_id, s, t, before, after, "", e.safety, Status.APPLIED,
                  composed_of=tuple(getattr(a, "rule", getattr(a, "rule_id", "")) for a in absorbed))


def test_overlap_prefers_safety_then_priority_then_start():
    a, b = edit("A", 0, 5, "x", Safety.UNSAFE), edit("B", 3, 8, "y")
    assert [e.rule_id for e in resolve_overlaps([a, b])[0]] == ["B"]
    c, d = edit("C", 0, 5, "x", priority=1), edit("D", 3, 8, "y")
    kept, lost = resolve_overlaps([d, c])
    assert [e.rule_id for e in kept] == ["C"] and [e.rule_id for e in lost] == ["D"]
    assert [e.rule_id for e in resolve_overlaps([edit("E", 4, 6, ""), edit("F", 0, 5, "")])[0]] == ["F"]


def test_resolution_is_deterministic_whatever_the_input_order():
    edits = [edit(r, s, s + n, "z") for r, s, n in [("A", 0, 3), ("B", 2, 4), ("C", 5, 1), ("D", 5, 2), ("E", 9, 0)]]
    first = resolve_overlaps(edits)[0]
    for seed in range(20):
        shuffled = edits[:]
        random.Random(seed).shuffle(shuffled)
        assert resolve_overlaps(shuffled)[0] == first


def run_passes(original, passes):
    """Apply passes of edits (each in the offsets of its own input) and compose the log."""
    changes, current = [], original
    for winners in passes:
        changes = compose(original, current, changes, winners, make)
        current = apply_edits(current, winners)
    assign_out_offsets(changes)
    return current, changes


def test_compose_merges_an_edit_that_touches_an_earlier_output():
    original = "caf\u00c3\u00a9  au lait"
    clean, changes = run_passes(original, [
        [edit("MOJ", 0, 5, "café"), edit("SP", 5, 7, " ")],
        [edit("CAP", 0, 4, "Café")],
    ])
    assert clean == "Café au lait"
    assert [(c.rule, c.before, c.after, c.composed_of) for c in changes] == [
        ("CAP", "caf\u00c3\u00a9", "Café", ("MOJ",)), ("SP", "  ", " ", ())]
    assert revert(clean, changes) == original and replay(original, changes) == clean


def test_compose_keeps_separate_edits_separate_in_original_offsets():
    original = "the the cat sat on on the mat"
    clean, changes = run_passes(original, [[edit("ST", 0, 4, "")], [edit("ST", 15, 18, "")]])
    assert clean == "the cat sat on the mat"
    assert [(c.start, c.end, c.before) for c in changes] == [(0, 4, "the "), (19, 22, "on ")]


def test_replay_of_a_subset_leaves_the_others_out():
    original = "a1 b2 c3"
    _, changes = run_passes(original, [[edit("X", 0, 2, "A"), edit("Y", 3, 5, "B"), edit("Z", 6, 8, "C")]])
    assert replay(original, [c for c in changes if c.rule != "Y"]) == "A b2 C"


@st.composite
def passes(draw):
    """A random text and up to three passes of random non-overlapping edits."""
    text = draw(st.text(alphabet="ab \n\u00e9", max_size=30))
    result, current = [], text
    for _ in range(draw(st.integers(1, 3))):
        points = sorted(draw(st.lists(st.integers(0, len(current)), max_size=6)))
        winners, last = [], -1
        for s, e in zip(points[::2], points[1::2]):
            if s > last:
                winners.append(edit("R", s, e, draw(st.text(alphabet="xy\n", max_size=3))))
                last = e
        winners, _ = resolve_overlaps(winners)
        result.append(winners)
        current = apply_edits(current, winners)
    return text, result


@settings(max_examples=400, deadline=None)
@given(passes())
def test_composed_log_replays_and_reverts_exactly(case):
    original, pass_edits = case
    clean, changes = run_passes(original, pass_edits)
    assert replay(original, changes) == clean
    assert revert(clean, changes) == original
    spans = [(c.start, c.end) for c in changes]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "log spans must not overlap"
