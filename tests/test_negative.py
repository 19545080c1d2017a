"""Control text must come back byte-for-byte unchanged (ftfy's negative cases).

tests/cases/negative.jsonl holds short clean texts chosen to tempt rules:
typographic quotes, ligatures, no-break spaces, emoji joiners, Thai zero-width
spaces, CRLF, a BOM, markup, URLs, words that look like spinner synonyms.
Licence texts on this machine (/usr/share/common-licenses) are long clean English.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import CASES

NEGATIVE = [json.loads(line)["text"] for line in (CASES / "negative.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
LICENCES = sorted(p for p in Path("/usr/share/common-licenses").glob("*") if p.is_file() and p.stat().st_size > 2000)


@pytest.mark.parametrize("text", NEGATIVE, ids=[t[:30] for t in NEGATIVE])
def test_clean_text_is_untouched(engine, text):
    result = engine.clean_one(text)
    assert result.text == text, [(c.rule, c.before, c.after) for c in result.applied]


@pytest.mark.skipif(not LICENCES, reason="no licence texts on this machine")
@pytest.mark.parametrize("path", LICENCES[:8], ids=lambda p: p.name)
def test_licence_texts_are_untouched(engine, path):
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    result = engine.clean_one(text, path.name)
    assert result.text == text, [(c.rule, c.before, c.after) for c in result.applied][:10]
