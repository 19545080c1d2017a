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

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..corpus import Learner, register_learner
from .regions import prose_sentences, runs
from .tokens import words

NAME = "names"
OPENERS = "“\"‘'([:—–-•*#>"
MAX_NEIGHBOURS = 64
GLUE = set("/@#_.\\&+=") | set("0123456789")  # a word touching these is part of a URL, handle or code


@dataclass
class NameKnowledge:
    caps: Counter = field(default_factory=Counter)  # "Seoul" -> mid-sentence capitalised uses
    docs: Counter = field(default_factory=Counter)  # "Seoul" -> documents using it so
    lower: Counter = field(default_factory=Counter)  # "seoul" -> lowercase uses
    neighbours: dict = field(default_factory=dict)  # "Seoul" -> Counter of lowercase neighbour words
    pairs: Counter = field(default_factory=Counter)  # ("tea", "set") -> uses in prose, lowercase
    run_pairs: Counter = field(default_factory=Counter)  # the same in unpunctuated transcript runs
    by_lower: dict = field(default_factory=dict)  # "seoul" -> ["Seoul"]
    adjacent: dict = field(default_factory=dict)  # "set" -> {"tea", "a", ...}: index of ``pairs``

    def is_name(self, form: str, min_count: int = 2) -> bool:
        """Capitalised mid-sentence at least ``min_count`` times and never written in lowercase."""
        return self.caps[form] >= min_count and self.lower[form.lower()] == 0

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
        seen: set[str] = set()
        for start, end in prose_sentences(text):
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
                    self.k.lower[w.lower] += 1
                    continue
                if i == 0:
                    continue
                gap = text[start + toks[i - 1].end:start + w.start]
                if any(c in OPENERS for c in gap) or "\n" in gap:
                    continue
                self.k.caps[w.text] += 1
                seen.add(w.text)
                near = self.neigh[w.text]
                if len(near) < MAX_NEIGHBOURS:
                    for j in (i - 2, i - 1, i + 1, i + 2):
                        if 0 <= j < len(toks):
                            near[lows[j]] += 1
        for form in seen:
            self.k.docs[form] += 1
        for start, end, _ in runs(text):  # transcripts: their word pairs still show company
            lows = [w.lower for w in words(text[start:end])]
            for a, b in zip(lows, lows[1:]):
                self.k.run_pairs[(a, b)] += 1

    def finish(self) -> NameKnowledge:
        self.k.neighbours = dict(self.neigh)
        by_lower: dict[str, list[str]] = defaultdict(list)
        for form, _ in self.k.caps.most_common():
            by_lower[form.lower()].append(form)
        self.k.by_lower = dict(by_lower)
        adjacent: dict[str, set] = defaultdict(set)
        for a, b in (*self.k.pairs, *self.k.run_pairs):
            adjacent[a].add(b)
            adjacent[b].add(a)
        self.k.adjacent = dict(adjacent)
        return self.k


def knowledge(doc) -> NameKnowledge:
    """The ``names`` knowledge of a document's corpus (empty when there is none)."""
    corpus = getattr(doc, "corpus", None)
    found = corpus.get(NAME) if corpus is not None else None
    return found if found is not None else NameKnowledge()
