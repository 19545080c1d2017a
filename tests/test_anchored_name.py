"""ASR013 (a name's other half heard by its sound), ASR010's fold tier and ASR014 (a rare word heard
as several): what a captioner writes for words it does not know, found by the fold of their sound.

Each guard is checked by a caption that only it keeps unchanged; each repair by a caption that
only the mechanism repairs (English sound keys alone miss it: the same engine without the rule,
or with the fold index emptied, leaves it).
"""
from __future__ import annotations

import pytest

from cleaner.config import CleanerConfig
from cleaner.corpus import learn
from cleaner.engine import Engine
from cleaner.lang import entities
from cleaner.lang.phonetic import fold, heard_alike

FILLER = ("and the nurses on the stroke unit will join the picket line after their shift ends tonight because "
          "they say the hospital has not listened to them at all this year and the board says talks will go on "
          "through the weekend with the union and the staff who have waited a long time for any offer at all")


def caption(middle: str) -> str:
    return f"more than eighty per cent voted to walk out {middle} {FILLER} {FILLER}"  # long enough to read as a caption


@pytest.fixture(scope="module")
def engine():
    return Engine(CleanerConfig(select=("ASR",)))


def clean(engine, text, article):
    return engine.clean_one(text, "caption", learn([("caption", text), ("article", article)]))


ARTICLE = "Staff voted to strike. Union representative Niamh Gallagher said staff had had enough."


def test_fold_reads_other_languages_spellings_as_english_ears_do():
    assert fold("Niamh") == fold("neve") and fold("Caoimhe") == fold("key va")
    assert fold("Schiedam") == fold("skee dam") and fold("Bruijn") == fold("bruin")
    assert heard_alike("said", "Niamh") < 0.6 and heard_alike("told", "Cerys") < 0.6


def test_the_first_name_heard_by_sound_is_repaired_from_the_surname(engine):
    result = clean(engine, caption("neve gallagher is the union rep here"), ARTICLE)
    assert "Niamh Gallagher is the union rep" in result.text
    assert any(c.rule == "ASR013" for c in result.applied)
    without = Engine(CleanerConfig(select=("ASR",), ignore=("ASR013",)))
    assert "neve" in clean(without, caption("neve gallagher is the union rep here"), ARTICLE).text


def test_the_surname_heard_by_sound_is_repaired_from_the_first_name(engine):
    article = "Staff voted to strike. The team was led by engineer Sander de Bruijn on Monday."
    result = clean(engine, caption("sander de bruin said the team"), article)
    assert "Sander de Bruijn said" in result.text


@pytest.mark.parametrize("middle, why", [
    ("said gallagher is the union rep here", "the word before the anchor sounds nothing like Niamh"),
    ("major gallagher is the union rep here", "a title is a description, not the other half (Maura sounds alike)"),
    ("neve gallagher is the union rep here", "a name the corpus writes too (Neve Gallagher) was heard right, and two names alike are no guess"),
])
def test_guards_keep_the_caption_words(engine, middle, why):
    article = ARTICLE + (" Neve Gallagher also spoke." if middle.startswith("neve") else " Maura Gallagher spoke.")
    result = clean(engine, caption(middle), article)
    assert not any(c.rule == "ASR013" for c in result.applied), why
    assert middle.split()[0] in result.text.lower() and "Niamh" not in result.text, why


def test_a_common_surname_anchors_nothing(engine):
    article = "Staff voted to strike. Union representative Niamh Smith said staff had had enough."
    result = clean(engine, caption("neve smith is the union rep here"), article)
    assert not any(c.rule == "ASR013" for c in result.applied)


def test_a_sentence_opening_word_anchors_nothing(engine):
    """"Prosecutor Siobhan Gallagher KC told the jury": the learner keeps the opening word as a possible part of the name."""
    article = "Prosecutor Siobhan Gallagher KC told the jury about the night. The jury retired."
    result = clean(engine, caption("prosecutor shiv on gallagher kc told the jury"), article)
    assert "Prosecutor Siobhan" not in result.text


def test_a_short_half_sounds_like_too_many_words(engine):
    article = "Staff voted to strike. Nurse Bai Hoang said staff had had enough."
    result = clean(engine, caption("bye hoang is the union rep here"), article)
    assert not any(c.rule == "ASR013" for c in result.applied)


def test_prose_is_not_touched(engine):
    prose = "Staff voted to walk out. Neve Gallagher, a nurse, said she agreed. " * 3
    result = clean(engine, prose, ARTICLE)
    assert not any(c.rule == "ASR013" for c in result.applied)


