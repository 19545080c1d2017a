"""The spun-text family (SPN): detection gates, lexicon entries, and what must never change."""
from __future__ import annotations

import pytest

from cleaner.corpus import learn
from cleaner.kinds import compile_rules
from cleaner.lexicon import read_rows
from cleaner.model import Document, Profile
from cleaner.registry import rule_dirs

from .conftest import CASES

PHRASES = [cols for _, cols in read_rows(rule_dirs()[0] / "lexicons" / "spun_phrases.tsv", 5)]


@pytest.mark.parametrize("spun,original,example", [(c[0], c[1], c[4]) for c in PHRASES], ids=[c[0] for c in PHRASES])
def test_every_phrase_entry_repairs_its_example(registry, spun, original, example):
    (matcher,) = compile_rules([registry.rules["SPN001"]])
    doc = Document(example, profile=Profile.forcing(["spun"]))
    from cleaner.edits import apply_edits

    fixed = example
    for _ in range(3):  # the engine repeats passes; overlapping entries resolve in the next pass
        fixed = apply_edits(fixed, list(matcher.propose(Document(fixed, profile=doc.profile))))
    assert spun.lower() not in fixed.lower() or spun.lower() in original.lower(), fixed
    assert original.lower() in fixed.lower(), fixed


def test_only_the_spun_seed_is_detected(engine, sample_texts):
    corpus = learn(sample_texts.items())
    for name, text in sample_texts.items():
        result = engine.clean_one(text, name, corpus)
        spun_edits = [c for c in result.changes if c.rule.startswith("SPN")]
        if name.startswith("004"):
            assert result.profile.has("spun") and len(spun_edits) > 30
        else:
            assert not result.profile.has("spun") and spun_edits == [], name


def test_names_that_were_never_spun_stay(engine, sample_texts):
    text = sample_texts["004_7682a3ce6621e8d7.txt"]
    result = engine.clean_one(text)
    for name in ("Vladimir Putin", "Antony Blinken", "Leif-Eric Easley", "Aurus", "Jens Stoltenberg", "Bloomberg"):
        assert result.text.count(name) == text.count(name), name
    assert "Shin Won-sik" in result.text and "Security Council" in result.text


CLEAN_NEWS = [
    "The army said on Tuesday it had repelled an attack near the border. The general mentioned the losses "
    "only briefly, and the federal government promised more aid. Officers were sent to assist residents.",
    "She mentioned it to reporters after the meeting. The settlement in the West Bank was expanded, and "
    "the assembly voted on the budget. Prices rose towards the end of the year.",
    "It is the most beautiful place on this planet, she said, and we are trying to keep it that way.",
]


@pytest.mark.parametrize("text", CLEAN_NEWS)
def test_clean_news_using_spinner_words_is_untouched(engine, text):
    result = engine.clean_one(text)
    assert not result.profile.has("spun")
    assert result.text == text


TORTURED = ("We propose a profound neural organization trained with counterfeit consciousness methods. "
            "An irregular woodland baseline and a bolster vector machine were compared; the mean square "
            "blunder fell by 12%.")


def test_tortured_phrases_are_detected_and_repaired(engine):
    result = engine.clean_one(TORTURED)
    assert result.profile.has("tortured") and not result.profile.has("spun")
    for term in ("deep neural network", "artificial intelligence", "random forest", "support vector machine",
                 "mean square error"):
        assert term in result.text


def test_a_normal_abstract_is_not_tortured(engine):
    text = ("We train a deep neural network and a random forest baseline. It was a profound learning "
            "experience for the team, and huge information flows were logged.")
    result = engine.clean_one(text)
    assert not result.profile.has("tortured") and result.text == text


def test_spun_cases_are_repaired_more_than_damaged(engine):
    """Every hand-made spun case moves closer to its original, and no repair adds a new wrong word."""
    import difflib

    for case in sorted(p for p in CASES.glob("spun_*") if p.is_dir()):
        src = (case / "input.txt").read_text(encoding="utf-8")
        gold = (case / "expected.txt").read_text(encoding="utf-8")
        out = engine.clean_one(src, case.name).text
        before = difflib.SequenceMatcher(None, src.split(), gold.split()).ratio()
        after = difflib.SequenceMatcher(None, out.split(), gold.split()).ratio()
        assert after > before, case.name
        added = set(out.split()) - set(src.split()) - set(gold.split())
        assert not added, f"{case.name}: words no original has: {added}"
