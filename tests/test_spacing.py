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


def test_one_unknown_compound_alone_is_only_suggested(engine):
    """Glue damage comes in clusters; a single unknown compound in clean prose may be a rare word."""
    text = "Officials cited geoeconomics as the reason for the new trade rules, the report said."
    result = engine.clean_one(text)
    assert result.text == text
    assert [c.after for c in result.suggested] == ["geo economics"]


def test_a_glued_function_word_alone_is_repaired(engine):
    text = "The storm hit the coast andinjured three people, officials said on Monday."
    assert engine.clean_one(text).text == "The storm hit the coast and injured three people, officials said on Monday."


def test_two_glued_words_in_a_document_are_repaired(engine):
    text = "Fuel prices rose again, costingmore than expected, and the researchinstitute said demand fell."
    assert engine.clean_one(text).text == ("Fuel prices rose again, costing more than expected, and the research "
                                           "institute said demand fell.")


CHANGELOG = "\n".join(
    f"- bpo-{40000 + n}: Fix the {word} module (``idlelib/{word}.py``); see issue #{n} and test_{word}()."
    for n, word in enumerate(["mainloop", "searchengine", "pathbrowser", "mousewheel", "tearoff", "menudef"] * 6))


def test_technical_documents_get_suggestions_only(engine):
    """A changelog names modules in lowercase ("mainloop"): neither split nor respelled there."""
    result = engine.clean_one(CHANGELOG + "\nThe goverment of the searchengine costingmore andinjured.\n")
    assert result.profile.has("technical")
    assert "mainloop" in result.text and "goverment" in result.text and "andinjured" in result.text
    assert {"government", "costing more", "and injured"} <= {c.after for c in result.suggested}  # module names: used twice, terms


def test_news_cases_are_not_technical(engine):
    for case in sorted(CASES.glob("*/input.txt")):
        assert not engine.clean_one(case.read_text(encoding="utf-8"), case.parent.name).profile.has("technical"), case


def test_a_package_name_before_a_version_is_shielded(engine):
    text = "Bundled crates:\n  - bitflags 2.13.2\n  - tempfile 3.27.0\n  - zerocopy v0.7\nAll are MIT licensed.\n"
    assert engine.clean_one(text).text == text


def test_a_damaged_document_joins_pairs_english_writes_as_one_word(engine):
    """SPC002: where the document lost and gained spaces elsewhere ("andinjured", "ofthe"), a pair
    whose whole English writes ten times as often as the pair is one word split in two."""
    damaged = ("Firefighters worked andinjured people were taken to hospital overnight. Police re ported that "
               "the blaze started before sun set and spread ofthe hillside, and residents were told to go in to "
               "the school hall every day until the roads reopen.\n")
    out = engine.clean_one(damaged).text
    assert "reported" in out and "sunset" in out
    assert "go in to" in out and "every day" in out  # the whole is not that much commoner: two words meant
    clean = "Police said the blaze started before the sun set behind the hills, and crews worked on.\n"
    assert engine.clean_one(clean).text == clean  # no spacing damage: the pair stays
