"""``corpus_company``: a short word misheard in a transcript, repaired by the company it keeps in the corpus.

"a te set" in a caption, "a tea set" three times in the corpus's prose: the word
before "set" is one edit away, sounds the same (Double Metaphone) and is the one the
corpus uses with that neighbour, while the caption's pair never occurs in prose.
Evidence is the corpus's word pairs (the ``names`` learner), so with no corpus this
rule stays silent. YAML parameters: ``min_pairs`` (corpus uses of the right pair, default 2).
"""
from __future__ import annotations

from typing import Iterator

from ..lang.names import knowledge
from ..lang.phonetic import distance, sounds_alike
from ..lang.regions import inside, runs
from ..lang.tokens import words
from ..lang.vocab import zipf
from ..model import Document, Edit
from . import register_kind
from .base import RuleKind, make_edit
from .segment import CLOSED_CLASS
from .stutter import FUNCTION_WORDS

MAX_ZIPF = 4.5  # common words ("us", "as") are heard right; only rarer ones are replaced


@register_kind
class CorpusCompany(RuleKind):
    name = "corpus_company"

    def propose(self, doc: Document) -> Iterator[Edit]:
        names = knowledge(doc)
        if not names.pairs:
            return
        text = doc.text
        spans = runs(text, 40)
        toks = [w for w in words(text) if inside(spans, w.start, w.end)]
        for rule in self.rules:
            need = int(rule.params.get("min_pairs", 2))
            for w, nxt in zip(toks, toks[1:]):
                x, n = w.text, nxt.lower
                if not (2 <= len(x) <= 5 and x.isalpha() and x.islower()) or x in FUNCTION_WORDS | CLOSED_CLASS \
                        or zipf(x) >= MAX_ZIPF:
                    continue
                if text[w.end:nxt.start] != " " or n in FUNCTION_WORDS or names.pairs[(x, n)]:
                    continue
                found = [y for y in names.adjacent.get(n, ()) if names.pairs[(y, n)] >= need
                         and y.isalpha() and distance(x, y) == 1 and sounds_alike(x, y) and zipf(y) > zipf(x)]
                if len(found) == 1:
                    y = found[0]
                    yield make_edit(rule, text, w.start, w.end, y,
                                    evidence=(f"corpus: '{y} {n}' x{names.pairs[(y, n)]}, '{x} {n}' never",))
