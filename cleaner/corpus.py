"""Corpus-level knowledge: what the whole corpus says, learned before any document is cleaned.

Learners observe every document once (streaming) and summarise it: names
and their spellings, lines repeated across documents, and so on. Rules read
the summary through ``doc.corpus.get(name)``. A single document on stdin gets
knowledge learned from itself alone.
"""
from __future__ import annotations

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

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)


def learn(docs: Iterable[tuple[str, str]]) -> CorpusKnowledge:
    """Run every registered learner over ``(doc_id, text)`` pairs."""
    from . import detectors, kinds  # learners live beside the kinds and detectors that use them

    kinds._discover()
    detectors.all_detectors()
    learners = [cls() for _, cls in sorted(LEARNERS.items())]
    knowledge = CorpusKnowledge()
    for doc_id, text in docs:
        knowledge.documents += 1
        knowledge.characters += len(text)
        for learner in learners:
            learner.observe(doc_id, text)
    knowledge.data = {learner.name: learner.finish() for learner in learners}
    return knowledge
