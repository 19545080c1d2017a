"""Honest gaps, run as strict xfail (ftfy's known-failures.json).

Each row of tests/cases/known_failures.jsonl is damage cleaner does not repair
yet, with a note saying why. Strict: when one starts passing, the suite says
so, and the row moves to a real test.
"""
from __future__ import annotations

import json

import pytest

from .conftest import CASES

ROWS = [json.loads(line) for line in (CASES / "known_failures.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()]


@pytest.mark.xfail(strict=True, reason="known failure: see the row's note")
@pytest.mark.parametrize("row", ROWS, ids=[r["note"][:40] for r in ROWS])
def test_known_failure(engine, row):
    assert engine.clean_one(row["text"]).text == row["expected"]
