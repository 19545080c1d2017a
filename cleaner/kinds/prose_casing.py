"""``prose_casing``: random capitals and lowercase sentence starts in prose a scraper mangled.

Where markup was dropped, words lose their spaces and their case: "the Club believe", "how
Serious", "counted. she expects". Both are style in edited text ("the Government", "iPhone"), so
the rules require the ``glued`` detector (the document also glues function words to neighbours).

``direction: lower``: a capitalised word in mid-sentence between lowercase words (not after a
title, a colon or a quote, not before another capitalised word, so not part of a name) that the
corpus prose writes in lowercase at least three times as often as capitalised, and that is a
common word (wordfreq Zipf >= 4); a function word after a capitalised word too ("It Is a dream").
Where the corpus is too small to count, a very common word (Zipf >= 4.5) capitalised nowhere else
in it is suggested (never applied: on blind live blogs some were names made of common words),
unless a given name (``given_names``: "Mark", "Rose") or a name of the ``gazetteer`` ("Spain").
``direction: upper``: a lowercase word that starts a sentence
(after ". ", "! " or "? " following a word of two or more letters that is no abbreviation, or at
the start of a line of prose) and that is a plain lowercase word (no handle, URL or brand).
YAML parameter: ``direction`` (lower | upper).
"""
from __future__ import annotations

import functools
import re
from typing import Iterator

from ..lang import gazetteer as gz
from ..lang.names import knowledge
from ..lang.tokens import plain_word, words
from ..lang.tokens import shield as tokens_shield
from ..lang.vocab import ALWAYS_CAPITALISED, TITLES, zipf
from ..lexicon import read_words
from ..model import Document, Edit, Safety
from ..registry import RuleSpec
from . import register_kind
from .base import RuleKind, bad_choice, make_edit
from .segment import ARTICLES, CLOSED_CLASS

COMMON_ZIPF = 4.0
LONE_ZIPF = 4.5  # a word this common capitalised once in the whole corpus is lowercased without more evidence
ABBREVIATIONS = frozenset("mr mrs ms dr prof st no vs etc approx inc ltd co corp jr sr gen col capt lt sgt gov "
                          "sen rep rev fig vol eg ie al est dept univ mt ft".split())
# the word before the sentence end, the mark, closing quotes, the space: "... counted. " (group 1: "counted")
SENTENCE_END = re.compile(r"(?:^|[^\w.])?(\w+)[.!?][\"”’')\]]*\s+$")
MIN_LINE_WORDS = 4


@register_kind
class ProseCasing(RuleKind):
    name = "prose_casing"
    required_params = ("direction",)

    @classmethod
    def validate(cls, rule: RuleSpec) -> list[str]:
        return super().validate(rule) + bad_choice(rule, "direction", ("lower", "upper"))

    def propose(self, doc: Document) -> Iterator[Edit]:
        text = doc.text
        shield = tokens_shield(text)
        toks = [w for w in words(text) if plain_word(text, w) and not shield.covers(w.start, w.end)]
        names = knowledge(doc)
        for rule in self.rules:
            lower = rule.params["direction"] == "lower"
            given = _known_names(rule.base_dir, rule.params.get("given_names"), rule.params.get("gazetteer"))
            for k, w in enumerate(toks):
                prev = toks[k - 1] if k else None
                nxt = toks[k + 1] if k + 1 < len(toks) else None
                edit = _lower(rule, text, w, prev, nxt, names, given) if lower else _upper(rule, text, w, prev, nxt, names)
                if edit is not None:
                    yield edit


def _lower(rule, text, w, prev, nxt, names, given=frozenset()) -> Edit | None:
    t = w.text
    if not (t[0].isupper() and t[1:].islower()) or prev is None or len(t) < 2:
        return None
    low = t.lower()
    gap = text[prev.end:w.start]
    # "Castlemere Is", "It Is a dream": a function word is part of no name, so a capital before it says nothing
    if gap != " " or not (prev.text.islower() or low in CLOSED_CLASS) or prev.text in TITLES:
        return None  # after a sentence end, a colon, a quote, a title, or a capitalised word: may be a name
    if nxt is not None and nxt.text[:1].isupper() and text[w.end:nxt.start] == " ":
        return None  # part of a capitalised run: a name or a title
    if low in ALWAYS_CAPITALISED or zipf(low) < COMMON_ZIPF:
        return None
    caps, lowers = names.caps[t], names.lower[low]
    if lowers >= 3 * max(caps, 1):
        return make_edit(rule, text, w.start, w.end, low,
                         evidence=(f"corpus prose: '{low}' x{lowers}, '{t}' mid-sentence x{caps}",))
    if caps <= 1 and zipf(low) >= LONE_ZIPF and t not in given and low not in given and prev.text.islower() \
            and prev.text not in ARTICLES:  # "listen to the Daily": a title the article names
        # "how Serious", "rural Areas": the corpus writes the word too rarely to count, but capitalised
        # only here, and English writes it all the time: a name would recur, a scraper's capital does not
        # (a document cleaned alone is its own corpus)
        # a suggestion: on blind text some of these are names made of common words ("Castle ward")
        return make_edit(rule, text, w.start, w.end, low, safety=Safety.SUGGESTION,
                         evidence=(f"'{t}' capitalised nowhere else in the corpus; a common English word "
                                   f"(Zipf {zipf(low):.1f}), no given name",))
    return None  # the corpus capitalises it elsewhere too: it may be a name or a term


def _upper(rule, text, w, prev, nxt, names) -> Edit | None:
    t = w.text
    if not t.islower() or not t.isalpha():
        return None
    line_start = text.rfind("\n", 0, w.start) + 1
    before = text[line_start:w.start]
    if before.strip():
        m = SENTENCE_END.search(before)
        if m is None:
            return None
        word = m.group(1)
        if len(word) < 2 or word.lower() in ABBREVIATIONS or m.group(0)[:1] == "." or word.isdigit():
            return None  # "p.m. on", "Mr. smith", "e.g. the", "No. 5": an abbreviation's full stop ends no sentence
    else:
        line_end = text.find("\n", w.start)
        line = text[w.start:line_end if line_end >= 0 else len(text)].rstrip()
        if len(line.split()) < MIN_LINE_WORDS or not line.endswith((".", "!", "?", '"', "”")):
            return None  # a list item, a label or a heading may be lowercase on purpose
    return make_edit(rule, text, w.start, w.start + 1, t[0].upper(),
                     evidence=("starts a sentence" if before.strip() else "starts a line of prose",))


@functools.lru_cache(maxsize=8)
def _known_names(base, given_names, gazetteer) -> frozenset[str]:
    """Given names as written ("Mark", "Rose": names as often as words) and the gazetteer's one-word
    names in lowercase ("spain"): words a lone capital may be right for."""
    out: set[str] = set()
    if given_names:
        out |= read_words(base / given_names)
    if gazetteer:
        out |= {k for k in gz.load(base / gazetteer).names if " " not in k}
    return frozenset(out)
