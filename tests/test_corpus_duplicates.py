"""An exact copy of a document is learned once (issue 11): copies are not a site template.

Eight copies of the sample corpus must clean exactly as one copy does: the same edits, per copy,
and no line suggested as repeated boilerplate because every copy repeats it.
"""
from __future__ import annotations

from cleaner.corpus import learn


def test_copies_of_a_corpus_clean_as_the_corpus_does(engine, sample_texts):
    once = [(name, text) for name, text in sample_texts.items()]
    copies = [(f"copy{i}_{name}", text) for i in range(8) for name, text in once]
    single, eight = learn(once), learn(copies)
    assert eight.documents == 8 * len(once) and eight.distinct_documents == len(once)
    for name, text in once:
        a = engine.clean_one(text, name, single)
        b = engine.clean_one(text, name, eight)
        assert b.text == a.text
        assert [(c.rule, c.start, c.status) for c in b.changes] == [(c.rule, c.start, c.status) for c in a.changes]
        assert not any(c.rule == "SEO011" for c in b.changes)
