"""SEO011: lines repeated across a corpus are template lines, but only with enough documents.

The corpus is made of distinct small articles (distinct prose: no document is a copy of
another) plus a site footer every page carries.
"""
from __future__ import annotations

import pytest

from cleaner.config import CleanerConfig
from cleaner.corpus import learn
from cleaner.engine import Engine

FOOTER = ("\nThe Harbour Gazette, 12 Quay Road, Port Ellis | Registered in England No. 4412\n"
          "Printed and published by Coastline Media Group Limited, Port Ellis\n")
WIRE = ("\nThe agreement, which replaces treaties from 1961 and 2000, includes a mutual defence clause "
        "under which each country agrees to help the other.\n")
TOWNS = ("Alston Bude Calne Diss Eye Filey Goole Hythe Ilkley Jarrow Keswick Leek Looe Malton Nairn Oban "
         "Penrith Ripon Selby Thirsk Ulverston Wells Whitby Yarm").split()
THINGS = ("library", "swimming pool", "bus station", "market hall", "skate park", "cycle lane")
ARTICLES = [f"{town} council approves {THINGS[i % 6]} plan\n\nCouncillors in {town} voted to approve a plan for "
            f"a new {THINGS[i % 6]}, after a debate about its cost to the people of {town}.\n\n"
            f"Work on the {THINGS[i % 6]} in {town} will begin next spring, the council said.\n"
            for i, town in enumerate(TOWNS)]


def corpus_of(n: int, tail: str) -> list[tuple[str, str]]:
    return [(f"doc{i}", text + tail) for i, text in enumerate(ARTICLES[:n])]


@pytest.fixture(scope="module")
def engine():
    return Engine(CleanerConfig(select=("SEO011",)))


def test_site_footer_goes_with_its_evidence(engine):
    docs = corpus_of(24, FOOTER)
    knowledge = learn(docs)
    for (name, text), article in zip(docs, ARTICLES):
        result = engine.clean_one(text, name, knowledge)
        assert result.text == article
        (change,) = result.applied
        assert "of 24 documents" in change.message and "documents sharing the line: 24 of 24" in change.evidence


def test_small_corpus_keeps_everything(engine):
    docs = corpus_of(12, FOOTER)
    knowledge = learn(docs)
    assert all(engine.clean_one(t, n, knowledge).text == t for n, t in docs)


def test_shared_prose_is_only_suggested(engine):
    docs = corpus_of(24, WIRE)
    knowledge = learn(docs)
    for name, text in docs[:5]:
        result = engine.clean_one(text, name, knowledge)
        assert result.text == text and result.suggested and "prose" in result.suggested[0].message
