"""Corpus learner ``names``: how the corpus spells and cases its names, and in what company.

Read only from punctuated prose sentences (see :mod:`cleaner.lang.regions`), so the
random capitals of an auto-caption teach nothing. For every capitalised word in the
middle of a sentence it counts occurrences, documents and neighbouring words; for
every word it counts lowercase uses; it also counts lowercase word pairs. Rules
then ask: is "Seoul" a name here (capitalised 4 times in 2 documents, never
lowercase)? Is "Auras" a rare variant of it ("Aurus", 3 documents, shares the
neighbour "limousine")? Which word goes before "set" ("tea", 3 times)?
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..corpus import Learner, register_learner
from .chars import C0_CONTROLS, INVISIBLES, TERMINAL_ESCAPE
from .regions import runs, sentence_spans
from .tokens import words

NAME = "names"
OPENERS = "“\"‘'([:—–-•*#>"
MAX_NEIGHBOURS = 64
MAX_PAIRS = 400_000  # memory bound at scale: rare entries are dropped first (see prune)
MAX_WORDS = 200_000
GLUE = set("/@#_.\\&+=") | set("0123456789")  # a word touching these is part of a URL, handle or code
# What the unicode pack (MOJ003-005) removes before any rule reads the text: terminal escapes, C0 controls,
# DEL, soft hyphens and zero-width characters. The learner reads text without them, or the knowledge learned
# from a damaged corpus would differ from that learned from its clean output ("inc\u00adluded" a lowercase
# "inc", "\x1b[0m" a break that cuts a transcript run short) and a second run would clean again.
NOISE_RE = re.compile(rf"{TERMINAL_ESCAPE}|[{C0_CONTROLS}{INVISIBLES}]")
# UTF-8 read as Latin-1/cp1252 ("FranÃ§ois"): its fragments ("FranÃ") would count as names of their own
MOJIBAKE_LINE_RE = re.compile(r"^.*(?:[ÂÃÅÆÐÑØ][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]|â€).*$",
                              re.M)


def learnable(text: str) -> str:
    """The text as the rules will see it after the character-level repairs: controls, invisible characters
    and terminal escapes removed, lines of mojibake decoded (ftfy), so knowledge learned from a damaged corpus
    matches that learned from its clean output.

    >>> learnable("Fran\u00c3\u00a7ois said inc\u00adluded\x1b[0m")
    'François said included'
    """
    text = NOISE_RE.sub("", text)
    if "â€" in text or any(c in text for c in "ÂÃÅÆÐÑØ"):
        import ftfy  # only a text with mojibake hints pays for it

        text = MOJIBAKE_LINE_RE.sub(lambda m: ftfy.fix_encoding(m.group()), text)
    return text


@dataclass
class NameKnowledge:
    caps: Counter = field(default_factory=Counter)  # "Seoul" -> mid-sentence capitalised uses
    docs: Counter = field(default_factory=Counter)  # "Seoul" -> documents using it so
    lower: Counter = field(default_factory=Counter)  # "seoul" -> lowercase uses
    neighbours: dict = field(default_factory=dict)  # "Seoul" -> lowercase words within two of it
    pairs: Counter = field(default_factory=Counter)  # ("tea", "set") -> uses in prose, lowercase
    run_pairs: Counter = field(default_factory=Counter)  # the same in unpunctuated transcript runs
    by_lower: dict = field(default_factory=dict)  # "seoul" -> ["Seoul"]

    def is_name(self, form: str, min_count: int = 2) -> bool:
        """Capitalised mid-sentence at least ``min_count`` times and never written in lowercase."""
        return self.caps[form] >= min_count and self.lower[form.lower()] == 0

    @property
    def adjacent(self) -> dict[str, set]:
        """"set" -> {"tea", "a", ...}: an index of the word pairs, built on first use in each process
        (so the knowledge handed to workers stays small)."""
        index = self.__dict__.get("_adjacent")
        if index is None:
            index = {}
            for a, b in (*self.pairs, *self.run_pairs):
                index.setdefault(a, set()).add(b)
                index.setdefault(b, set()).add(a)
            self.__dict__["_adjacent"] = index
        return index

    def company(self, form: str) -> set[str]:
        """Lowercase words seen right next to ``form`` anywhere in the corpus."""
        return set(self.neighbours.get(form, ())) | self.adjacent.get(form.lower(), set())

    def forms(self, lower: str) -> list[str]:
        return self.by_lower.get(lower, [])


@register_learner
class NameLearner(Learner):
    name = NAME

    def __init__(self):
        self.k = NameKnowledge()
        self.neigh: dict[str, Counter] = defaultdict(Counter)

    def observe(self, doc_id: str, text: str) -> None:
        text = learnable(text)
        seen: set[str] = set()
        for start, end in sentence_spans(text):
            toks = words(text[start:end])
            lows = [w.lower for w in toks]
            for a, b in zip(lows, lows[1:]):
                self.k.pairs[(a, b)] += 1
            sentence = text[start:end]
            for i, w in enumerate(toks):
                after = sentence[w.end:w.end + 2]
                if sentence[w.start - 1:w.start] in GLUE or after[:1] in GLUE - {"."} or \
                        after[:1] == "." and after[1:].isalnum():
                    continue  # parts of URLs, handles, hashtags and addresses are not vocabulary
                if not w.text[0].isupper():
                    if w.text.islower():  # "thisLicense", "iPhone" are glue or brands, not lowercase uses
                        self.k.lower[w.lower] += 1
                    continue
                if i == 0:
                    continue
                gap = text[start + toks[i - 1].end:start + w.start]
                if any(c in OPENERS for c in gap) or "\n" in gap:
                    continue
                self.k.caps[w.text] += 1
                seen.add(w.text)
                near = self.neigh[w.text] if w.text in self.neigh or len(self.neigh) < MAX_WORDS else Counter()
                if len(near) < MAX_NEIGHBOURS:
                    for j in (i - 2, i - 1, i + 1, i + 2):
                        if 0 <= j < len(toks):
                            near[lows[j]] += 1
        for form in seen:
            self.k.docs[form] += 1
        for counter, limit in ((self.k.pairs, MAX_PAIRS), (self.k.run_pairs, MAX_PAIRS), (self.k.lower, MAX_WORDS),
                               (self.k.caps, MAX_WORDS), (self.k.docs, MAX_WORDS)):
            if len(counter) > limit:
                prune(counter, limit)
        for start, end, _ in runs(text):  # transcripts: their word pairs still show company
            lows = [w.lower for w in words(text[start:end])]
            for a, b in zip(lows, lows[1:]):
                self.k.run_pairs[(a, b)] += 1

    def finish(self) -> NameKnowledge:
        self.k.neighbours = {form: frozenset(near) for form, near in self.neigh.items() if form in self.k.caps}
        by_lower: dict[str, list[str]] = defaultdict(list)
        for form, _ in self.k.caps.most_common():
            by_lower[form.lower()].append(form)
        self.k.by_lower = dict(by_lower)
        return self.k


def prune(counter: Counter, limit: int) -> None:
    """Drop the rarest entries until ``counter`` holds at most ``limit * 3 // 4`` (deterministic, order-free).

    A corpus of hundreds of gigabytes would otherwise grow these tables without bound; names
    and pairs that matter recur, so they survive.

    >>> c = Counter({"a": 5, "b": 1, "c": 1, "d": 2}); prune(c, 2); sorted(c)
    ['a']
    """
    floor = 1
    while len(counter) > limit * 3 // 4:
        for key in [k for k, n in counter.items() if n <= floor]:
            del counter[key]
        floor += 1


def knowledge(doc) -> NameKnowledge:
    """The ``names`` knowledge of a document's corpus (empty when there is none)."""
    corpus = getattr(doc, "corpus", None)
    found = corpus.get(NAME) if corpus is not None else None
    return found if found is not None else NameKnowledge()
