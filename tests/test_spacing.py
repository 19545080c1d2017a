"""SPC pack: run-together and split words, never inside URLs, addresses, handles, hashtags or numbers."""
from __future__ import annotations

import pytest

from cleaner.config import CleanerConfig
from cleaner.engine import Engine

from .conftest import CASES


@pytest.fixture(scope="module")
def engine():
    return Engine(CleanerConfig(select=("SPC", "TYP")))


def test_glued_words_split_and_shielded_tokens_kept(engine):
    text = ("Prices rose, costingmore than $5.8bn (£4.5bn) at 13:45:01 andinjured two; see "
            "https://example.com/costingmore, mail desk@andinjured.org, #costingmore @andinjured 5mn.")
    out = engine.clean_one(text).text
    assert out.startswith("Prices rose, costing more than $5.8bn (£4.5bn) at 13:45:01 and injured two; see ")
    assert out.endswith("https://example.com/costingmore, mail desk@andinjured.org, #costingmore @andinjured 5mn.")


def test_rare_real_words_and_prefixed_words_stay(engine):
    text = "Hereto the licensor grants noncommercially usable sublicenses to the thinktank and the podcast."
    assert engine.clean_one(text).text == text


def test_split_words_in_prose_are_only_suggested(engine):
    result = engine.clean_one("This is not a relation ship that either had prioritized.")
    assert result.text == "This is not a relation ship that either had prioritized."
    assert [c.after for c in result.suggested] == ["relationship"]


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.glob("glued_*")))
def test_glued_cases(engine, case):
    src = (CASES / case / "input.txt").read_text(encoding="utf-8")
    want = (CASES / case / "expected.txt").read_text(encoding="utf-8")
    out = engine.clean_one(src, case).text
    wrong = set(out.split()) - set(want.split()) - set(src.split())
    assert not wrong, wrong
    for token in ("https://", "@", "#", "13:", "$", "£", "%"):
        assert out.count(token) == src.count(token)
