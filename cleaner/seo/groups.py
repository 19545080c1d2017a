"""A group: one or more lines recognised together as one piece of furniture (one logged edit)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Group:
    """Lines ``first``..``last`` (inclusive, 0-based line numbers) of one furniture class.

    ``strength`` is ``strong`` (remove) or ``unsure`` (keep, log a suggestion).
    """

    cls: str
    first: int
    last: int
    strength: str
    what: str
    evidence: tuple[str, ...] = ()

    @property
    def removable(self) -> bool:
        return self.strength == "strong"
