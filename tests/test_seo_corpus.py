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


def test_in_a_big_corpus_a_line_shared_by_a_few_documents_stays(engine):
    """SEO011's bar grows with the corpus (min_share): news of one event shares a line with a few others."""
    first = "Ash Bex Cor Dun Elm Fen Gor Hal Ivy Jun Kel Lor Mar Nor".split()
    middle = "al bo ce di en fo gu hi ja ko lu ma ne ol".split()
    last = "ford ley wick by ton ham mouth stead field bury port well dale moor".split()
    towns = [a + b + c for a in first for b in middle for c in last]  # 2,744 distinct places
    shared = "\nReplacements: R Russell, B Douglas, N Hines, J Dunbar, M Blair.\n"
    docs = [(f"d{i}", f"{t} report\n\nThe council of {t} met on Monday about the budget of {t}.\n"
             + (shared if i < 3 else "")) for i, t in enumerate(towns)]
    knowledge = learn(docs)
    assert knowledge.distinct_documents == len(docs)
    assert engine.clean_one(docs[0][1], "d0", knowledge).text == docs[0][1]  # 3 of 2,744: below 0.2%