def test_a_one_word_name_is_found_by_its_fold(engine, monkeypatch):
    """ASR010: "skee dam" never meets "Schiedam" by Double Metaphone; their folds are one."""
    article = "The blast was heard across Schiedam on Monday. Schiedam lies west of the city."
    text = caption("the blast was heard across skee dam on monday")
    assert "across Schiedam on" in clean(engine, text, article).text
    real = entities.EntityIndex.__init__

    def no_folds(self, k):
        real(self, k)
        self.by_fold = {}
    monkeypatch.setattr(entities.EntityIndex, "__init__", no_folds)
    assert "skee dam" in clean(Engine(CleanerConfig(select=("ASR",))), text, article).text


ALGORITHM = "The team wrote their own algorithm to take rainfall forecasts into account."


def test_a_rare_word_heard_as_several_is_the_word_the_article_writes_beside_the_neighbour(engine):
    text = caption("and the team wrote their own all go rhythm so it takes the forecasts")
    result = clean(engine, text, ALGORITHM)
    assert "their own algorithm so" in result.text
    assert any(c.rule == "ASR014" for c in result.applied)


@pytest.mark.parametrize("article, why", [
    ("The team wrote an algorithm of its own. They own all the data.", "the prose never writes it beside the neighbour"),
    (ALGORITHM + " They said their own all was given.", "the prose writes the caption's own word there"),
])
def test_a_rare_word_needs_the_neighbour_the_article_writes(engine, article, why):
    text = caption("and the team wrote their own all go rhythm so it takes the forecasts")
    assert "all go rhythm" in clean(engine, text, article).text, why


def test_a_word_of_one_vowel_adds_no_sound(engine):
    """"eye witness a": the fold drops a final vowel, so the "a" would be swallowed."""
    article = "An eyewitness said she saw the car. The eyewitness told police she saw it."
    text = caption("and the eye witness a told police she saw it all")
    result = clean(engine, text, article)
    assert not any(c.rule == "ASR014" and c.before.endswith(" a") for c in result.applied)


def test_names_keep_their_particles_and_accented_capitals():
    from cleaner.lang.entities import entity_runs
    found = [e for e, _ in entity_runs("Festival director Rhodri ap Gwilym said so. The band Pobl y Glaw played. "
                                       "Dr Tadhg Ó Riordáin agreed.")]
    assert "Rhodri ap Gwilym" in found and "Pobl y Glaw" in found and "Tadhg Ó Riordáin" in " ".join(found)


def test_a_name_of_the_same_fold_beats_one_whose_key_is_near(engine):
    """"river vern we": River Severn's key is near too; River Vyrnwy's fold is the caption's own."""
    article = ("Flood warnings remain after the River Vyrnwy burst its banks. The Vyrnwy meets the River Severn "
               "near Shrewsbury, where the River Severn rose.")
    text = caption("the flood came after the river vern we burst its banks")
    result = clean(engine, text, article)
    assert "the River Vyrnwy burst" in result.text
    assert any(c.rule == "ASR010" and c.before == "river vern we" for c in result.applied)  # one name, not two repairs


def test_the_whole_name_is_taken_when_its_fold_is_the_whole_window(engine):
    article = "Festival director Rhodri ap Gwilym said the decision was hard. Rhodri ap Gwilym thanked fans."
    text = caption("the festival director rod ree up gwillim says the decision")
    assert "director Rhodri ap Gwilym says" in clean(engine, text, article).text


@pytest.mark.parametrize("heard, article, fixed", [
    ("shadow", "Do not walk through floodwater, even if it looks shallow.", True),
    ("sharp", "Do not walk through floodwater, even if it looks shallow.", False),  # spellings not close enough
    ("shadow", "Do not walk through floodwater, even if it looks shallow and calm.", False),  # no sentence end there
    ("morning", "Forecasters issued an amber warning.", False),  # one neighbour: "morning" is not close enough
])
def test_a_word_the_article_ends_a_sentence_with_after_the_same_neighbour(engine, heard, article, fixed):
    """ASR012 with one neighbour: the caption runs on where the article's sentence ends."""
    before = "amber" if heard == "morning" else "looks"
    text = caption(f"and do not walk through flood water even if it {before} {heard} the council says")
    out = clean(engine, text, article).text
    right = "warning" if heard == "morning" else "shallow"
    assert (f"{before} {right} the council" in out) == fixed, out
