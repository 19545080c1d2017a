"""``stutter``: a word or short phrase written twice in a row ("the the", "it's it's", "for for instance").

Two modes. ``mode: speech`` (transcripts) collapses any repeat of 1 to ``max_phrase``
words. ``mode: prose`` only collapses a single repeated word, safely for the
function words writers double by accident ("the the") and as a suggestion for
others. Both honour ``lexicons/doubled_ok.tsv`` ("had had", "that that",
"it is is"), never cross a paragraph break or punctuation, and leave doubled
capitalised words (names such as "Walla Walla") alone. The second copy is the one
deleted, so a capital at a sentence start survives.

YAML parameters: ``mode`` (speech | prose), ``max_phrase`` (default 4), ``exceptions`` (TSV).
"""
from __future__ import annotations

import re
from typing import Iterator

from ..lang.tokens import words
from ..lexicon import read_rows
from ..lang.names import knowledge
from ..model import Document, Edit, Safety
from ..registry import RuleSpec
from . import register_kind
from .base import RuleKind, make_edit

FUNCTION_WORDS = frozenset(
    "the a an to of in on at for and or but is was are were be been with by from as it its this that "
    "their there they we he she his her our your you i my not has have will would can could should".split())
GAP_RE = re.compile(r"[ \t]+\n?[ \t]*|\n[ \t]*")
# A preposition may end one phrase and begin the next: "placed in in the past", "waited for for years".
PREPOSITIONS = frozenset("in on at for to of by with from about into over under through".split())
VERB_ENDINGS = ("ed", "ing", "en")
JOINERS = "-‐'’"
SENTENCE_GAP = re.compile(r"[.!?:\"“]\s*\Z")  # the gap before a word that opens a sentence or a quote


def stranded_preposition(lows: list[str], i: int) -> bool:
    """Whether ``lows[i]``, a preposition said twice, may close a clause whose verb comes right before it.

    >>> stranded_preposition("we waited for for years".split(), 2)
    True
    >>> stranded_preposition("we went to to the shop".split(), 2)
    False
    """
    return lows[i] in PREPOSITIONS and i > 0 and lows[i - 1].endswith(VERB_ENDINGS) and len(lows[i - 1]) > 3


def glued_copy(text: str, first, second) -> bool:
    """Whether a copy is part of a longer token: "8x10in in size", "in in-fighting"."""
    before = text[first.start - 1:first.start]
    after = text[second.end:second.end + 1]
    return bool(before) and (before.isalnum() or before in JOINERS) or bool(after) and (
        after.isalnum() or after in JOINERS)


@register_kind
class Stutter(RuleKind):
    name = "stutter"

    def __init__(self, rules, regex_timeout: float = 5.0):
        super().__init__(rules, regex_timeout)
        self.rule = self.rules[0]
        p = self.rule.params
        self.speech = p.get("mode", "prose") == "speech"
        self.max_phrase = int(p.get("max_phrase", 4)) if self.speech else 1
        self.ok: dict[str, frozenset[str]] = {}
        if p.get("exceptions"):
            for _, cols in read_rows(self.rule.base_dir / p["exceptions"], 1):
                after = cols[1] if len(cols) > 1 else ""
                self.ok[cols[0].lower()] = frozenset(a for a in after.split("|") if a)

    @classmethod
    def validate(cls, rule: RuleSpec) -> list[str]:
        problems = super().validate(rule)
        if rule.params.get("mode", "prose") not in ("speech", "prose"):
            problems.append("mode must be 'speech' or 'prose'")
        return problems

    def _excepted(self, toks, i: int, n: int) -> bool:
        if n != 1:
            return False
        word = toks[i].lower
        if word not in self.ok:
            return False
        after = self.ok[word]
        return not after or (i > 0 and toks[i - 1].lower in after)

    def propose(self, doc: Document) -> Iterator[Edit]:
        text = doc.text
        toks = words(text)
        gaps = [b.start == a.end + 1 and text[a.end] == " " or GAP_RE.fullmatch(text, a.end, b.start) is not None
                for a, b in zip(toks, toks[1:])]
        lows = [w.text.lower() for w in toks]
        names = knowledge(doc)
        i = 0
        while i < len(toks):
            for n in range(self.max_phrase, 0, -1):
                j = i + n
                if j + n > len(toks) or lows[i] != lows[j] or lows[i:j] != lows[j:j + n]:
                    continue
                if not all(gaps[i:j + n - 1]) or self._excepted(toks, i, n):
                    continue
                first, second = toks[i:j], toks[j:j + n]
                if first[0].text[0].isupper() and second[0].text[0].isupper() and lows[i:j] != ["i"]:
                    continue  # "Walla Walla", "Sirhan Sirhan": names repeat on purpose; "I I think" is a stutter
                if glued_copy(text, first[0], second[-1]):
                    continue
                if self.speech and n == 1 and said_so(names, lows, i):
                    continue  # "a dull bang bang", "mayday mayday": the corpus prose quotes the repeat
                if not self.speech and first[0].text[0].isupper() and not second[0].text[0].isupper() \
                        and i > 0 and not SENTENCE_GAP.search(text[toks[i - 1].end:first[0].start]):
                    continue  # "gave India A a lead", "Plan A a success": a name or label, then the word
                safety = None
                if not self.speech and (lows[i] not in FUNCTION_WORDS or doc.profile.has("spun")
                                        or n == 1 and stranded_preposition(lows, i)):
                    # spun text doubles words where a synonym replaced one ("go to to"): leave it to SPN;
                    # "waited for for years" may be meant
                    safety = Safety.SUGGESTION
                phrase = " ".join(w.text for w in first)
                yield make_edit(self.rule, text, first[-1].end, second[-1].end, "", safety=safety, phrase=phrase)
                i = j + n - 1
                break
            i += 1


def said_so(names, lows: list[str], i: int) -> bool:
    """Whether the corpus prose writes this repeat after the same word ("a dull bang bang", "what it is
    is"): a companion article quoting the speaker; a stray "the the" typo elsewhere rarely shares
    the word before it."""
    word = lows[i]
    return names.pairs.get((word, word), 0) >= 1 and (i == 0 or names.pairs.get((lows[i - 1], word), 0) >= 1)
