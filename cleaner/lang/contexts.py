"""The words the corpus's prose writes between two neighbours: where a caption heard another word.

A captioner hears a word as a neighbour of its sound ("an amber morning for" for *warning*, "the
rainy reason would" for *season*); the article about the same event writes the sentence with the
right word between the same two words. For every word of every prose sentence this learner counts
the triple (word before, word, word after), lowercase, the sentence's end counting as a word
after (``END``); :class:`ContextKnowledge` answers which
words the prose writes between a given pair. Transcript runs teach nothing (no punctuation: they
are what is being repaired). Bounded: past ``MAX_TRIPLES`` the rarest triples go (see
:func:`names.prune`), so a corpus of any size keeps a table of fixed size.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..corpus import Learner, register_learner
from .names import learnable, prune
from .regions import sentence_spans
from .tokens import WORD_RE

NAME = "contexts"
MAX_TRIPLES = 400_000
END = "</s>"  # the sentence's end, as a right neighbour: "looks shallow." is ("looks", "shallow", END)


@dataclass
class ContextKnowledge:
    triples: Counter = field(default_factory=Counter)  # ("amber", "warning", "for") -> uses in prose

    def between(self, left: str, right: str) -> dict[str, int]:
        """The words the prose writes between ``left`` and ``right``, with their uses (an index built
        on first use in each process)."""
        index = self.__dict__.get("_index")
        if index is None:
            index = self.__dict__["_index"] = {}
            for (a, m, b), n in self.triples.items():
                index.setdefault((a, b), {})[m] = n
        return index.get((left, right), {})


@register_learner
class ContextLearner(Learner):
    name = NAME

    def __init__(self):
        self.k = ContextKnowledge()

    def observe(self, doc_id: str, text: str) -> None:
        text = learnable(text)
        triples = self.k.triples
        for start, end in sentence_spans(text):
            toks = WORD_RE.findall(text[start:end].lower()) + [END]  # the caption's tokens, lowercase (tokens.words)
            triples.update(zip(toks, toks[1:], toks[2:]))
        if len(self.k.triples) > MAX_TRIPLES:
            prune(self.k.triples, MAX_TRIPLES)

    def finish(self) -> ContextKnowledge:
        return self.k


def context_knowledge(doc) -> ContextKnowledge:
    """The ``contexts`` knowledge of a document's corpus (empty when there is none)."""
    corpus = getattr(doc, "corpus", None)
    found = corpus.get(NAME) if corpus is not None else None
    return found if found is not None else ContextKnowledge()
