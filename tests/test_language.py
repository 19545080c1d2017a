"""Language identification gates the English-only packs (issue 11).

French, Spanish and Portuguese words that look like English typos or glued words must survive;
a foreign line inside an English document keeps its words; the verdict is in the log's record.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.difflog import document_record
from cleaner.lang.langid import foreign_lines, identify


@pytest.mark.parametrize("text", [
    "La décision est attendue pour la fin du mois, et le gouvernement entend soutenir les agriculteurs.",
    "El nuevo presupuesto incluye una partida para la crème de la cultura y para realizar obras públicas.",
    "O ministro disse que vai pegar o avião amanhã para negociar o acordo com a oposição em Brasília.",
    "Die Bundesregierung will die Haushaltsdebatte im Parlament noch vor der Sommerpause abschließen.",
])
def test_foreign_text_keeps_every_word(engine, text):
    result = engine.clean_one(text)
    assert result.text == text, [(c.rule, c.before, c.after) for c in result.applied]
    assert result.profile.language != "en"


def test_english_repairs_still_run_around_a_foreign_quotation(engine):
    text = ("The minister said the talks had been a sucess and would resume on Monday in Geneva.\n"
            "Le gouvernement entend soutenir les agriculteurs et la décision est attendue pour la fin du mois.\n")
    result = engine.clean_one(text)
    assert "success" in result.text
    assert result.text.splitlines()[1] == text.splitlines()[1]
    assert result.profile.foreign_lines


def test_the_verdict_is_in_the_document_record(engine):
    result = engine.clean_one("Le gouvernement entend soutenir les agriculteurs, a déclaré le ministre.")
    (finding,) = [f for f in document_record(result)["findings"] if f["kind"] == "language"]
    assert finding["value"] == "fr" and finding["detected"]


def test_short_or_unreadable_text_falls_back_to_english_vocabulary():
    assert identify("He lives in Soul").lang == "en"
    assert identify("Kayanya laptopku error deh, soalnya tiap mau ngetik").lang != "en"
    assert foreign_lines("Short line\nAnother one\n") == []


def test_a_pack_may_declare_its_languages(tmp_path):
    from cleaner.config import CleanerConfig
    from cleaner.engine import Engine
    from cleaner.registry import load_registry

    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "fr.yaml").write_text(
        "pack: fr\nprefix: FRA\ncategory: typo\nlanguages: [fr]\nrules:\n"
        "  - id: FRA001\n    name: fra-typo\n    kind: substitute\n    swap: {gouvernment: gouvernement}\n"
        "    message: m\n    what: w\n    why: y\n    fix_safety: f\n"
        "    examples:\n      - bad: 'le [[gouvernment]]'\n        fix: 'le gouvernement'\n      - good: 'ok'\n")
    engine = Engine(CleanerConfig(), registry=load_registry((folder,)))
    french = "Le gouvernment entend soutenir les agriculteurs et la décision est attendue pour la fin du mois."
    assert "gouvernement entend" in engine.clean_one(french).text
    english = "The gouvernment said the talks would resume on Monday in Geneva after a pause."
    assert engine.clean_one(english).text == english


MULTILINGUAL = Path(__file__).resolve().parent / "data" / "multilingual" / "news_paragraphs.jsonl"
PARAGRAPHS = [json.loads(line) for line in MULTILINGUAL.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", PARAGRAPHS, ids=[f"{c['id']}-{c['split']}" for c in PARAGRAPHS])
def test_french_spanish_german_portuguese_news_keep_every_word(engine, case):
    """152 paragraphs written blind for the project (tests/data/multilingual): zero word changes."""
    result = engine.clean_one(case["text"], case["id"])
    assert result.text.split() == case["text"].split(), [(c.rule, c.before, c.after) for c in result.applied]


def test_the_sliced_zipf_table_answers_as_wordfreq_does(tmp_path, monkeypatch):
    """cleaner/lang/zipf_table.py: plain lowercase words from a table read a slice at a time; every
    answer it gives must be wordfreq's own (other words go to wordfreq)."""
    import random

    from wordfreq import top_n_list, zipf_frequency

    from cleaner.lang import zipf_table

    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(zipf_table, "_TABLE", [])
    words = top_n_list("en", 400_000)
    rnd = random.Random(7)
    sample = rnd.sample(words, 8000) + [w.replace("'", "\u2019") for w in words if "'" in w][:500]
    sample += ["costingmore", "zzqxv", "caf\u00e9", "stra\u00dfe", "s'est", "s\u2019est", "Monday", "\ufb01ne", "a1b"]
    answered = 0
    for word in sample:
        fast = zipf_table.fast_zipf(word)
        if fast is not None:
            answered += 1
            assert fast == zipf_frequency(word, "en"), word
    assert answered > 7000 and list(tmp_path.glob("zipf-en-*.tbl"))  # built in the cache folder given
    monkeypatch.setattr(zipf_table, "_TABLE", [])
    monkeypatch.setenv("CLEANER_CACHE_DIR", "")  # no cache: every word goes to wordfreq
    assert zipf_table.fast_zipf("the") is None
    monkeypatch.setattr(zipf_table, "_TABLE", [])
