"""Every wrong edit found on real text, written again as project sentences that must not change.

tests/cases/negative_real.jsonl: each case is a sentence with the word a rule once got wrong on
real edited news (the BBC News corpus, Reuters-21578, a 2025 news scrape; see scripts/eval_news.py),
``why`` says what went wrong, and ``corpus`` gives the other documents that tempted a corpus rule
(a name spelled otherwise three times); ``fixed``, where present, is the text once a right repair
elsewhere in it is made (a real misspelling the wrong edit had split). The sentences are written for
the project, not copied.
"""
from __future__ import annotations

import json

import pytest

from cleaner.corpus import learn

from .conftest import CASES

REAL = [json.loads(line) for line in (CASES / "negative_real.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()]


@pytest.mark.parametrize("case", REAL, ids=[c["why"][:60] for c in REAL])
def test_a_wrong_edit_found_on_real_text_stays_fixed(engine, case):
    docs = [(f"corpus{i}", t) for i, t in enumerate(case.get("corpus", []))] + [("case", case["text"])]
    result = engine.clean_one(case["text"], "case", learn(docs))
    assert result.text == case.get("fixed", case["text"]), [(c.rule, c.before, c.after) for c in result.applied]
