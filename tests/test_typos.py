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


def test_spelt_by_ear_long_rare_vowel_swaps_are_fixed(engine):
    """ "availible", "relavant": a vowel for a vowel, read alike; wordfreq has seen them, rarely."""
    doc = "More details were availible on Monday, and the figures were relavant to the inquiry.\n"
    out = engine.clean_one(doc).text
    assert "available" in out and "relevant" in out
    for word in ("pinnies", "lakas", "privata"):  # a rare real word, a short loanword, a word ending differently
        assert best_fix(word) is None, word


def test_an_inflection_of_a_known_stem_spelt_by_ear_is_only_suggested(engine):
    doc = "The council voted for defunding the library service on Monday night.\n"
    result = engine.clean_one(doc)
    assert result.text == doc  # "defund" is a word: "defunding" may be meant
    assert [c.status.value for c in result.changes if c.rule == "TYP002"] in ([], ["suggested"])


def test_a_consonant_written_once_instead_of_twice_is_a_slip(engine):
    doc = "The runner droped out after the first lap, and his coach was prefering rest.\n"
    out = engine.clean_one(doc).text
    assert "dropped" in out and "preferring" in out


def test_the_neighbours_choose_when_there_is_no_frequency_margin(engine):
    assert best_fix("rasing") is None  # "rising", "racing", "raising": no margin
    doc = "Many are rasing money for charity this year.\n"
    result = engine.clean_one(doc)
    assert result.text == doc.replace("rasing", "raising")
    assert any("chosen by the words around it" in e for c in result.changes for e in c.evidence)
    # the neighbours choose among slips only: "plany" is no slip of "plans" (it was "plenty")
    doc = "There are plany of modern books that would make good films.\n"
    assert engine.clean_one(doc).text == doc


def test_a_word_the_corpus_writes_twice_stays_unless_wordfreq_knows_it_as_a_misspelling(engine):
    docs = [("a", "The sentencers met on Monday and the sentences were long.\n"),
            ("b", "Two sentencers disagreed about the sentences handed down.\n")]
    corpus = learn(docs)
    assert engine.clean_one(docs[0][1], "a", corpus).text == docs[0][1]  # unseen by wordfreq: its own term
    docs = [("a", "The goverment said on Monday it would act.\n"), ("b", "A goverment spokesman declined.\n")]
    corpus = learn(docs)
    assert engine.clean_one(docs[0][1], "a", corpus).text == "The government said on Monday it would act.\n"


def test_candidates_without_an_index_are_symspells_own():
    """cleaner/adapters/symspell_adapter.py: one edit from a word, checked against the word list,
    answers what SymSpell's index answers at distance 1, without the second it takes to build."""
    import random

    from symspellpy import SymSpell, Verbosity
    from wordfreq import top_n_list

    from cleaner.adapters import symspell_adapter as sym

    index = SymSpell(max_dictionary_edit_distance=1, prefix_length=7)
    index.load_dictionary(str(sym._data_dir() / sym.DICT_NAME), term_index=0, count_index=1)
    words = [w for w in top_n_list("en", 100_000) if w.isalpha()]
    for word in random.Random(3).sample(words, 600) + ["goverment", "nortk", "rasing", "a", "zz"]:
        own = {(s.term, s.count) for s in index.lookup(word, Verbosity.ALL, max_edit_distance=1,
                                                        transfer_casing=False) if s.distance == 1}
        assert {(t, n) for t, d, n in sym.candidates(word)} == own, word


def test_bigram_counts_from_the_sliced_table_are_the_lists(tmp_path, monkeypatch):
    from cleaner.adapters import symspell_adapter as sym

    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    sym._bigram_table.cache_clear()
    pairs = list(sym.bigrams().items())[::500] + [("relation ship", 0), ("zzq qqz", 0)]
    for pair, count in pairs:
        first, second = pair.split(" ")
        assert sym.bigram_count(first, second) == count, pair
    assert sym._bigram_table() is not None and list(tmp_path.glob("bigrams-en-*.tbl"))
    sym._bigram_table.cache_clear()


def test_a_rival_no_slip_leads_to_does_not_block_the_fix():
    """'dedicted': 'dedicated' (a letter dropped) against 'depicted' (d for p, keys far apart, no
    slip) and 'deducted' (i for u, a neighbouring key: a slip, but far rarer). Only slips compete."""
    assert best_fix("dedicted")[0] == "dedicated"
    assert best_fix("stoping")[0] == "stopping"
    assert best_fix("personel") is None  # 'personal' and 'personnel' are both a letter away: no margin


def test_a_misspelling_that_also_splits_into_two_words_is_corrected(engine):
    """'anounces' splits into 'an ounces', but 'announces', a dropped letter away and commoner than
    'ounces', is likelier: TYP002 corrects it and SPC001 only suggests the split."""
    assert "announces a freeze" in engine.clean_one("The minister anounces a freeze on fuel duty today.\n", "doc").text
    glued = ("The minister anounces a freeze onthe duty today, andthe council said it wouldcost more, "
             "theattacks on the plan aside.\n")  # a glued document: SPC001 is on
    result = Engine(CleanerConfig(select=("TYP", "SPC"))).clean_one(glued, "doc")
    assert "announces a freeze" in result.text and "an ounces" not in result.text


GLUED = ("Officials confirmed thatthe fire reached the ridge andthe road closed. Crews said the wind was {x} "
         "all night, andthe town was evacuated ofthe valley. Crews worked through the night and into the next "
         "day, as residents waited for news of their homes. The council said the road would stay shut "
         "until engineers had checked the bridge, and buses would run from the school instead.")


@pytest.mark.parametrize("x, lowered", [
    ("how Serious it was", "suggested"),  # very common, capitalised nowhere else: maybe a scraper's capital
    ("strong in Spain", None),  # a gazetteer name
    ("strong said Mark", None),  # a given name
    ("strong to the Daily", None),  # after an article: a title ("listen to the Daily")
    ("strong. It Is a dream", "applied"),  # a function word after a capital is part of no name
])
def test_a_lone_capital_on_a_very_common_word_in_glued_prose(x, lowered):
    doc = GLUED.format(x=x)
    corpus = learn([("doc", doc), ("other", "The fire is out. The road is open. It is late, and it is cold.")])
    result = Engine(CleanerConfig(select=("TYP005",))).clean_one(doc, "doc", corpus)
    found = [c.status.value for c in result.changes if c.rule == "TYP005"]
    assert found == ([lowered] if lowered else []), (x, found)


def test_a_capital_the_corpus_writes_elsewhere_stays():
    doc = GLUED.format(x="how Serious it was")
    corpus = learn([("doc", doc), ("other", "The Serious Fraud Office said no. Serious Fraud is its name.")])
    assert not Engine(CleanerConfig(select=("TYP005",))).clean_one(doc, "doc", corpus).changes
