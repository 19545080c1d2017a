"""The unicode (MOJ) family on damage constructed here, through the whole engine."""
from __future__ import annotations

from cleaner.edits import revert


def fixes(engine, text):
    result = engine.clean_one(text)
    assert revert(result.text, result.changes) == text
    return result.text, [c.rule for c in result.applied]


def test_mojibake_repaired_word_by_word(engine):
    damaged = "Le cafÃ© de la gare. The minister’s office said â€œnoâ€\x9d. Crème brûlée."
    text, rules = fixes(engine, damaged.replace("’", "â€™"))
    assert text == "Le café de la gare. The minister’s office said “no”. Crème brûlée."
    assert set(rules) == {"MOJ001"} and len(rules) >= 3


def test_entities_controls_zero_width_soft_hyphens(engine):
    text, rules = fixes(engine, "Smith &amp; Wesson\x07 said the Krem\u200blin\u00ad's inter\u00adnational &#8220;deal&#8221;.")
    assert text == "Smith & Wesson said the Kremlin's international “deal”."
    assert sorted(set(rules)) == ["MOJ002", "MOJ003", "MOJ004", "MOJ005"]


def test_odd_spaces_and_separators(engine):
    text, _ = fixes(engine, "North\u2003Korea\u2028and South\u2009Korea")
    assert text == "North Korea\nand South Korea"


def test_replacement_character_is_only_suggested(engine):
    result = engine.clean_one("caf\ufffd au lait")
    assert result.text == "caf\ufffd au lait"
    assert [(c.rule, c.status.value) for c in result.changes] == [("MOJ008", "suggested")]


def test_each_repair_is_its_own_logged_edit(engine):
    result = engine.clean_one("cafÃ© and rÃ©sumÃ© and naÃ¯ve")
    assert [(c.before, c.after) for c in result.applied] == [("cafÃ©", "café"), ("rÃ©sumÃ©", "résumé"),
                                                              ("naÃ¯ve", "naïve")]


def test_the_ligature_table_is_ftfys_own():
    from ftfy.chardata import LIGATURES as FTFY

    from cleaner.kinds.unicode_fixes import LIGATURES

    assert LIGATURES == FTFY
