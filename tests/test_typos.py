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


def test_a_word_cut_off_at_a_line_end_is_only_suggested(engine):
    """Scraped lines are cut mid-word ("the reci" of "recipient"): a typo fix there would invent a word."""
    text = "You must provide complete object files to the reci\nYou may not impose further restrictions.\n"
    result = engine.clean_one(text)
    assert result.text == text and [c.after for c in result.suggested] == ["rec"]
    fixed = engine.clean_one("The goverment said so.\n").text
    assert fixed == "The government said so.\n"  # punctuated: a slip, repaired


def test_the_name_learner_reads_text_as_the_character_repairs_leave_it():
    """Damage the unicode pack removes must not teach names: a mojibake fragment ("FranÃ") would make
    "franãois" ambiguous in a first run and not in a second, and the corpus would never settle."""
    damaged = ("On Monday, President Fran\u00c3\u00a7ois Hollande met Fran\u00c3\u00a7ois Fillon. "
               "The note was inc\u00adluded, said Fran\u00c3\u00a7ois Bayrou.\x1b[0m")
    names = learn([("d", damaged)]).get("names")
    clean = learn([("d", "On Monday, President François Hollande met François Fillon. "
                         "The note was included, said François Bayrou.")]).get("names")
    assert names.caps == clean.caps and names.lower == clean.lower
    assert names.caps["François"] == 3 and not any("Ã" in form for form in names.caps)


def test_a_spelling_with_diacritics_is_not_a_typo(engine):
    text = "The naïve coöperation of the façade and the rôle of the élite were noted.\n"
    assert engine.clean_one(text).text == text
