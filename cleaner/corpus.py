"""Corpus-level knowledge: what the whole corpus says, learned before any document is cleaned.

Learners observe every document once (streaming) and summarise it: names
and their spellings, lines repeated across documents, and so on. Rules read
the summary through ``doc.corpus.get(name)``. A single document on stdin gets
knowledge learned from itself alone.
"""
from __future__ import annotations

import hashlib
import importlib
from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable

LEARNERS: dict[str, type["Learner"]] = {}


class Learner:
    """Subclasses set ``name`` and implement ``observe`` and ``finish``."""

    name: ClassVar[str] = ""

    def observe(self, doc_id: str, text: str) -> None:
        raise NotImplementedError

    def finish(self) -> Any:
        raise NotImplementedError


def register_learner(cls: type[Learner]) -> type[Learner]:
    LEARNERS[cls.name] = cls
    return cls


@dataclass
class CorpusKnowledge:
    documents: int = 0
    characters: int = 0
    data: dict[str, Any] = field(default_factory=dict)
    duplicates: int = 0  # documents whose exact text an earlier document already had: observed once

    @property
    def distinct_documents(self) -> int:
        return self.documents - self.duplicates

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)


# The modules that register a learner: imported by name, so learning never imports every rule kind
# (``tests/test_registry.py`` checks that importing every kind and detector finds no other).
LEARNER_MODULES = ("cleaner.lang.contexts", "cleaner.lang.entities", "cleaner.lang.names", "cleaner.seo.repeats", "cleaner.spinner.ngrams")


def import_learners() -> None:
    for name in LEARNER_MODULES:
        importlib.import_module(name)


def learn(docs: Iterable[tuple[str, str]]) -> CorpusKnowledge:
    """Run every registered learner over ``(doc_id, text)`` pairs.

    An exact duplicate of a document already seen is counted but not observed again: eight copies
    of one article are one article, not a template whose every line repeats across the corpus
    (SEO011), nor eight votes for how it spells a name (TYP003).

    >>> k = learn([("a", "Same text."), ("b", "Same text."), ("c", "Other.")])
    >>> k.documents, k.duplicates
    (3, 1)
    """
    import_learners()
    learners = [cls() for _, cls in sorted(LEARNERS.items())]
    knowledge = CorpusKnowledge()
    seen: set[bytes] = set()
    for doc_id, text in docs:
        knowledge.documents += 1
        knowledge.characters += len(text)
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        if digest in seen:
            knowledge.duplicates += 1
            continue
        seen.add(digest)
        for learner in learners:
            learner.observe(doc_id, text)
    knowledge.data = {learner.name: learner.finish() for learner in learners}
    return knowledge
