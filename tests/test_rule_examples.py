"""Every rule's embedded examples, run with the rule alone (LanguageTool / proselint style).

For each bad example: the rule fires exactly once, at the marked span; the
result equals the expected fix; and the rule fires nothing on that fix. Good
examples fire nothing. Gates (``requires``) are forced on, so the examples
test the rule itself; gating is tested in test_engine.py.
"""
from __future__ import annotations

import pytest

from cleaner.corpus import learn
from cleaner.edits import apply_edits
from cleaner.kinds import compile_rules
from cleaner.model import Document, Profile
from cleaner.registry import load_registry

REGISTRY = load_registry()
CASES = [(rule.id, i) for rule in REGISTRY.rules.values() for i in range(len(rule.examples))]


def propose(rule, text, corpus_texts=()):
    (matcher,) = compile_rules([rule])
    docs = [(f"corpus{i}", t) for i, t in enumerate(corpus_texts)] + [("example", text)]
    doc = Document(text, "example", Profile.forcing(rule.requires), learn(docs))
    return list(matcher.propose(doc))


@pytest.mark.parametrize("code,index", CASES, ids=[f"{c}-{i}" for c, i in CASES])
def test_example(code, index):
    rule = REGISTRY.rules[code]
    ex = rule.examples[index]
    edits = propose(rule, ex.text, ex.corpus)
    if not ex.is_bad:
        assert edits == [], f"{code} fired on a good example: {[(e.start, e.end, e.after) for e in edits]}"
        return
    assert len(edits) == 1, f"{code} should fire once, fired {[(ex.text[e.start:e.end], e.after) for e in edits]}"
    (edit,) = edits
    assert (edit.start, edit.end) == ex.span, (
        f"{code} fired at {ex.text[edit.start:edit.end]!r}, expected {ex.text[ex.span[0]:ex.span[1]]!r}")
    assert apply_edits(ex.text, edits) == ex.fix
    again = propose(rule, ex.fix, ex.corpus)
    assert again == [], f"{code} fires on its own correction: {[(e.start, e.end, e.after) for e in again]}"


def test_every_rule_has_bad_and_good_examples():
    for rule in REGISTRY.rules.values():
        assert any(e.is_bad for e in rule.examples), rule.id
        assert any(not e.is_bad for e in rule.examples), rule.id
