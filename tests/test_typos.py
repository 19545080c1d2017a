"""TYP pack: typos need a frequency margin; names need corpus evidence; variants stay."""
from __future__ import annotations

import pytest

from cleaner.config import CleanerConfig
from cleaner.corpus import learn
from cleaner.engine import Engine
from cleaner.kinds.typo import best_fix
from cleaner.lang.phonetic import transliteration_variant


@pytest.fixture(scope="module")
def engine():
    return Engine(CleanerConfig(select=("TYP",)))


def test_best_fix_needs_a_margin():
    assert best_fix("goverment")[0] == "government"
    assert best_fix("accessors") is None and best_fix("hereto") is None


def test_name_fixed_only_with_corpus_evidence(engine):
    doc = "On Wednesday, Putin gave Kim an Auras car and a tea set."
    assert engine.clean_one(doc).text == doc  # alone, "Auras" may be right
    others = ["Putin gave Kim a Russian-made Aurus car.", "The Aurus limousine was a gift.", "Kim drove the Aurus."]
    corpus = learn([(f"d{i}", t) for i, t in enumerate(others)] + [("doc", doc)])
    assert engine.clean_one(doc, "doc", corpus).text == doc.replace("Auras", "Aurus")


def test_romanisation_variants_are_not_typos(engine):
    others = ["Sergey Lavrov spoke.", "Then Sergey Lavrov left.", "Later Sergey Lavrov said no."]
    doc = "The minister Sergei Lavrov met him."
    corpus = learn([(f"d{i}", t) for i, t in enumerate(others)] + [("doc", doc)])
    assert transliteration_variant("Sergei", "Sergey")
    assert engine.clean_one(doc, "doc", corpus).text == doc
