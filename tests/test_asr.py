"""ASR pack: the detector gates transcript rules; seed 000 is repaired with corpus knowledge.

Prose with "Soul music", "er" or "the the" is not a transcript: only TYP/SPC rules see it.
"""
from __future__ import annotations

import pytest

from cleaner.config import CleanerConfig
from cleaner.corpus import learn
from cleaner.detectors.asr import AsrDetector
from cleaner.engine import Engine
from cleaner.model import Document

from .conftest import CASES, SAMPLES

TRANSCRIPT = ("good evening uh the the talks in Geneva went on late into the night and um officials say "
              "a deal is close our correspondent joins us what is is the mood there well it's it's tense "
              "the two sides met for six hours and they had had no contact for months before that so the "
              "question now is whether the deal holds and what the next steps are for the people here who "
              "have waited a long time for any news at all about the ceasefire thank you ") * 2


@pytest.fixture(scope="module")
def engine():
    return Engine(CleanerConfig(select=("ASR", "SPC", "TYP")))


def test_detector_flags_transcripts_not_prose(sample_texts):
    det = AsrDetector()
    assert det.detect(Document(TRANSCRIPT)).detected
    for name, text in sample_texts.items():
        finding = det.detect(Document(text))
        assert bool(finding and finding.detected) == name.startswith("000"), name


def test_transcript_fillers_and_stutters(engine):
    out = engine.clean_one(TRANSCRIPT).text
    assert " uh " not in out and " um " not in out
    assert "what is the mood" in out and "well it's tense" in out and "the talks" in out
    assert "they had had no contact" in out  # a legitimate double


def test_prose_is_left_to_prose_rules(engine):
    text = "Soul music and a butcher in the village; Er Lin said the the vote was close, and that that was it."
    result = engine.clean_one(text)
    assert result.text == "Soul music and a butcher in the village; Er Lin said the vote was close, and that that was it."
    assert {c.rule for c in result.applied} == {"TYP001"}


@pytest.fixture(scope="module")
def seeds(sample_texts, engine):
    corpus = learn(sample_texts.items())
    return {name[:3]: engine.clean_one(text, name, corpus).text for name, text in sample_texts.items()}


def test_seed_000_repairs(seeds):
    out = seeds["000"]
    for fixed in ("the hegemonic imperialist policy", "so-called Axis of Evil", "not a relationship that",
                  "what is the perspective", "joins me live from Seoul", "Kim Jong-un in Pyongyang",
                  "friend and ally", "Russian-made Aurus car", "receiving a tea set", "with President Xi",
                  "thank you very much for joining us well"):
        assert fixed in out, fixed
    assert " uh " not in out and " um " not in out
    summary = "Russia and North Korea have signed a deal to help each other in the event of aggression against them"
    assert summary in out and "Jean McKenzie" in out


def test_control_seed_untouched(seeds, sample_texts):
    name = next(n for n in sample_texts if n.startswith("003"))
    assert seeds["003"] == sample_texts[name]


def test_single_document_still_works(engine):
    text = (SAMPLES / next(p.name for p in SAMPLES.glob("000*"))).read_text(encoding="utf-8")
    out = engine.clean_one(text).text  # corpus knowledge from itself only
    assert "the hegemonic imperialist policy" in out and " uh " not in out


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.glob("asr_*")))
def test_cases_make_no_wrong_edit(engine, case):
    """Every change the packs make to a hand-written transcript is one the expected text has."""
    import difflib

    src = (CASES / case / "input.txt").read_text(encoding="utf-8")
    want = (CASES / case / "expected.txt").read_text(encoding="utf-8")
    out = engine.clean_one(src, case).text
    assert difflib.SequenceMatcher(None, out.split(), want.split()).ratio() > \
        difflib.SequenceMatcher(None, src.split(), want.split()).ratio()
    wrong = set(out.split()) - set(want.split()) - set(src.split())
    assert not wrong, wrong


SUMMIT_TRANSCRIPT = (
    "so today we're talking about the uh the summit in um beijing between the the chinese president she jinping "
    "and uh the russian leader vladimir putin who arrived on thursday for talks on energy and the war in ukraine "
    "and uh analysts say the relation ship between the two countries has never been closer and the trade between "
    "them hit a record last year and putin wants a new pipeline because europe has cut its imports of russian gas "
    "and he will play his trump card in may\n")


