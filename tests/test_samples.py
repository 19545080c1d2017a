"""Golden snapshots of the sample corpus: cleaned text and diff log, compared exactly.

Regenerate with ``make snapshots`` and review the git diff.
"""
from __future__ import annotations

import json

import pytest

from cleaner.corpus import learn
from cleaner.difflog import records

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def results(engine, sample_texts):
    corpus = learn(sample_texts.items())
    return {name: engine.clean_one(text, name, corpus) for name, text in sample_texts.items()}


def test_cleaned_samples_match_golden(results):
    for name, result in results.items():
        expected = (GOLDEN / "samples" / name).read_text(encoding="utf-8")
        assert result.text == expected, f"{name} differs from its snapshot; run `make snapshots` and review"


def test_diff_log_matches_golden(results):
    lines = [l for l in (GOLDEN / "samples.difflog.jsonl").read_text(encoding="utf-8").split("\n") if l]
    expected = [json.loads(line) for line in lines]
    actual = [json.loads(json.dumps(r, ensure_ascii=False)) for res in results.values() for r in records(res)]
    assert actual == expected, "diff log differs from its snapshot; run `make snapshots` and review"
