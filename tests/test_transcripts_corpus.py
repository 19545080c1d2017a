"""Issue 15: transcripts and run-together text repaired from corpus knowledge and sound.

Floors on the development set of ``tests/data/transcripts`` (written blind to the rules; the
held-out half is scored too, never tuned on), and the mechanisms one at a time: the entity index
of a companion article (ASR010), split words the corpus writes whole, glue of common words and
of a word and a capitalised one, the glued-prose detector and the casing rules it gates, and the
repeats a companion article quotes.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cleaner.config import CleanerConfig
from cleaner.corpus import learn
from cleaner.detectors.glued import GluedDetector
from cleaner.engine import Engine
from cleaner.lang.entities import NAME, entity_runs
from cleaner.model import Document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import eval_transcripts  # noqa: E402

# (repaired share, applied changes outside any damaged spot, honest phrases lost) at most/least
FLOORS = {"dev": (0.795, 1, 0), "heldout": (0.725, 4, 1)}

CAPTION = ("flood warnings remain in place across the county tonight after the river vern we burst its banks "
           "forcing around three hundred people from their homes fire crews used boats and the flood water came "
           "up so fast that people in welsh pool and may vod were stuck up there for hours said angharad powell "
           "of natural resources wales who says the price of repairs will be high and um people here are "
           "tired they have been out all night uh moving sheep and cars to higher ground and they say they "
           "want to know when the water will go down so that they can start to clean up their homes and "
           "their shops before the weekend when more rain is on the way and the roads may close again\n")
ARTICLE = ("Flood warnings remain in place after the River Vyrnwy burst its banks. The floodwater reached homes in "
           "Welshpool and Meifod, said Angharad Powell of Natural Resources Wales. The price of repairs is high.\n")


@pytest.fixture(scope="module")
def engine():
    return Engine(CleanerConfig())


def score(split: str):
    engine = Engine(CleanerConfig())
    folders = eval_transcripts.cases(split)
    blogs = {f: (f / "damaged.txt").read_text(encoding="utf-8") for f in folders if f.name.startswith("r")}
    blog_corpus = learn([(f.name, t) for f, t in blogs.items()])
    spots = repaired = stray = lost = 0
    for folder in folders:
        if folder.name.startswith("t"):
            src = (folder / "caption.txt").read_text(encoding="utf-8")
            corpus = learn([(folder.name, src), ("article", (folder / "article.txt").read_text(encoding="utf-8"))])
        else:
            src, corpus = blogs[folder], blog_corpus
        result = engine.clean_one(src, folder.name, corpus)
        found = eval_transcripts.locate(src, eval_transcripts.read_tsv(folder / "damage.tsv", 3))
        spots += len(found)
        repaired += sum(eval_transcripts.judge(src, result.applied, s, found) for s in found)
        stray += sum(not any(c.start < e and c.end > s or (c.start == c.end and s <= c.start <= e) for s, e, _, _ in found)
                     for c in result.applied)
        lost += sum(p not in result.text for p, _ in eval_transcripts.read_tsv(folder / "honest.tsv", 2))
    return repaired / spots, stray, lost


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_the_development_set_stays_above_its_floor(split):
    share, stray, lost = score(split)
    floor, max_stray, max_lost = FLOORS[split]
    assert share >= floor and stray <= max_stray and lost <= max_lost, (share, stray, lost)


def test_the_entity_learner_keeps_names_of_several_words_from_prose_only():
    runs = [e for e, _ in entity_runs("The Office of Public Works said Iolo Vaughan left Meifod on Thursday.")]
    assert runs == ["Office of Public Works", "Public Works", "Iolo Vaughan", "Meifod", "Thursday"]
    k = learn([("caption", CAPTION)]).get(NAME)
    assert not k.forms  # an unpunctuated caption teaches nothing


def test_caption_words_become_the_names_the_article_writes(engine):
    result = engine.clean_one(CAPTION, "caption", learn([("caption", CAPTION), ("article", ARTICLE)]))
    out = result.text
    for name in ("River Vyrnwy", "Welshpool", "Angharad Powell", "Natural Resources Wales", "floodwater"):
        assert name in out, name
    assert "the price of repairs" in out  # one common word is not re-cased because a name has it
    assert all(c.rule != "ASR010" or c.evidence for c in result.changes)


def test_without_the_article_the_caption_keeps_its_words(engine):
    out = engine.clean_one(CAPTION, "caption", learn([("caption", CAPTION)])).text
    assert "may vod" in out and "river vern we" in out and "Welshpool" not in out


def test_glue_of_common_words_and_of_capitalised_words_splits(engine):
    blog = ("14:05 Officials said the fire reached the edge ofthe town atleast twice overnight. Crews from Riverside "
            "and inMillbrook worked nextweek shifts, and theLiberal mayor thanked them. Residents watched YouTube "
            "streams on an iPhone and sold old gear on eBay while McDonald and DeSantis spoke tothe press.\n")
    out = engine.clean_one(blog, "blog").text
    for fixed in ("of the town", "at least", "in Millbrook", "the Liberal", "to the press"):
        assert fixed in out, fixed
    for kept in ("YouTube", "iPhone", "eBay", "McDonald", "DeSantis"):
        assert kept in out, kept


def test_split_words_join_where_the_corpus_writes_the_whole_but_not_in_clean_prose(engine):
    caption = CAPTION.replace("the flood water", "the flood water and the fire fighters")
    corpus = learn([("caption", caption), ("article", ARTICLE + "Firefighters helped.\n")])
    assert "floodwater" in engine.clean_one(caption, "caption", corpus).text
    prose = "The web log market grew. Weblog sites and web log readers rose in number this year, the report said.\n"
    result = engine.clean_one(prose, "prose")
    assert result.text == prose  # two real words in edited prose are only a suggestion


def test_the_glued_detector_fires_on_damaged_blogs_and_not_on_their_originals():
    for folder in eval_transcripts.cases("dev"):
        if folder.name.startswith("r"):
            assert GluedDetector().detect(Document((folder / "damaged.txt").read_text(encoding="utf-8"))).detected
            finding = GluedDetector().detect(Document((folder / "original.txt").read_text(encoding="utf-8")))
            assert finding is None or not finding.detected


def test_casing_is_repaired_only_in_glued_prose(engine):
    damaged = ("Officials said thatthe fire reached the ridge andthe road closed at 5 p.m. on Monday. crews said the "
               "wind was strong, andthe town was evacuated, as residents waited ofthe news. The wind was strong. "
               "Residents gathered inthe hall while volunteers handed out food and blankets, and the council said "
               "the shelter would stay open for as long as it was needed. Police asked drivers to avoid the area "
               "and to follow the diversions, and the fire service said crews would stay on the ridge tonight.\n")
    out = engine.clean_one(damaged, "blog").text
    assert "Crews said" in out and "p.m. on Monday" in out
    clean = "Officials said the fire reached the ridge at 5 p.m. on Monday. crews said the wind was strong.\n"
    assert engine.clean_one(clean, "clean").text == clean


def test_a_repeat_the_article_quotes_is_no_stutter(engine):
    caption = ("the crane operator heard a dull bang bang and then the the whole quay shook " * 4).strip() + "\n"
    article = "The crane operator heard \"a dull bang bang\" before the quay shook.\n"
    out = engine.clean_one(caption, "caption", learn([("caption", caption), ("article", article)])).text
    assert "a dull bang bang" in out and "the the" not in out


def test_a_description_opening_a_sentence_is_not_part_of_the_name():
    """'Farmer Iolo Vaughan lost ...' teaches 'Iolo Vaughan', not 'Farmer Iolo Vaughan' (the caption's
    'farmer' stays lowercase); an honorific, an acronym or a name of common words stays whole."""
    k = learn([("article", "Farmer Iolo Vaughan lost sixty ewes. Professor Abena Asante led the trial. "
                           "Natural Resources Wales issued a warning. NHS England said little.\n")]).get(NAME)
    assert "Iolo Vaughan" in k.forms and "Farmer Iolo Vaughan" not in k.forms
    assert {"Professor Abena Asante", "Natural Resources Wales", "NHS England"} <= set(k.forms)


def test_a_common_word_after_a_name_heard_by_sound_stays(engine):
    """'anjali desh mook who chaired': Deshmukh is closer without 'who', which stays."""
    caption = ("the judges were impressed and um the panel was chaired by anjali desh mook who chaired the panel "
               "last year as well and she says the standard of the projects was uh higher than ever before and that "
               "the winners had worked on their entry for more than a year in the school laboratory and um they "
               "will now go on to the national final in london in the spring where they will meet teams from all "
               "over the country and uh the head teacher says the whole school is very proud of them tonight\n")
    article = "The panel was chaired by Anjali Deshmukh, who said the standard was high.\n"
    out = engine.clean_one(caption, "caption", learn([("caption", caption), ("article", article)])).text
    assert "Anjali Deshmukh who chaired" in out


GAP_CAPTION = ("forecasters have issued an amber morning for heavy rain tonight and um the mayor says the gates "
               "will stay shut he told us the ground is so wet that the car parks are unsafe and uh the organisers "
               "had the liberated for hours before they decided and one eye witness a steward says the water "
               "came up very fast and the whole site was under water by the evening and the rainy reason would "
               "go on for days and uh people here are tired they have been out all night moving sheep and cars to "
               "higher ground and they want to know when the water will go down so that they can start to clean up "
               "their homes and um their shops before the weekend\n")
GAP_ARTICLE = ("Forecasters issued an amber warning for heavy rain. The mayor said the gates would stay shut, and "
               "told reporters the ground was wet. Organisers had deliberated for hours. One eyewitness, steward "
               "Jo Bell, said the water came up fast. The rainy season would go on for days.\n")


def test_a_caption_word_between_the_articles_two_words_is_the_one_it_writes(engine):
    """ASR012: between the same two neighbours the article writes a word one sound away ("amber
    warning for", "rainy season would") or the caption's words run together ("had deliberated
    for"): that word was said. A tense the article chose ("says"/"said") and a word the caption
    says besides ("he told": not "told") stay."""
    result = engine.clean_one(GAP_CAPTION, "caption", learn([("caption", GAP_CAPTION), ("article", GAP_ARTICLE)]))
    out = result.text
    for fixed in ("amber warning for", "had deliberated for", "rainy season would"):
        assert fixed in out, fixed
    assert "mayor says the" in out and "he told us" in out
    assert any(c.rule == "ASR012" for c in result.applied)
    alone = engine.clean_one(GAP_CAPTION, "caption", learn([("caption", GAP_CAPTION)])).text
    assert "amber morning" in alone  # without the article the caption keeps its words


def test_the_gap_rule_keeps_words_the_speaker_said_besides_and_forms_of_one_word():
    from cleaner.kinds.companion_gap import CompanionGap, _heard_as
    assert _heard_as("morning", "warning", 0.7) and _heard_as("eyewitness", "eyewitness", 0.7)
    assert not _heard_as("says", "said", 0.7) and not _heard_as("wants", "wanted", 0.7)
    assert not _heard_as("hetold", "told", 0.7) and not _heard_as("eyewitnessa", "eyewitness", 0.7)
    assert not _heard_as("containsa", "containsa", 0.7)  # glue in another document's prose is no word to write
    assert CompanionGap.name == "companion_gap"


def test_in_a_document_that_lost_spaces_a_pair_english_never_writes_joins(engine):
    """'per mission': English has no such pair, 'permission' is nearly as common as 'mission': in a
    blog that glues words elsewhere it was one word; in edited prose the pair is only suggested."""
    glued = ("The club said it had given per mission for the move, andthe player arrived onthe Monday. "
             "Officials saidthe deal wasdone after the paper work was checked and themanager agreed.\n")
    assert "given permission for" in engine.clean_one(glued, "blog").text
    prose = "The club said it had given per mission for the move, and the player arrived on Monday.\n"
    assert engine.clean_one(prose, "prose").text == prose


def test_the_gap_rule_writes_no_damage_the_corpus_holds_and_keeps_phrases_english_uses(engine):
    """Two words English pairs ("may distribute") are what was said, though the article writes "you
    redistribute the"; a word no dictionary knows that the corpus writes once ("ordâinary", its own
    damage) is never written into a caption."""
    caption = GAP_CAPTION.replace("and um the mayor says", "and you may distribute the leaflets and the ordinary gnu "
                                                             "general licence and um the mayor says")
    article = GAP_ARTICLE + "If you redistribute the leaflets, say so. Read the ordâinary general licence.\n"
    out = engine.clean_one(caption, "caption", learn([("caption", caption), ("article", article)])).text
    assert "you may distribute the leaflets" in out and "the ordinary gnu general" in out
    assert "amber warning for" in out  # the rule is on
