"""Fuzzing, bounded: hypothesis over the engine (arbitrary text) and the rule loader (random YAML packs),
plus every saved crasher under ``corpus/`` replayed as a regression test.

``CLEANER_FUZZ_EXAMPLES`` raises the number of examples (a longer campaign); ``atheris_fuzz.py`` beside
this file is the coverage-guided harness for the same two targets (``pip install atheris``).
"""
from __future__ import annotations

import os
import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from .fuzzlib import CORPUS, check_engine, check_pack

EXAMPLES = int(os.environ.get("CLEANER_FUZZ_EXAMPLES", "120"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("CLEANER_FUZZ_RANDOM"),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])


# -- the corpus of crashing inputs, replayed ---------------------------------------------------------------

ENGINE_CASES = sorted(p for p in (CORPUS / "engine").glob("*") if not p.name.startswith("."))
PACK_CASES = sorted(p for p in (CORPUS / "packs").glob("*") if not p.name.startswith("."))


@pytest.mark.parametrize("path", ENGINE_CASES, ids=lambda p: p.name)
def test_engine_corpus(path):
    text = path.read_bytes().decode("utf-8", "surrogateescape")
    check_engine(text)
    check_engine(text, corpus_knowledge=True)


@pytest.mark.parametrize("path", PACK_CASES, ids=lambda p: p.name)
def test_pack_corpus(path, tmp_path):
    check_pack(path.read_bytes(), tmp_path / "rules")


# -- the engine -------------------------------------------------------------------------------------------

PIECES = ["caf\u00c3\u00a9", "\u00e2\u20ac\u2122", "\u00c3 ", "&amp;", "&#x1F600;", "&nbsp;", "&;", "\u200b", "\u200d",
          "\u00ad", "\ufeff", "\ufffd", "\u2028", "\u2029", "\x00", "\x1b[31m", "\x85", "\r\n", "\r", "\n\n\n", "   ",
          "\t", "e\u0301", "\U0001F469\u200d\U0001F4BB", "\ud800", "\udcff", "the the ", "uh, um, ", "I I I ",
          "Share this article\n", "Read more: x\n", "\u00a9 2024 All rights reserved.\n", "costingmore ", "in Seoul ",
          "international locations ", "Red Cross", "Ã", "â€", "ï»¿", "Ð¿Ñ€Ð¸"]
text_strategy = st.lists(st.one_of(st.text(max_size=16), st.sampled_from(PIECES),
                                   st.text(alphabet=string.ascii_letters + " .,\n", max_size=40)),
                         max_size=25).map("".join)


@FUZZ
@given(text=text_strategy)
def test_fuzz_engine(text):
    check_engine(text)


@settings(FUZZ, max_examples=max(EXAMPLES // 4, 10))
@given(text=text_strategy)
def test_fuzz_engine_with_corpus_knowledge(text):
    check_engine(text, corpus_knowledge=True)


# -- the rule loader ---------------------------------------------------------------------------------------

scalar = st.one_of(st.none(), st.booleans(), st.integers(-3, 10**20), st.floats(allow_nan=True),
                   st.text(max_size=12), st.sampled_from(["(a|aa)+$", "[[x]]", "\\9", "(?P<n>a)", "{before}", "zz",
                                                         "lexicons/none.tsv", "..", "/etc/passwd", "\\g<0>", "*"]))
value = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                      st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                     max_leaves=6)
KIND_NAMES = ["regex", "remove_line", "substitute", "unicode", "segment", "typo", "stutter", "filler",
              "context_swap", "seo_furniture", "corpus_name", "nope"]
PARAMS = ["pattern", "replace", "flags", "antipatterns", "patterns", "max_chars", "swap", "fixer", "lexicon",
          "near", "requires", "priority", "safety", "status", "examples", "exempt_from_change_ratio"]


@st.composite
def packs(draw) -> bytes:
    rules = []
    for n in range(draw(st.integers(0, 3))):
        rule = {"id": draw(st.sampled_from([f"FZZ00{n}", "FZZ001", "BAD1", 7])),
                "name": draw(st.sampled_from([f"fuzz-rule-{n}", "Not Kebab", "x"])),
                "kind": draw(st.sampled_from(KIND_NAMES)), "message": "'{before}' -> '{after}'",
                "what": "w", "why": "y", "fix_safety": "f",
                "examples": draw(st.sampled_from([[{"bad": "[[zz]]", "fix": ""}, {"good": "b"}],
                                                  [{"bad": "[[aa]]!", "fix": "x!"}, {"good": "b"}],
                                                  [{"good": "b"}], "x", None]))}
        if draw(st.booleans()):
            rule["pattern"] = draw(st.sampled_from(["zz", "a+", "(a|aa)+$", "(", "\\bthe the\\b", "(?P<w>\\w+) (?P=w)"]))
            rule["replace"] = draw(st.sampled_from(["", "x", "\\1", "\\g<w>", "\\9"]))
        for key in draw(st.lists(st.sampled_from(PARAMS), max_size=4)):
            rule[key] = draw(value)
        rules.append(rule)
    pack = {"pack": "fuzz", "prefix": draw(st.sampled_from(["FZZ", "fz", 3])), "category": "fuzz", "rules": rules}
    for key in draw(st.lists(st.sampled_from(["requires", "redirects", "description", "rules", "pack"]), max_size=2)):
        pack[key] = draw(value)
    text = yaml.safe_dump(pack, allow_unicode=True, sort_keys=False).encode("utf-8")
    cut = draw(st.one_of(st.none(), st.integers(0, len(text))))  # sometimes a truncated or mangled file
    if cut is not None:
        text = text[:cut] + draw(st.sampled_from([b"", b"\t", b": [", b"\x00", b"&a *a", b"\xff", b"!!python/name:os.system"]))
    return text


@FUZZ
@given(pack=packs())
def test_fuzz_rule_loader(tmp_path_factory, pack):
    check_pack(pack, tmp_path_factory.getbasetemp() / "fuzz-rules")


def test_corpus_folders_exist():
    assert (CORPUS / "engine").is_dir() and (CORPUS / "packs").is_dir()
    assert all(p.stat().st_size < 100_000 for p in ENGINE_CASES + PACK_CASES)  # keep regressions small
