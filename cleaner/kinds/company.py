"""``corpus_company``: a short word misheard in a transcript, repaired by the company it keeps in the corpus.

"a te set" in a caption, "a tea set" three times in the corpus's prose: the word
before "set" is one edit away, sounds the same (Double Metaphone) and is the one the
corpus uses with that neighbour, while the caption's pair never occurs in prose.
Evidence is the corpus's word pairs (the ``names`` learner), so with no corpus this
rule stays silent. YAML parameters: ``min_pairs`` (corpus uses of the right pair, default 2),
``min_letters`` and ``max_letters`` (of the caption's word, 2 and 5), ``max_distance`` (edits between the two words, 1),
``both_sides`` (also judge the word by the word before it, false), ``rarer_by`` (how many Zipf
points rarer than the caption's word the corpus's may be, 0: it must be commoner; "moral" 4.2 was
said as "morale" 3.7).
"""
from __future__ import annotations

from typing import Iterator

from ..lang.names import knowledge
from ..lang.phonetic import distance, sounds_alike
from ..lang.regions import run_words
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
        toks = run_words(text)
        for rule in self.rules:
            need = int(rule.params.get("min_pairs", 2))
            shortest, longest = int(rule.params.get("min_letters", 2)), int(rule.params.get("max_letters", 5))
            furthest = int(rule.params.get("max_distance", 1))
            both = bool(rule.params.get("both_sides", False))
            rarer_by = float(rule.params.get("rarer_by", 0.0))  # how much rarer the corpus's word may be
            for k, w in enumerate(toks):
                x = w.text
                if not (shortest <= len(x) <= longest and x.isalpha() and x.islower()) or x in FUNCTION_WORDS | CLOSED_CLASS \
                        or zipf(x) >= MAX_ZIPF:
                    continue
                sides = []
                if k + 1 < len(toks) and text[w.end:toks[k + 1].start] == " ":
                    sides.append((toks[k + 1].lower, False))  # the word after: "a te set"
                if both and k and text[toks[k - 1].end:w.start] == " ":
                    sides.append((toks[k - 1].lower, True))  # the word before: "strike ballet"
                for n, before in sides:
                    pair = (n, x) if before else (x, n)
                    if n in FUNCTION_WORDS or names.pairs[pair]:
                        continue
                    uses = {y: names.pairs[(n, y) if before else (y, n)] for y in names.adjacent.get(n, ())}
                    found = [y for y, u in uses.items() if u >= need and y.isalpha() and y != x
                             and names.lower[y] > names.caps[y.capitalize()]  # a word, not a name ("Auras car")
                             and distance(x, y) <= furthest and sounds_alike(x, y) and zipf(y) > zipf(x) - rarer_by]
                    if len(found) == 1:
                        y = found[0]
                        right, wrong = (f"{n} {y}", f"{n} {x}") if before else (f"{y} {n}", f"{x} {n}")
                        yield make_edit(rule, text, w.start, w.end, y,
                                        evidence=(f"corpus: '{right}' x{uses[y]}, '{wrong}' never",))
                        break