def test_names_days_and_surnames_are_cased_in_a_transcript_from_the_gazetteer(engine):
    """No corpus: whole gazetteer names, a surname once the document names the person, days; "trump" and "may"
    (ordinary words, and Donald Trump is not named) stay."""
    out = engine.clean_one(SUMMIT_TRANSCRIPT).text
    for name in ("Beijing", "Chinese", "Xi Jinping", "Russian leader Vladimir Putin", "Thursday", "Ukraine",
                 "and Putin wants", "Europe"):
        assert name in out, name
    assert "trump card in may" in out and "relationship" in out and " uh " not in out


def test_auto_punctuated_speech_loses_its_fillers_and_their_commas(engine):
    """Captions that were punctuated by machine: capitals and commas, but "uh" and "um" everywhere."""
    text = ("Um, so the, uh, minister said that the budget would be, uh, balanced by next year. And, um, the "
            "opposition said that that was not, uh, credible. I I think the markets, uh, agree. So, um, we'll see "
            "what happens at the vote on "
            "Thursday. Uh, back to you in the studio.\n")
    result = engine.clean_one(text)
    assert result.profile.has("asr")
    assert result.text == ("So the minister said that the budget would be balanced by next year. And the opposition "
                           "said that that was not credible. I think the markets agree. So we'll see what happens at "
                           "the vote on Thursday. "
                           "Back to you in the studio.\n")


def test_a_quoted_um_or_two_in_prose_is_not_speech(engine):
    text = ("The report, which runs to 300 pages, was published on Monday. Its authors, um, hedge a great deal, "
            "one critic wrote, and the minister said the findings would be studied carefully by officials.\n")
    assert not engine.clean_one(text).profile.has("asr")


def test_a_surname_no_dictionary_has_is_cased_alone(engine):
    text = SUMMIT_TRANSCRIPT.replace("putin wants", "zelensky wants")
    assert "and Zelensky wants" in engine.clean_one(text).text


def test_a_scraped_menu_without_punctuation_is_not_a_transcript():
    """A long run of Title Case words (navigation, headline lists) has no punctuation either (issue 11)."""
    from cleaner.detectors import profile_document
    from cleaner.model import Document

    menu = " ".join(["Home News Sport Business Markets Opinion Video Then Login Why Prime Members"] * 12)
    story = "The central bank held rates on Thursday, citing slower growth. Markets rose after the decision."
    profile = profile_document(Document(menu + "\n\n" + story))
    assert not profile.has("asr") and "capitalised" in profile.findings["asr"].evidence[0]
    caption = " ".join(["so we went to the market and then we saw the minister talk about rates"] * 12)
    assert profile_document(Document(caption)).has("asr")


CAPTION = ("the union said nurses had voted by a wide margin in the strike ballet and that the walkout would go "
           "ahead on monday unless the health board came back uh mutual offer with a better offer for the staff "
           "and she said an aurus car was parked outside the hospital all night while the talks went on in the "
           "board room and nobody left before midnight and the nurses on the picket line said they would stay "
           "there through the weekend if they had to because they felt that nobody in charge had listened to "
           "them for years and that this was the only way left to make the point about pay and staffing")


def test_a_homophone_is_repaired_from_the_words_the_article_writes_beside_it(engine):
    """ASR011: the caption's pair never occurs in the corpus's prose; the article's pair does."""
    article = ("Nurses backed the action in a strike ballot last month. The board offered a mutual settlement. "
               "An Auras car was seen outside.")
    corpus = learn([("caption", CAPTION), ("article", article)])
    result = engine.clean_one(CAPTION, "caption", corpus)
    assert "strike ballot" in result.text
    alone_rule = Engine(CleanerConfig(select=("ASR011",))).clean_one(CAPTION, "caption", corpus)
    assert "strike ballot" in alone_rule.text
    assert "aurus car" in alone_rule.text  # "Auras" is a name in the article, no word to swap in
    assert not any(c.rule == "ASR011" and c.before == "uh" for c in result.changes)  # fillers are ASR001's
    alone = engine.clean_one(CAPTION, "caption", learn([("caption", CAPTION)]))
    assert "strike ballet" in alone.text  # no article, no evidence: nothing changes
