"""ftfy's public test corpus (tests/data/ftfy_cases, Apache-2.0, from rspeer/python-ftfy) through ``clean``.

The bar of issue 11: at least 150 of the 161 cases come out as ftfy's ``fixed`` (curly quotes and
NFC folded, see scripts/eval_ftfy.py), and every negative case comes back unchanged.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from eval_ftfy import fold, load_cases  # noqa: E402

CASES = load_cases()


@pytest.fixture(scope="module")
def outputs(engine):
    return [(source, case, engine.clean_one(case["original"], case["label"]).text) for source, case in CASES]


def test_the_corpus_is_all_there():
    assert len(CASES) == 161


def test_at_least_150_of_161_match_ftfy(outputs):
    missed = [case["label"] for _, case, out in outputs if fold(out) != fold(case["fixed"])]
    assert len(CASES) - len(missed) >= 150, missed


@pytest.mark.parametrize("index", [i for i, (source, _) in enumerate(CASES) if source == "negative"])
def test_negative_cases_are_unchanged(outputs, index):
    _, case, out = outputs[index]
    assert fold(out) == fold(case["fixed"]), case["label"]  # "fixed" is the original, but one C1 control


@pytest.mark.parametrize("damaged,fixed", [
    ("un r√©gime √©quilibr√©", "un régime équilibré"),  # MacRoman
    ("La rГ©gion se trouve Г lвЂ™ouest", "La région se trouve à l’ouest"),  # cp1251
    ("LiĂ¨ge Avenue de l'HĂ´pital", "Liège Avenue de l'Hôpital"),  # cp1250
    ("Tiß║┐ng Viß╗çt", "Tiếng Việt"),  # cp437
])
def test_every_encoding_ftfy_knows(engine, damaged, fixed):
    assert engine.clean_one(damaged).text == fixed


def test_an_escaped_entity_is_never_decoded_twice(engine):
    result = engine.clean_one("Tom &amp;amp; Jerry &amp; Co")
    assert result.text == "Tom &amp;amp; Jerry & Co"  # one level is only suggested: a rerun gives the same
    assert [(c.rule, c.after, c.status.value) for c in result.suggested] == [("MOJ012", "&amp;", "suggested")]
    assert engine.clean_one(result.text).text == result.text


def test_a_soft_hyphen_inside_mojibake_is_decoded_not_deleted(engine):
    assert engine.clean_one("os nÃ\u00adveis de anticorpos").text == "os níveis de anticorpos"
